/* audit_chain.c - canonical form, hashing and verification of audit records.
 * Must not read or write storage; store/store_audit.c does. */
#include "core/audit_chain.h"

#include "util/jsonw.h"

#include <inttypes.h>
#include <sodium.h>
#include <string.h>

static void kraw(struct jsonw *w, const char *key, const char *json)
{
	jsonw_key(w, key);
	if (json)
		jsonw_raw(w, json, strlen(json));
	else
		jsonw_null(w);
}

static void kid(struct jsonw *w, const char *key, int64_t id)
{
	jsonw_key(w, key);
	if (id)
		jsonw_int(w, id);
	else
		jsonw_null(w);
}

void audit_canonical(const struct audit_rec *r, struct strbuf *out)
{
	struct jsonw w;

	/* keys in byte order: this is the canonical form, do not reorder */
	jsonw_init(&w, out);
	jsonw_obj_open(&w);
	jsonw_kstr(&w, "action", r->action);
	kraw(&w, "after", r->after_json);
	kraw(&w, "before", r->before_json);
	jsonw_kstr(&w, "client_addr", r->client_addr);
	jsonw_kstr(&w, "entity_id", r->entity_id);
	jsonw_kstr(&w, "entity_type", r->entity_type);
	kid(&w, "org_id", r->org_id);
	jsonw_kstr(&w, "prev_hash", r->prev_hash);
	jsonw_kint(&w, "seq", r->seq);
	jsonw_kstr(&w, "time", r->time);
	kid(&w, "user_id", r->user_id);
	jsonw_kstr(&w, "username", r->username);
	jsonw_obj_close(&w);
}

void audit_hash(const char *prev_hash, const char *canon, size_t canon_len,
                char hex[AUDIT_HASH_HEX])
{
	crypto_hash_sha256_state st;
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)prev_hash, strlen(prev_hash));
	crypto_hash_sha256_update(&st, (const unsigned char *)"\n", 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)canon, canon_len);
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(hex, AUDIT_HASH_HEX, h, sizeof(h));
}

void audit_verify_init(struct audit_verify *v)
{
	memset(v, 0, sizeof(*v));
	strcpy(v->head, AUDIT_GENESIS);
}

static bool broken(struct audit_verify *v, int64_t seq, const char *reason)
{
	v->broken_seq = seq;
	v->reason = reason;
	return false;
}

bool audit_verify_row(struct audit_verify *v, const struct audit_rec *r, const char *stored_canon,
                      const char *stored_hash)
{
	struct strbuf canon = STRBUF_INIT;
	char hex[AUDIT_HASH_HEX];
	bool ok = false;

	if (v->broken_seq)
		return false;
	if (r->seq != v->count + 1) {
		broken(v, v->count + 1, "记录序号不连续（记录被删除或顺序被改动）");
		goto cleanup;
	}
	if (!r->prev_hash || strcmp(r->prev_hash, v->head) != 0) {
		broken(v, r->seq, "与上一条记录的哈希不衔接（记录被删除、插入或调换）");
		goto cleanup;
	}
	audit_canonical(r, &canon);
	if (!stored_canon || strcmp(canon.buf, stored_canon) != 0) {
		broken(v, r->seq, "记录内容与其规范形式不一致（记录被篡改）");
		goto cleanup;
	}
	audit_hash(v->head, canon.buf, canon.len, hex);
	if (!stored_hash || strcmp(hex, stored_hash) != 0) {
		broken(v, r->seq, "记录哈希不正确（记录被篡改）");
		goto cleanup;
	}
	memcpy(v->head, hex, sizeof(hex));
	v->count++;
	ok = true;
cleanup:
	strbuf_release(&canon);
	return ok;
}

bool audit_verify_head(struct audit_verify *v, int64_t head_seq, const char *head_hash)
{
	if (v->broken_seq)
		return false;
	if (head_seq != v->count || !head_hash || strcmp(head_hash, v->head) != 0)
		return broken(v, v->count + 1,
		              head_seq > v->count ? "链头记录数多于现存记录（最新记录被删除）"
		                                  : "链头与最后一条记录不一致（链头被篡改）");
	return true;
}

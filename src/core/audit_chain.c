/* audit_chain.c - canonical form, hashing and verification of audit records.
 * Must not read or write storage; store/store_audit.c does. */
#include "core/audit_chain.h"

#include "util/jsonw.h"
#include "util/log.h"

#include <inttypes.h>
#include <openssl/evp.h>
#include <sodium.h>
#include <stdlib.h>
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

/* libcrypto's SHA-256, which uses the CPU's SHA instructions where it has them (DECISIONS 171):
 * a record of a 督办单's create hashes about 2 KB at every write, three to four times faster
 * than libsodium's portable one; the same digest (tests/unit/core/audit_chain.c) */
void audit_hash(const char *prev_hash, const char *canon, size_t canon_len,
                char hex[AUDIT_HASH_HEX])
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char h[crypto_hash_sha256_BYTES];
	unsigned int n = 0;

	if (!md || EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1 ||
	    EVP_DigestUpdate(md, prev_hash, strlen(prev_hash)) != 1 ||
	    EVP_DigestUpdate(md, "\n", 1) != 1 || EVP_DigestUpdate(md, canon, canon_len) != 1 ||
	    EVP_DigestFinal_ex(md, h, &n) != 1 || n != sizeof(h))
		fatal("audit: SHA-256 failed");
	EVP_MD_CTX_free(md);
	sodium_bin2hex(hex, AUDIT_HASH_HEX, h, sizeof(h));
}

void audit_verify_init(struct audit_verify *v)
{
	memset(v, 0, sizeof(*v));
	strcpy(v->head, AUDIT_GENESIS);
}

static int by_seq(const void *a, const void *b)
{
	const struct audit_checkpoint *x = a, *y = b;

	return (x->seq > y->seq) - (x->seq < y->seq);
}

void audit_verify_expect(struct audit_verify *v, struct audit_checkpoint *cps, size_t n)
{
	if (n)
		qsort(cps, n, sizeof(*cps), by_seq);
	v->cps = cps;
	v->ncps = n;
	v->nany = 0;
	while (v->nany < n && cps[v->nany].seq == 0)
		v->nany++;
	v->next = v->nany;
	for (size_t i = 0; i < n; i++)
		cps[i].held = false;
}

static void cp_fail(struct audit_verify *v, const struct audit_checkpoint *cp, const char *reason)
{
	if (!v->cp_failed) {
		v->cp_failed = cp;
		v->cp_reason = reason;
	}
}

/* Record seq with hash, just verified: the checkpoints naming it by number or by hash. */
static void cp_see(struct audit_verify *v, int64_t seq, const char *hash)
{
	for (size_t i = 0; i < v->nany; i++)
		v->cps[i].held |= !strcmp(v->cps[i].hash, hash);
	for (; v->next < v->ncps && v->cps[v->next].seq == seq; v->next++) {
		struct audit_checkpoint *cp = &v->cps[v->next];
		cp->held = !strcmp(cp->hash, hash);
		if (!cp->held)
			cp_fail(v, cp, "记录的哈希与检查点不同（日志被改写）");
	}
}

static bool broken(struct audit_verify *v, int64_t seq, const char *reason)
{
	v->broken_seq = seq;
	v->reason = reason;
	return false;
}

bool audit_verify_row(struct audit_verify *v, const struct audit_rec *r, const char *stored_hash)
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
	audit_hash(v->head, canon.buf, canon.len, hex);
	if (!stored_hash || strcmp(hex, stored_hash) != 0) {
		broken(v, r->seq, "记录内容与其哈希不一致（记录或其哈希被篡改）");
		goto cleanup;
	}
	memcpy(v->head, hex, sizeof(hex));
	v->count++;
	cp_see(v, r->seq, hex);
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
	for (size_t i = 0; i < v->ncps; i++)
		if (!v->cps[i].held)
			cp_fail(v, &v->cps[i],
			        v->cps[i].seq ? "检查点记载的记录已不存在（日志被截断）"
			                      : "日志中没有这个哈希的记录（日志被截断或改写）");
	return !v->cp_failed;
}

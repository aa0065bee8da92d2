/* consult_public.c - the public page of a consultation, without login: the notice, the draft
 * article by article, the window and its state, the contacts, the published comments and
 * adoption report with the final version of the draft beside it; a proof-of-work challenge; and
 * taking a comment, only inside the window, only with a solved and unused challenge, within the
 * per-address limit, and not an exact duplicate. A draft (not released) answers 404 like a missing
 * one. Never writes a commenter's name or contact. Must not write SQL. */
#include "api/api.h"
#include "api/consult_impl.h"
#include "app/consult.h"
#include "app/consult_json.h"

#include "core/consult.h"
#include "core/pow.h"
#include "core/ratelimit.h"
#include "util/timeutil.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* Accepted comments per address: 10 in 10 minutes, then the address waits 10 minutes,
 * doubling up to a day. */
static const struct ratelimit_policy comment_addr_limit = {10, 600, 600, 86400};

/* Loads the :id consultation if the public may see it (released). */
static int load(struct api_ctx *c, struct store_consultation *k)
{
	int64_t id;
	int rc;

	if (api_path_id(c, &id) != 0)
		return -1;
	rc = store_consult_get(c->db, c->a, id, k);
	if (rc == KFQ_OK && !k->released_at)
		rc = KFQ_ENOTFOUND;
	return rc == KFQ_OK ? 0 : api_store_error(c, rc);
}

/* The comments the office published, each with its handling once the report is out (the
 * office's decisions are its draft until then). */
static int published_comments(struct api_ctx *c, const struct store_consultation *k)
{
	struct store_comment_filter f = {0};
	struct store_comment *cs;
	bool out = k->report_published_at != NULL;
	int64_t total;
	int n, rc;

	f.consultation_id = k->id;
	f.published_only = true;
	if ((rc = store_comment_list(c->db, c->a, &f, &cs, &n, &total)) != KFQ_OK)
		return api_store_error(c, rc);
	if (out && consult_attach_points(c, k->id, cs, n) != 0)
		return -1;
	jsonw_key(&c->w, "comments");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < n; i++)
		consult_json_public_comment(
		    &c->w, &cs[i],
		    out ? consult_handling(c->a, cs[i].points, cs[i].n_points, cs[i].article_number)
		        : NULL);
	jsonw_arr_close(&c->w);
	return 0;
}

/* "final_version": the last version of the draft with its articles, once the report is out
 * (null before, or when the draft was never revised). */
static int final_version(struct api_ctx *c, const struct store_consultation *k)
{
	struct store_consult_version *vs, v;
	struct store_consult_article *arts;
	const char *notice;
	int nv, n, rc;

	jsonw_key(&c->w, "final_version");
	if ((rc = store_consult_versions(c->db, c->a, k->id, &vs, &nv)) != KFQ_OK)
		return api_store_error(c, rc);
	if (!k->report_published_at || nv == 0) {
		jsonw_null(&c->w);
		return 0;
	}
	if ((rc = store_consult_version_get(c->db, c->a, k->id, vs[nv - 1].seq, &v)) != KFQ_OK ||
	    (rc = consult_policy_articles(c->a, v.parsed_json, &arts, &n, &notice)) != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_key(&c->w, "articles");
	jsonw_arr_open(&c->w);
	for (int i = 0; i < n; i++)
		consult_json_article(&c->w, &arts[i]);
	jsonw_arr_close(&c->w);
	jsonw_kstr(&c->w, "note", v.note);
	jsonw_kint(&c->w, "seq", v.seq);
	jsonw_kstr(&c->w, "title", v.title);
	jsonw_kstr(&c->w, "title_note", v.title_note);
	jsonw_obj_close(&c->w);
	return 0;
}

static int get(struct api_ctx *c)
{
	struct store_consultation k;

	if (load(c, &k) != 0)
		return -1;
	k.summary = k.report_published_at ? k.summary : NULL;
	jsonw_obj_open(&c->w);
	jsonw_key(&c->w, "consultation");
	consult_json_write(&c->w, &k, api_window_clock(c));
	jsonw_kint(&c->w, "pow_bits", api_pow_bits());
	if (consult_write_articles(c, k.id) != 0 || published_comments(c, &k) != 0 ||
	    (k.report_published_at && consult_write_counts(c, k.id) != 0) ||
	    final_version(c, &k) != 0)
		return -1;
	jsonw_obj_close(&c->w);
	http_resp_header(c->req, "Cache-Control", "no-store");
	return api_ok(c, 200);
}

/* The servers' shared key of the proof of work, made by the first that needs it. */
static int pow_key(struct api_ctx *c, unsigned char key[POW_KEY_BYTES])
{
	unsigned char fresh[POW_KEY_BYTES];
	int rc;

	randombytes_buf(fresh, sizeof(fresh));
	rc = store_pow_key(c->db, fresh, key);
	sodium_memzero(fresh, sizeof(fresh));
	return rc == KFQ_OK ? 0 : api_store_error(c, rc);
}

static int challenge(struct api_ctx *c)
{
	struct store_consultation k;
	unsigned char key[POW_KEY_BYTES], nonce[POW_NONCE_BYTES];
	char ch[POW_CHALLENGE_MAX], mac[POW_MAC_HEX];
	int64_t expires = c->now + POW_TTL_SECONDS;

	if (load(c, &k) != 0 || pow_key(c, key) != 0)
		return -1;
	randombytes_buf(nonce, sizeof(nonce));
	pow_challenge_make(key, k.id, expires, api_pow_bits(), nonce, ch, mac);
	sodium_memzero(key, sizeof(key));
	jsonw_obj_open(&c->w);
	jsonw_kstr(&c->w, "challenge", ch);
	jsonw_kstr(&c->w, "mac", mac);
	jsonw_kint(&c->w, "bits", api_pow_bits());
	jsonw_kint(&c->w, "expires", expires);
	jsonw_obj_close(&c->w);
	http_resp_header(c->req, "Cache-Control", "no-store");
	return api_ok(c, 200);
}

/* Outside the window: says when the window is, stores nothing. */
static int outside(struct api_ctx *c, const struct store_consultation *k, int64_t now)
{
	char text[128];
	const char *state = consult_state(true, k->report_published_at != NULL, k->window_start,
	                                  k->window_end, now);

	consult_window_text(k->window_start, k->window_end, text, sizeof(text));
	return api_error(c, 409, !strcmp(state, "upcoming") ? "not_open" : "closed",
	                 arena_printf(c->a, "%s征求意见时间为%s，当前不在征求意见时间内",
	                              !strcmp(state, "upcoming") ? "尚未开始。" : "已经截止。",
	                              text),
	                 NULL);
}

static int check_pow(struct api_ctx *c, int64_t id, struct store_comment_new *in,
                     char pow_id[POW_MAC_HEX])
{
	static const char *const why[] = {
	    [POW_MALFORMED] = "验证信息格式不正确，请刷新页面后重试",
	    [POW_FORGED] = "验证信息无效，请刷新页面后重试",
	    [POW_EXPIRED] = "验证已过期，请重新提交",
	    [POW_ELSEWHERE] = "验证信息不属于本次征求意见，请刷新页面后重试",
	    [POW_TOO_EASY] = "验证难度已调整，请重新提交",
	    [POW_UNSOLVED] = "验证未通过，请重新提交",
	};
	const char *ch = api_body_str(c, "pow_challenge");
	unsigned char key[POW_KEY_BYTES];
	enum pow_verdict v;

	if (!ch)
		return api_error(c, 400, "pow_required", "缺少验证信息，请刷新页面后重试",
		                 "/pow_challenge");
	if (pow_key(c, key) != 0)
		return -1;
	v = pow_check(key, ch, api_body_str(c, "pow_mac"), api_body_str(c, "pow_counter"), id,
	              c->now, api_pow_bits(), &in->pow_expires);
	sodium_memzero(key, sizeof(key));
	if (v != POW_OK)
		return api_error(c, 400, v == POW_EXPIRED ? "pow_expired" : "pow_invalid", why[v],
		                 "/pow_counter");
	pow_challenge_id(ch, pow_id);
	in->pow_id = pow_id;
	return 0;
}

static int comment(struct api_ctx *c)
{
	struct store_consultation k;
	struct store_comment_new in = {0};
	struct store_actor who = c->actor;
	enum store_comment_refusal why;
	char key[128], pow_id[POW_MAC_HEX], at[TIME_RFC3339_LEN];
	int64_t now = api_window_clock(c), wait, block, id;
	int rc;

	if (load(c, &k) != 0)
		return -1;
	in.consultation_id = k.id;
	in.article_id = api_body_int(c, "article_id");
	in.channel = "web";
	in.name = api_body_str(c, "name");
	in.contact = api_body_str(c, "contact");
	in.body = api_body_str(c, "body");
	in.client_addr = c->req->client_addr;
	in.refuse_duplicate = true;
	/* received when the clock the window is read by says: inside the window it admitted it */
	time_format(now, at);
	in.received_at = at;
	if (k.report_published_at ||
	    consult_phase(k.window_start, k.window_end, now) != CONSULT_OPEN)
		return outside(c, &k, now);
	if (consult_check_comment(c, in.name, in.contact, in.body) != 0 ||
	    consult_check_article(c, k.id, in.article_id, "/article_id") != 0)
		return -1;
	snprintf(key, sizeof(key), "comment-addr:%s", c->req->client_addr);
	if (api_ratelimit_wait(c, key, &wait) != 0)
		return -1;
	if (wait > 0)
		goto limited;
	if (check_pow(c, k.id, &in, pow_id) != 0)
		return -1;
	if (api_ratelimit_hit(c, key, &comment_addr_limit, &block) != 0)
		return -1;
	if (c->now % 64 == 0 && (rc = store_pow_prune(c->db, c->now)) != KFQ_OK)
		return api_store_error(c, rc);
	who.username = "public"; /* nobody signed in: the audit record names the address */
	rc = store_comment_add(c->db, &who, &consult_json_audit, &in, &id, &why);
	if (rc == KFQ_ECONFLICT && why == STORE_COMMENT_POW_USED)
		return api_error(c, 409, "pow_used", "该验证已使用过，请重新提交", "/pow_counter");
	if (rc == KFQ_ECONFLICT && why == STORE_COMMENT_DUPLICATE)
		return api_error(c, 409, "duplicate", "已收到内容相同的意见，无需重复提交",
		                 "/body");
	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_kint(&c->w, "id", id);
	jsonw_kstr(&c->w, "message", "意见已收到，感谢您的参与");
	jsonw_obj_close(&c->w);
	return api_ok(c, 201);
limited:
	http_resp_header(c->req, "Retry-After", arena_printf(c->a, "%lld", (long long)wait));
	return api_error(
	    c, 429, "rate_limited",
	    arena_printf(c->a, "提交过于频繁，请%lld分钟后再试", (long long)(wait + 59) / 60),
	    NULL);
}

static const struct api_field comment_body[] = {
    API_ID_FIELD("article_id", false),      {"name", API_STR, false, 200},
    {"contact", API_STR, false, 254},       {"body", API_STR, true, 8000},
    {"pow_challenge", API_STR, false, 128}, {"pow_mac", API_STR, false, 80},
    {"pow_counter", API_STR, false, 20},    API_FIELDS_END};

const struct api_route api_consult_public_routes[] = {
    {"GET", "/api/public/consultations/:id", get, 0, API_PUBLIC, NULL, NULL},
    {"GET", "/api/public/consultations/:id/challenge", challenge, 0, API_PUBLIC, NULL, NULL},
    {"POST", "/api/public/consultations/:id/comments", comment, 0, API_PUBLIC, NULL, comment_body},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};

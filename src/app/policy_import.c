/* policy_import.c - the import pipeline. Must not write SQL (store/ does) nor decide which
 * organization a unit means (core/ does). */
#include "app/policy_import.h"

#include "app/task_json.h"
#include "store/store_org.h"
#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"

#include <sodium.h>
#include <string.h>

static enum unit_resolve_org_type org_type(const char *t)
{
	if (!strcmp(t, "county"))
		return UNIT_RESOLVE_COUNTY;
	if (!strcmp(t, "zone"))
		return UNIT_RESOLVE_ZONE;
	if (!strcmp(t, "platform_company"))
		return UNIT_RESOLVE_PLATFORM_COMPANY;
	if (!strcmp(t, "supervisory_body"))
		return UNIT_RESOLVE_SUPERVISORY_BODY;
	return UNIT_RESOLVE_CITY_DEPARTMENT;
}

static enum unit_resolve_zone_level zone_level(const char *l)
{
	if (!l)
		return UNIT_RESOLVE_LEVEL_NONE;
	if (!strcmp(l, "national"))
		return UNIT_RESOLVE_LEVEL_NATIONAL;
	if (!strcmp(l, "provincial"))
		return UNIT_RESOLVE_LEVEL_PROVINCIAL;
	return UNIT_RESOLVE_LEVEL_MUNICIPAL;
}

/* Builds the resolver's table from every organization; 市直相关部门 = every city department. */
static int load_ctx(struct store *s, struct arena *a, struct unit_resolve_ctx *ctx, int64_t *office)
{
	struct store_org_filter f = {0};
	struct store_org *orgs;
	int n, rc;

	*office = 0;
	memset(ctx, 0, sizeof(*ctx));
	if ((rc = store_org_list(s, a, &f, &orgs, &n)) != KFQ_OK)
		return rc;
	struct unit_resolve_org *t = arena_zalloc(a, sizeof(*t) * (size_t)(n + 1));
	int64_t *city = arena_alloc(a, sizeof(int64_t) * (size_t)(n + 1));
	size_t ncity = 0;
	for (int i = 0; i < n; i++) {
		t[i].id = orgs[i].id;
		t[i].name = orgs[i].name;
		t[i].aliases = orgs[i].aliases;
		t[i].n_aliases = (size_t)orgs[i].naliases;
		t[i].type = org_type(orgs[i].type);
		t[i].zone_level = zone_level(orgs[i].level);
		if (t[i].type == UNIT_RESOLVE_CITY_DEPARTMENT)
			city[ncity++] = orgs[i].id;
		bool is_office = !strcmp(orgs[i].name, POLICY_OFFICE_NAME);
		for (int k = 0; k < orgs[i].naliases && !is_office; k++)
			is_office = !strcmp(orgs[i].aliases[k], POLICY_OFFICE_NAME);
		if (is_office)
			*office = orgs[i].id;
	}
	ctx->orgs = t;
	ctx->n_orgs = (size_t)n;
	ctx->city_related = city;
	ctx->n_city_related = ncity;
	return KFQ_OK;
}

static const char *units_json(struct arena *a, const char *const *u, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	const char *out;

	jsonw_init(&w, &sb);
	jsonw_arr_open(&w);
	for (size_t i = 0; i < n; i++)
		jsonw_str(&w, u[i]);
	jsonw_arr_close(&w);
	out = arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return out;
}

static const char *sha256_hex(struct arena *a, const char *buf, size_t len)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char *hex = arena_alloc(a, sizeof(h) * 2 + 1);

	crypto_hash_sha256(h, (const unsigned char *)buf, len);
	return sodium_bin2hex(hex, sizeof(h) * 2 + 1, h, sizeof(h));
}

static struct store_org_ref *refs(struct arena *a, const int64_t *ids, size_t n)
{
	struct store_org_ref *r = arena_zalloc(a, sizeof(*r) * (n + 1));

	for (size_t i = 0; i < n; i++)
		r[i].id = ids[i];
	return r;
}

static int refuse(struct policy_import_result *out, enum policy_import_status st, const char *msg,
                  int rc)
{
	out->status = st;
	out->message = msg;
	out->rc = rc;
	return rc == KFQ_OK ? KFQ_EINVAL : rc;
}

struct store_task *policy_import_tasks(struct arena *a, const struct policy_import_result *out)
{
	struct store_task *tasks = arena_zalloc(a, sizeof(*tasks) * (out->tasks.n_tasks + 1));

	for (size_t i = 0; i < out->tasks.n_tasks; i++) {
		const struct policy_task *pt = &out->tasks.tasks[i];
		const struct policy_article *art = pt->article;
		struct store_task *t = &tasks[i];
		t->article_number = art->number;
		t->part_heading = policy_part_heading(a, &out->doc, art->part);
		t->group_heading = pt->group_heading;
		t->title = policy_article_caption(a, art, POLICY_CAPTION_CPS);
		t->body = art->body;
		t->lead_units = units_json(a, art->lead_units, art->n_lead_units);
		t->responsible_units =
		    units_json(a, art->responsible_units, art->n_responsible_units);
		t->guide_units = units_json(a, art->guide_units, art->n_guide_units);
		t->scope = art->scope;
		t->deadline_text = art->deadline;
		t->deadline_date = art->deadline_date;
		t->unit_source = policy_unit_source_name(art->unit_source);
		t->lead_rule_line = art->lead_rule_line;
		t->lead = refs(a, pt->lead, pt->n_lead);
		t->nlead = (int)pt->n_lead;
		t->responsible = refs(a, pt->responsible, pt->n_responsible);
		t->nresponsible = (int)pt->n_responsible;
	}
	return tasks;
}

static int store_import(struct store *s, struct arena *a, const struct store_actor *who,
                        struct policy_import_result *out)
{
	struct store_task *tasks = policy_import_tasks(a, out);
	int rc = store_policy_import(s, who, &task_json_audit, &out->policy, tasks,
	                             (int)out->tasks.n_tasks);

	struct store_policy back;

	if (rc == KFQ_ECONFLICT)
		return refuse(out, POLICY_IMPORT_DUPLICATE, "该文本已经导入过（内容完全相同）", rc);
	if (rc != KFQ_OK)
		return refuse(out, POLICY_IMPORT_STORE, "保存失败", rc);
	/* the answer shows the policy as the list will, with its time of import; the import has
	 * committed, so a failed read leaves only that time out */
	if ((rc = store_policy_get(s, a, out->policy.id, &back)) == KFQ_OK)
		out->policy.created_at = back.created_at;
	else
		log_error("policy import: policy %lld imported, its time not read back (%d)",
		          (long long)out->policy.id, rc);
	return KFQ_OK;
}

int policy_import(struct store *s, struct arena *a, const struct store_actor *who, const char *text,
                  size_t len, bool dry_run, struct policy_import_result *out)
{
	struct unit_resolve_ctx *ctx = &out->orgs;
	int64_t office;
	int rc;

	memset(out, 0, sizeof(*out));
	if (policy_parse(text, len, a, &out->doc) != KFQ_OK)
		return refuse(out, POLICY_IMPORT_BAD_TEXT, out->doc.error, KFQ_OK);
	if (out->doc.n_articles == 0)
		return refuse(out, POLICY_IMPORT_BAD_TEXT,
		              "没有识别出任何条目（如“1.”或“第一条”），无法生成改革任务", KFQ_OK);
	if ((rc = load_ctx(s, a, ctx, &office)) != KFQ_OK)
		return refuse(out, POLICY_IMPORT_STORE, "读取组织机构失败", rc);
	if (!office)
		return refuse(out, POLICY_IMPORT_NO_OFFICE,
		              "没有名称或别名为“工作专班办公室”的机构：请先在组织机构中设置改革办",
		              KFQ_OK);
	policy_tasks_build(&out->doc, ctx, office, a, &out->tasks);

	struct store_policy *p = &out->policy;
	struct strbuf js = STRBUF_INIT;
	struct jsonw w;
	/* the text, not its bytes: the same text saved with a BOM, CRLF, as UTF-16 or with blank
	 * lines and spaces ending its lines is the same */
	size_t klen;
	const char *key = policy_text_key(a, out->doc.text, out->doc.text_len, &klen);
	p->source_sha256 = sha256_hex(a, key, klen);
	if (len != out->doc.text_len || memcmp(text, out->doc.text, len) != 0)
		p->source_sha256_raw = sha256_hex(a, text, len);
	jsonw_init(&w, &js);
	policy_doc_to_json(&out->doc, &w);
	p->title = out->doc.title ? out->doc.title : "（无标题）";
	p->title_note = out->doc.title_note;
	p->doc_number = out->doc.doc_number;
	p->issuer = out->doc.notice.issuer;
	p->notice_date = out->doc.notice.date;
	p->contact_email = out->doc.notice.email;
	p->contact_phone = out->doc.notice.phone;
	p->window_start = out->doc.notice.window_start;
	p->window_end = out->doc.notice.window_end;
	p->encoding = out->doc.encoding;
	p->source_text = out->doc.text;
	p->parsed_json = arena_strdup(a, js.buf);
	p->n_warnings = (int)(out->doc.n_warnings + out->tasks.n_warnings);
	p->n_tasks = (int)out->tasks.n_tasks;
	strbuf_release(&js);
	if (dry_run)
		return KFQ_OK;
	return store_import(s, a, who, out);
}

int policy_import_edited(struct store *s, struct arena *a, const struct store_actor *who,
                         const char *text, size_t len, const struct policy_edit_task *edits,
                         size_t n_edits, struct policy_import_result *out)
{
	int rc = policy_import(s, a, who, text, len, true, out);
	struct policy_tasks parsed = out->tasks;

	if (rc != KFQ_OK)
		return rc;
	if (policy_edit_apply(&out->doc, &out->orgs, edits, n_edits, a, &out->tasks,
	                      &out->edit_error) != KFQ_OK)
		return refuse(out, POLICY_IMPORT_BAD_EDIT, out->edit_error.message, KFQ_OK);
	policy_edit_count(&parsed, edits, n_edits, a, &out->changes);
	out->policy.corrections = &out->changes;
	/* the parser's warnings stay; the resolution's are the office's choices now */
	out->policy.n_warnings = (int)(out->doc.n_warnings + out->tasks.n_warnings);
	out->policy.n_tasks = (int)out->tasks.n_tasks;
	return store_import(s, a, who, out);
}

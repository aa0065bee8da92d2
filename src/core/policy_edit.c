/* policy_edit.c - a corrected import preview into tasks. Must not read or write storage nor
 * parse the text again (policy_parse.c has). */
#include "core/policy_edit.h"

#include "util/blank.h"
#include "util/log.h"
#include "util/strbuf.h"
#include "util/textconv.h"

#include <string.h>

enum policy_orgs_rule policy_orgs_check(const int64_t *lead, size_t n_lead,
                                        const int64_t *responsible, size_t n_responsible,
                                        bool *in_responsible, size_t *at)
{
	const int64_t *sets[2] = {lead, responsible};
	size_t ns[2] = {n_lead, n_responsible};

	for (int s = 0; s < 2; s++)
		for (size_t i = 0; i < ns[s]; i++)
			for (size_t k = 0; k < i; k++)
				if (sets[s][k] == sets[s][i]) {
					*in_responsible = s == 1;
					*at = i;
					return POLICY_ORGS_REPEATED;
				}
	if (n_lead == 0)
		return POLICY_ORGS_NO_LEAD;
	for (size_t i = 0; i < n_responsible; i++)
		for (size_t k = 0; k < n_lead; k++)
			if (responsible[i] == lead[k]) {
				*in_responsible = true;
				*at = i;
				return POLICY_ORGS_ALREADY_LEAD;
			}
	return POLICY_ORGS_OK;
}

static int refuse(struct policy_edit_error *err, const char *field, const char *message)
{
	err->field = field;
	err->message = message;
	return KFQ_EINVAL;
}

static const struct unit_resolve_org *org_of(const struct unit_resolve_ctx *ctx, int64_t id)
{
	for (size_t i = 0; i < ctx->n_orgs; i++)
		if (ctx->orgs[i].id == id)
			return &ctx->orgs[i];
	return NULL;
}

/* The task's organizations: known, each once per role, one leading at least, none in both. */
static int check_orgs(const struct unit_resolve_ctx *ctx, const struct policy_edit_task *e,
                      size_t t, struct arena *a, struct policy_edit_error *err)
{
	static const char *const keys[2] = {"lead_org_ids", "responsible_org_ids"};
	const int64_t *sets[2] = {e->lead, e->responsible};
	size_t ns[2] = {e->n_lead, e->n_responsible};
	bool in_resp = false;
	size_t at = 0;

	for (int s = 0; s < 2; s++)
		for (size_t i = 0; i < ns[s]; i++) {
			const struct unit_resolve_org *o = org_of(ctx, sets[s][i]);
			if (!o)
				return refuse(err,
				              arena_printf(a, "/tasks/%zu/%s/%zu", t, keys[s], i),
				              POLICY_MSG_UNKNOWN_ORG);
			if (o->type == UNIT_RESOLVE_SUPERVISORY_BODY)
				return refuse(err,
				              arena_printf(a, "/tasks/%zu/%s/%zu", t, keys[s], i),
				              arena_printf(a, POLICY_MSG_SUPERVISORY, o->name));
		}
	switch (policy_orgs_check(e->lead, e->n_lead, e->responsible, e->n_responsible, &in_resp,
	                          &at)) {
	case POLICY_ORGS_REPEATED:
		return refuse(err, arena_printf(a, "/tasks/%zu/%s/%zu", t, keys[in_resp], at),
		              POLICY_MSG_REPEATED_ORG);
	case POLICY_ORGS_ALREADY_LEAD:
		return refuse(err, arena_printf(a, "/tasks/%zu/responsible_org_ids/%zu", t, at),
		              arena_printf(a, POLICY_MSG_ALREADY_LEAD,
		                           org_of(ctx, e->responsible[at])->name));
	case POLICY_ORGS_NO_LEAD: /* as in the parse: a warning, the office names one later */
	case POLICY_ORGS_OK:
		break;
	}
	return KFQ_OK;
}

/* s without its blank code points, to compare a split's pieces with the item's body. */
static const char *unblanked(struct arena *a, const char *s)
{
	size_t n = strlen(s), i = 0, o = 0;
	char *out = arena_alloc(a, n + 1);
	uint32_t c;

	while (i < n) {
		size_t k = textconv_utf8_next(s + i, n - i, &c);
		if (k == 0)
			k = 1;
		if (!blank_cp(c)) {
			memcpy(out + o, s + i, k);
			o += k;
		}
		i += k;
	}
	out[o] = '\0';
	return out;
}

/* Appends units not already in *v. */
static void add_units(struct arena *a, const char ***v, size_t *n, const char *const *u, size_t nu)
{
	const char **out = arena_alloc(a, sizeof(*out) * (*n + nu + 1));

	if (*n)
		memcpy(out, *v, sizeof(*out) * *n);
	for (size_t i = 0; i < nu; i++) {
		bool seen = false;
		for (size_t k = 0; k < *n && !seen; k++)
			seen = !strcmp(out[k], u[i]);
		if (!seen)
			out[(*n)++] = u[i];
	}
	*v = out;
}

/* The item a merge adds: its title sentence in front of its body. */
static const char *item_text(struct arena *a, const struct policy_article *art)
{
	if (!art->short_title || !*art->short_title)
		return art->body;
	return arena_printf(a, "%s。%s", art->short_title, art->body);
}

/* The article a task stands for: the first item's, with the others merged in. */
static struct policy_article *merged(const struct policy_doc *doc, const struct policy_edit_task *e,
                                     struct arena *a)
{
	struct policy_article *art = arena_alloc(a, sizeof(*art));
	struct strbuf body = STRBUF_INIT, scope = STRBUF_INIT;

	*art = doc->articles[e->items[0]];
	strbuf_addstr(&body, art->body);
	strbuf_addstr(&scope, art->scope ? art->scope : "");
	for (size_t i = 1; i < e->n_items; i++) {
		const struct policy_article *o = &doc->articles[e->items[i]];
		strbuf_addf(&body, "%s%s", body.len ? "\n" : "", item_text(a, o));
		if (o->scope && !strstr(scope.buf, o->scope))
			strbuf_addf(&scope, "%s%s", scope.len ? "；" : "", o->scope);
		add_units(a, &art->lead_units, &art->n_lead_units, o->lead_units, o->n_lead_units);
		add_units(a, &art->responsible_units, &art->n_responsible_units,
		          o->responsible_units, o->n_responsible_units);
		add_units(a, &art->guide_units, &art->n_guide_units, o->guide_units,
		          o->n_guide_units);
		if (o->unit_source != art->unit_source)
			art->unit_source = o->unit_source == POLICY_UNITS_NONE ? art->unit_source
			                   : art->unit_source == POLICY_UNITS_NONE
			                       ? o->unit_source
			                       : POLICY_UNITS_MIXED;
		if (!art->lead_rule_line)
			art->lead_rule_line = o->lead_rule_line;
	}
	art->body = arena_strdup(a, body.buf);
	art->scope = scope.len ? arena_strdup(a, scope.buf) : NULL;
	strbuf_release(&body);
	strbuf_release(&scope);
	return art;
}

/* Tasks t and u (u < n) are pieces of one split: both made from the same single item. */
static bool same_piece(const struct policy_edit_task *edits, size_t n, size_t t, size_t u)
{
	return u < n && edits[t].n_items == 1 && edits[u].n_items == 1 &&
	       edits[t].items[0] == edits[u].items[0];
}

/* Which items the task is made from: existing, neighbours in order, after the previous task's
 * unless both are pieces of one split. */
static int check_items(const struct policy_doc *doc, const struct policy_edit_task *edits, size_t t,
                       struct arena *a, struct policy_edit_error *err)
{
	const struct policy_edit_task *e = &edits[t];

	if (e->n_items == 0)
		return refuse(err, arena_printf(a, "/tasks/%zu/items", t),
		              "每项任务至少要对应一个条目");
	for (size_t i = 0; i < e->n_items; i++) {
		if (e->items[i] < 0 || (size_t)e->items[i] >= doc->n_articles)
			return refuse(err, arena_printf(a, "/tasks/%zu/items/%zu", t, i),
			              "条目不存在");
		if (i > 0 && e->items[i] != e->items[i - 1] + 1)
			return refuse(err, arena_printf(a, "/tasks/%zu/items/%zu", t, i),
			              "只能合并相邻的条目，且按原文顺序");
	}
	if (t > 0) {
		const struct policy_edit_task *p = &edits[t - 1];
		int64_t last = p->items[p->n_items - 1];
		if (e->items[0] < last ||
		    (e->items[0] == last && !same_piece(edits, t + 1, t, t - 1)))
			return refuse(err, arena_printf(a, "/tasks/%zu/items/0", t),
			              "任务应按原文顺序排列，每个条目只能导入一次（拆分的除外）");
	}
	return KFQ_OK;
}

static bool piece_of_split(const struct policy_edit_task *edits, size_t n, size_t t)
{
	return (t > 0 && same_piece(edits, n, t, t - 1)) || same_piece(edits, n, t, t + 1);
}

/* The pieces of the split ending at task t (the first at first) give the item's body. */
static int check_split(const struct policy_doc *doc, const struct policy_edit_task *edits,
                       size_t first, size_t t, struct arena *a, struct policy_edit_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	bool same;

	for (size_t k = first; k <= t; k++)
		strbuf_addstr(&sb, edits[k].body);
	same = !strcmp(unblanked(a, sb.buf), unblanked(a, doc->articles[edits[t].items[0]].body));
	strbuf_release(&sb);
	if (!same)
		return refuse(err, arena_printf(a, "/tasks/%zu/body", first),
		              "拆分后各项的正文合起来应与原条目的正文一致");
	return KFQ_OK;
}

static size_t cps(const char *s)
{
	size_t n = strlen(s), i = 0, count = 0;
	uint32_t c;

	while (i < n) {
		size_t k = textconv_utf8_next(s + i, n - i, &c);
		i += k ? k : 1;
		count++;
	}
	return count;
}

static int check_text(const struct policy_edit_task *edits, size_t n, size_t t, struct arena *a,
                      struct policy_edit_error *err)
{
	const struct policy_edit_task *e = &edits[t];
	bool piece = piece_of_split(edits, n, t);

	if (!e->title || blank_all(e->title))
		return refuse(err, arena_printf(a, "/tasks/%zu/title", t), "请填写任务名称");
	if (cps(e->title) > POLICY_EDIT_TITLE_MAX_CPS)
		return refuse(err, arena_printf(a, "/tasks/%zu/title", t),
		              arena_printf(a, "任务名称最多%d字", POLICY_EDIT_TITLE_MAX_CPS));
	if (piece && (!e->body || blank_all(e->body)))
		return refuse(err, arena_printf(a, "/tasks/%zu/body", t),
		              "拆分出的每项任务都要有各自的正文");
	if (!piece && e->body)
		return refuse(err, arena_printf(a, "/tasks/%zu/body", t),
		              "只有拆分出的任务才填写正文，其余任务的正文取自原文");
	return KFQ_OK;
}

static int64_t *ids_copy(struct arena *a, const int64_t *ids, size_t n)
{
	int64_t *out = arena_alloc(a, sizeof(*out) * (n + 1));

	if (n)
		memcpy(out, ids, sizeof(*out) * n);
	return out;
}

int policy_edit_apply(const struct policy_doc *doc, const struct unit_resolve_ctx *ctx,
                      const struct policy_edit_task *edits, size_t n, struct arena *a,
                      struct policy_tasks *out, struct policy_edit_error *err)
{
	size_t split_first = 0, wcap = 0;

	memset(out, 0, sizeof(*out));
	err->field = NULL;
	err->message = NULL;
	if (n == 0)
		return refuse(err, "/tasks", "至少要导入一项任务");
	out->tasks = arena_zalloc(a, sizeof(*out->tasks) * n);
	for (size_t t = 0; t < n; t++) {
		const struct policy_edit_task *e = &edits[t];
		struct policy_task *pt = &out->tasks[t];
		struct policy_article *art;
		const char *parsed, *why;
		int rc;

		if ((rc = check_items(doc, edits, t, a, err)) != KFQ_OK ||
		    (rc = check_text(edits, n, t, a, err)) != KFQ_OK ||
		    (rc = check_orgs(ctx, e, t, a, err)) != KFQ_OK)
			return rc;
		if (t == 0 || !same_piece(edits, n, t, t - 1))
			split_first = t;
		/* the last piece of a split: all of them give the item's body */
		if (split_first < t && !same_piece(edits, n, t, t + 1) &&
		    (rc = check_split(doc, edits, split_first, t, a, err)) != KFQ_OK)
			return rc;
		art = merged(doc, e, a);
		art->short_title = e->title;
		if (e->body)
			art->body = e->body;
		parsed = art->deadline;
		art->deadline = e->deadline_text && *e->deadline_text ? e->deadline_text : NULL;
		art->deadline_date = NULL;
		if (art->deadline) {
			art->deadline_date =
			    policy_deadline_date(a, art->deadline, doc->date, &why);
			/* the parser has said what it found wrong with its own deadline */
			if (why && (!parsed || strcmp(parsed, art->deadline)))
				policy_tasks_warn(a, out, &wcap, art->line,
				                  arena_printf(a, "第%d条：%s", art->number, why));
		}
		pt->article = art;
		pt->group_heading = art->group >= 0 ? doc->groups[art->group].heading : NULL;
		pt->lead = ids_copy(a, e->lead, e->n_lead);
		pt->n_lead = e->n_lead;
		pt->responsible = ids_copy(a, e->responsible, e->n_responsible);
		pt->n_responsible = e->n_responsible;
		if (e->n_lead == 0)
			policy_tasks_warn(a, out, &wcap, art->line,
			                  arena_printf(a, POLICY_MSG_NO_LEAD_WARNING, art->number));
	}
	out->n_tasks = n;
	return KFQ_OK;
}

/* policy_tasks.c - articles to tasks. Must not read or write storage. */
#include "core/policy_tasks.h"

#include "util/log.h"
#include "util/strbuf.h"

#include <string.h>

struct idset {
	int64_t *ids;
	size_t n;
};

static void add(struct idset *s, int64_t id)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->ids[i] == id)
			return;
	s->ids[s->n++] = id;
}

void policy_tasks_warn(struct arena *a, struct policy_tasks *out, size_t *cap, int line,
                       const char *msg)
{
	if (out->n_warnings == *cap) {
		int c = (int)*cap;
		out->warnings = arena_grow(a, out->warnings, sizeof(*out->warnings), &c);
		*cap = (size_t)c;
	}
	out->warnings[out->n_warnings].line = line;
	out->warnings[out->n_warnings++].message = msg;
}

static bool supervisory(const struct unit_resolve_ctx *ctx, int64_t id)
{
	for (size_t k = 0; k < ctx->n_orgs; k++)
		if (ctx->orgs[k].id == id)
			return ctx->orgs[k].type == UNIT_RESOLVE_SUPERVISORY_BODY;
	return false;
}

/* Resolves units into set, warning about what does not resolve to exactly one place; the units
 * that match nothing are kept on the task with their nearest names. A supervisory body watches
 * the tasks and is left out with a warning: it neither leads nor does one (DECISIONS 329). */
static void resolve_all(const struct unit_resolve_ctx *ctx, const struct policy_article *art,
                        const char *const *units, size_t n, bool lead, struct idset *set,
                        struct policy_task *t, struct arena *a, struct policy_tasks *out,
                        size_t *wcap)
{
	for (size_t i = 0; i < n; i++) {
		struct unit_resolution r;
		if (unit_resolve(ctx, units[i], a, &r) != KFQ_OK ||
		    r.kind == UNIT_RESOLVE_UNKNOWN) {
			struct strbuf sb = STRBUF_INIT;
			struct policy_unresolved *u = &t->unresolved[t->n_unresolved++];
			u->unit = units[i];
			u->lead = lead;
			u->n_nearest = r.n_nearest;
			memcpy(u->nearest, r.nearest, sizeof(u->nearest));
			strbuf_addf(&sb, "第%d条：未识别的单位“%s”", art->number, units[i]);
			for (size_t k = 0; k < r.n_nearest; k++)
				strbuf_addf(&sb, "%s%s", k ? "、" : "，最接近的是：", r.nearest[k]);
			policy_tasks_warn(a, out, wcap, art->line, arena_strdup(a, sb.buf));
			strbuf_release(&sb);
			continue;
		}
		if (r.kind == UNIT_RESOLVE_MATCH && r.n_ids > 1) {
			policy_tasks_warn(
			    a, out, wcap, art->line,
			    arena_printf(a, "第%d条：单位“%s”对应多个机构，请在任务中指定",
			                 art->number, units[i]));
			continue;
		}
		if (r.kind == UNIT_RESOLVE_GROUP && r.n_ids == 0)
			policy_tasks_warn(a, out, wcap, art->line,
			                  arena_printf(a, "第%d条：“%s”目前不包含任何机构",
			                               art->number, units[i]));
		for (size_t k = 0; k < r.n_ids; k++) {
			if (!supervisory(ctx, r.ids[k])) {
				add(set, r.ids[k]);
				continue;
			}
			policy_tasks_warn(a, out, wcap, art->line,
			                  arena_printf(a,
			                               "第%d条：“%s”是监督机构，不作为牵头单位或"
			                               "责任单位，已略过",
			                               art->number, units[i]));
		}
	}
}

void policy_tasks_build(const struct policy_doc *doc, const struct unit_resolve_ctx *table,
                        int64_t office_id, struct arena *a, struct policy_tasks *out)
{
	size_t wcap = 0;
	/* a national document's 发展改革委 is the ministry, not the city's 发改委 */
	struct unit_resolve_ctx doc_ctx = *table;
	const struct unit_resolve_ctx *ctx = &doc_ctx;

	doc_ctx.names_only = table->names_only || doc->national;
	/* a set can hold every organization plus the configured city departments */
	size_t room = ctx->n_orgs + ctx->n_city_related + 1;

	memset(out, 0, sizeof(*out));
	out->tasks = arena_zalloc(a, sizeof(*out->tasks) * (doc->n_articles + 1));
	out->n_tasks = doc->n_articles;
	for (size_t i = 0; i < doc->n_articles; i++) {
		const struct policy_article *art = &doc->articles[i];
		struct policy_task *t = &out->tasks[i];
		struct idset lead = {arena_alloc(a, sizeof(int64_t) * room), 0};
		struct idset resp = {arena_alloc(a, sizeof(int64_t) * room), 0};
		t->article = art;
		t->group_heading = art->group >= 0 ? doc->groups[art->group].heading : NULL;
		if (art->n_lead_units == 0 && art->n_responsible_units == 0) {
			t->defaulted = true;
			add(&lead, office_id);
			for (size_t k = 0; k < ctx->n_orgs; k++)
				if (ctx->orgs[k].type == UNIT_RESOLVE_ZONE)
					add(&resp, ctx->orgs[k].id);
		} else {
			t->unresolved =
			    arena_zalloc(a, sizeof(*t->unresolved) *
			                        (art->n_lead_units + art->n_responsible_units));
			resolve_all(ctx, art, art->lead_units, art->n_lead_units, true, &lead, t, a,
			            out, &wcap);
			resolve_all(ctx, art, art->responsible_units, art->n_responsible_units,
			            false, &resp, t, a, out, &wcap);
		}
		/* whoever leads is not listed again as responsible */
		size_t m = 0;
		for (size_t k = 0; k < resp.n; k++) {
			bool leads = false;
			for (size_t j = 0; j < lead.n && !leads; j++)
				leads = lead.ids[j] == resp.ids[k];
			if (!leads)
				resp.ids[m++] = resp.ids[k];
		}
		t->lead = lead.ids;
		t->n_lead = lead.n;
		t->responsible = resp.ids;
		t->n_responsible = m;
		if (lead.n == 0)
			policy_tasks_warn(a, out, &wcap, art->line,
			                  arena_printf(a, POLICY_MSG_NO_LEAD_WARNING, art->number));
	}
}

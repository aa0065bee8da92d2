/* policy_edit_count.c - what a corrected import preview changed against the parse, counted for
 * the import's audit record (policy_edit.h). Pure: reads the parse's tasks and the edits that
 * policy_edit.c accepted, writes nothing else. */
#include "core/policy_edit.h"

#include <string.h>

/* Task t is a later piece of a split: it and the task before it are made from one same item. */
static bool later_piece(const struct policy_edit_task *edits, size_t t)
{
	return t > 0 && edits[t].n_items == 1 && edits[t - 1].n_items == 1 &&
	       edits[t].items[0] == edits[t - 1].items[0];
}

static bool has(const int64_t *v, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == id)
			return true;
	return false;
}

/* The organizations of one role the items give together (merging joins them), those in not[]
 * left out (a lead is not responsible too): no repeats. v has room for them all. */
static size_t joined(const struct policy_tasks *parsed, const struct policy_edit_task *e, bool lead,
                     const int64_t * not, size_t n_not, int64_t *v)
{
	size_t n = 0;

	for (size_t i = 0; i < e->n_items; i++) {
		const struct policy_task *pt = &parsed->tasks[e->items[i]];
		const int64_t *ids = lead ? pt->lead : pt->responsible;
		size_t k = lead ? pt->n_lead : pt->n_responsible;
		for (size_t j = 0; j < k; j++)
			if (!has(v, n, ids[j]) && !has(not, n_not, ids[j]))
				v[n++] = ids[j];
	}
	return n;
}

static size_t room(const struct policy_tasks *parsed, const struct policy_edit_task *e, bool lead)
{
	size_t n = 0;

	for (size_t i = 0; i < e->n_items; i++)
		n += lead ? parsed->tasks[e->items[i]].n_lead
		          : parsed->tasks[e->items[i]].n_responsible;
	return n;
}

/* The same organizations, whatever their order. */
static bool same_set(const int64_t *a, size_t na, const int64_t *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (!has(b, nb, a[i]))
			return false;
	return true;
}

static const char *text_or_empty(const char *s)
{
	return s ? s : "";
}

/* The first 完成时限 the items wrote (a merge keeps it), "" none. */
static const char *first_deadline(const struct policy_tasks *parsed,
                                  const struct policy_edit_task *e)
{
	for (size_t i = 0; i < e->n_items; i++) {
		const char *d = parsed->tasks[e->items[i]].article->deadline;
		if (d && *d)
			return d;
	}
	return "";
}

static void count_task(const struct policy_tasks *parsed, const struct policy_edit_task *edits,
                       size_t n, size_t t, struct arena *a, struct policy_edit_changes *out)
{
	const struct policy_edit_task *e = &edits[t];
	const struct policy_article *first = parsed->tasks[e->items[0]].article;
	int64_t *lead = arena_alloc(a, sizeof(*lead) * (room(parsed, e, true) + 1));
	int64_t *resp = arena_alloc(a, sizeof(*resp) * (room(parsed, e, false) + 1));
	size_t n_lead = joined(parsed, e, true, NULL, 0, lead);
	size_t n_resp = joined(parsed, e, false, lead, n_lead, resp);
	bool later = later_piece(edits, t);

	if (e->n_items > 1)
		out->merged++;
	if (!later && t + 1 < n && later_piece(edits, t + 1))
		out->split++;
	if (!later && strcmp(e->title, policy_article_caption(a, first, POLICY_CAPTION_CPS)) != 0)
		out->titles++;
	if (!same_set(e->lead, e->n_lead, lead, n_lead))
		out->leads++;
	if (!same_set(e->responsible, e->n_responsible, resp, n_resp))
		out->responsible++;
	if (strcmp(text_or_empty(e->deadline_text), first_deadline(parsed, e)) != 0)
		out->deadlines++;
}

void policy_edit_count(const struct policy_tasks *parsed, const struct policy_edit_task *edits,
                       size_t n, struct arena *a, struct policy_edit_changes *out)
{
	size_t next = 0; /* the first item no task before has taken */

	memset(out, 0, sizeof(*out));
	for (size_t t = 0; t < n; t++) {
		const struct policy_edit_task *e = &edits[t];

		count_task(parsed, edits, n, t, a, out);
		if ((size_t)e->items[0] > next)
			out->dropped += (int)((size_t)e->items[0] - next);
		next = (size_t)e->items[e->n_items - 1] + 1;
	}
	out->dropped += (int)(parsed->n_tasks - next);
}

void policy_edit_changes_text(const struct policy_edit_changes *c, struct strbuf *sb)
{
	const struct {
		const char *name;
		int n;
	} v[] = {{"标题", c->titles},        {"牵头单位", c->leads}, {"责任单位", c->responsible},
	         {"完成时限", c->deadlines}, {"合并", c->merged},    {"拆分", c->split},
	         {"删除", c->dropped}};
	size_t start = sb->len;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (v[i].n > 0)
			strbuf_addf(sb, "%s%s%d处", sb->len > start ? "、" : "", v[i].name, v[i].n);
	if (sb->len == start)
		strbuf_addstr(sb, "无");
}

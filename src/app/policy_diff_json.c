/* policy_diff_json.c - the diff of two policy texts and its JSON (policy_diff_json.h). Must not
 * compare anything itself: core/policy_diff does. */
#include "app/policy_diff_json.h"

#include "util/log.h"

int policy_diff_texts(struct arena *a, const char *old, size_t n_old, const char *new_,
                      size_t n_new, struct policy_diff *out, const char **error, int *which)
{
	struct policy_doc d_old, d_new;

	if (policy_parse(old, n_old, a, &d_old) != KFQ_OK) {
		*error = d_old.error;
		*which = 0;
		return KFQ_EINVAL;
	}
	if (policy_parse(new_, n_new, a, &d_new) != KFQ_OK) {
		*error = d_new.error;
		*which = 1;
		return KFQ_EINVAL;
	}
	policy_diff_docs(a, &d_old, &d_new, out);
	return KFQ_OK;
}

static void article(struct jsonw *w, const char *key, const struct policy_diff_article *art)
{
	jsonw_key(w, key);
	if (!art) {
		jsonw_null(w);
		return;
	}
	jsonw_obj_open(w);
	jsonw_kstr(w, "caption", art->caption);
	jsonw_kstr(w, "group", art->group);
	jsonw_kint(w, "number", art->number);
	jsonw_kstr(w, "part", art->part);
	jsonw_kstr(w, "title", art->title);
	jsonw_obj_close(w);
}

void policy_diff_json(struct jsonw *w, const struct policy_diff *d)
{
	jsonw_obj_open(w);
	jsonw_key(w, "articles");
	jsonw_arr_open(w);
	for (size_t i = 0; i < d->n_entries; i++) {
		const struct policy_diff_entry *e = &d->entries[i];
		jsonw_obj_open(w);
		jsonw_kbool(w, "moved", e->moved);
		article(w, "new", e->new_);
		article(w, "old", e->old);
		jsonw_key(w, "segments");
		jsonw_arr_open(w);
		for (size_t k = 0; k < e->n_segs; k++) {
			jsonw_obj_open(w);
			jsonw_kstr(w, "op", policy_diff_op_name(e->segs[k].op));
			jsonw_key(w, "text");
			jsonw_strn(w, e->segs[k].text, e->segs[k].len);
			jsonw_obj_close(w);
		}
		jsonw_arr_close(w);
		jsonw_kint(w, "similarity_bp", e->similarity_bp);
		jsonw_kstr(w, "status", policy_diff_status_name(e->status));
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_key(w, "summary");
	jsonw_obj_open(w);
	jsonw_kint(w, "added", (int64_t)d->n_added);
	jsonw_kint(w, "changed", (int64_t)d->n_changed);
	jsonw_kint(w, "moved", (int64_t)d->n_moved);
	jsonw_kint(w, "removed", (int64_t)d->n_removed);
	jsonw_kint(w, "unchanged", (int64_t)d->n_unchanged);
	jsonw_obj_close(w);
	jsonw_obj_close(w);
}

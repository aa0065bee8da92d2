/* import_json.c - an import's result as JSON (keys in byte order). */
#include "app/import_json.h"

static const char *outcome(enum import_outcome o)
{
	return o == IMPORT_IMPORTED ? "imported" : o == IMPORT_REJECTED ? "rejected" : "unchanged";
}

void import_result_write_json(struct jsonw *w, const struct import_kind *k,
                              const struct import_result *r)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "bad_rows", r->problems.bad_rows);
	jsonw_kstr(w, "format", r->format);
	jsonw_kint(w, "id", r->batch_id);
	jsonw_kstr(w, "kind", k->name);
	jsonw_kstr(w, "outcome", outcome(r->outcome));
	jsonw_key(w, "previous_id");
	if (r->previous_id)
		jsonw_int(w, r->previous_id);
	else
		jsonw_null(w);
	jsonw_key(w, "problems");
	jsonw_arr_open(w);
	for (int i = 0; i < r->problems.n; i++) {
		const struct import_problem *p = &r->problems.items[i];
		jsonw_obj_open(w);
		jsonw_kstr(w, "column", p->column);
		jsonw_kstr(w, "message", p->message);
		jsonw_kint(w, "row", p->row);
		jsonw_obj_close(w);
	}
	jsonw_arr_close(w);
	jsonw_kint(w, "problems_total", r->problems.total);
	jsonw_kbool(w, "problems_truncated", r->problems.total > r->problems.n);
	jsonw_kint(w, "rows", r->rows);
	jsonw_key(w, "secret");
	if (r->secret_token) {
		jsonw_obj_open(w);
		jsonw_kint(w, "rows", r->secret_rows);
		jsonw_kstr(w, "token", r->secret_token);
		jsonw_obj_close(w);
	} else {
		jsonw_null(w);
	}
	jsonw_kstr(w, "sha256", r->sha256);
	jsonw_kint(w, "size", r->size);
	jsonw_obj_close(w);
}

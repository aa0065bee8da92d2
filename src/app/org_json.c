/* org_json.c - an organization as JSON. Keys in byte order, so that the audit record's
 * canonical form is the same text. Must not read anything: it writes what it is given. */
#include "app/org_json.h"

#include "util/jsonw.h"

void org_json_write(struct jsonw *w, const struct store_org *o)
{
	jsonw_obj_open(w);
	jsonw_key(w, "aliases");
	jsonw_arr_open(w);
	for (int i = 0; i < o->naliases; i++)
		jsonw_str(w, o->aliases[i]);
	jsonw_arr_close(w);
	jsonw_kint(w, "id", o->id);
	jsonw_kbool(w, "is_sample", o->is_sample);
	jsonw_kstr(w, "level", o->level);
	jsonw_kstr(w, "name", o->name);
	jsonw_kid(w, "parent_id", o->parent_id);
	jsonw_kstr(w, "type", o->type);
	jsonw_obj_close(w);
}

const struct store_org_json org_json_audit = {.org = org_json_write};

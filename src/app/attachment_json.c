/* attachment_json.c - the JSON of an attachment record (keys in byte order), for the API's
 * answers and the audit records of uploads. Must not read anything. */
#include "app/attachment_json.h"

void attachment_json_write(struct jsonw *w, const struct store_attachment *x)
{
	jsonw_obj_open(w);
	jsonw_kstr(w, "created_at", x->created_at);
	jsonw_kid(w, "created_by", x->created_by);
	jsonw_kid(w, "entity_id", x->entity_id);
	jsonw_kstr(w, "entity_type", x->entity_type);
	jsonw_kstr(w, "filename", x->filename);
	jsonw_kint(w, "id", x->id);
	jsonw_kstr(w, "mime", x->mime);
	jsonw_kint(w, "org_id", x->org_id);
	jsonw_kstr(w, "sha256", x->sha256);
	jsonw_kint(w, "size", x->size);
	jsonw_obj_close(w);
}

void attachment_json_list(struct jsonw *w, const char *key, const struct store_attachment *x, int n)
{
	jsonw_key(w, key);
	jsonw_arr_open(w);
	for (int i = 0; i < n; i++)
		attachment_json_write(w, &x[i]);
	jsonw_arr_close(w);
}

const struct store_attachment_json attachment_json_audit = {.attachment = attachment_json_write};

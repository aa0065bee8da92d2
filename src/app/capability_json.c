/* capability_json.c - capabilities and grants as JSON, keys in byte order (the audit record's
 * canonical form is the same text). Must not read anything: it writes what it is given. */
#include "app/capability_json.h"

#include "util/jsonw.h"

#include <stdio.h>

const char *capability_json_seed_text(const struct capability_def *d, char *buf, size_t len)
{
	static const char *const whom[] = {
	    [CAP_SEED_LEAD] = "牵头单位",
	    [CAP_SEED_RESPONSIBLE_DEPTS] = "市直责任单位",
	    [CAP_SEED_LEAD_AND_RESPONSIBLE] = "牵头单位和市直责任单位",
	};

	if (d->seed_from == CAP_SEED_NONE)
		return NULL;
	snprintf(buf, len, "第%d条“%s”的%s", d->seed_article, d->seed_title, whom[d->seed_from]);
	return buf;
}

void capability_json_def(struct jsonw *w, const struct capability_def *d)
{
	char seed[160];

	jsonw_obj_open(w);
	jsonw_kstr(w, "code", d->code);
	jsonw_kstr(w, "description", d->description);
	jsonw_kstr(w, "label", d->label);
	jsonw_kstr(w, "seed", capability_json_seed_text(d, seed, sizeof(seed)));
	jsonw_obj_close(w);
}

void capability_json_grant(struct jsonw *w, const struct store_capability_grant *g)
{
	const struct capability_def *d = capability_find(g->capability);

	jsonw_obj_open(w);
	jsonw_kstr(w, "capability", g->capability);
	jsonw_kstr(w, "capability_label", d ? d->label : g->capability);
	jsonw_kstr(w, "granted_at", g->granted_at);
	jsonw_kid(w, "granted_by", g->granted_by);
	jsonw_kstr(w, "granted_by_name", g->granted_by_name);
	jsonw_kint(w, "id", g->id);
	jsonw_kstr(w, "note", g->note);
	jsonw_kint(w, "org_id", g->org_id);
	jsonw_kstr(w, "org_name", g->org_name);
	jsonw_kstr(w, "org_type", g->org_type);
	jsonw_obj_close(w);
}

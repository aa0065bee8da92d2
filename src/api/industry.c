/* industry.c - the industry classification in force, as a tree for pickers: GET /api/industries.
 * Must not write SQL. */
#include "api/api.h"
#include "api/money.h"

#include "app/industry_catalog.h"

#include <string.h>

/* writes entries[*i] and, while the next ones lie below it, them as its children */
static void write_node(struct jsonw *w, const struct industry_catalog *c, size_t *i)
{
	const struct industry_entry *e = &c->entries[*i];

	jsonw_obj_open(w);
	jsonw_kstr(w, "code", e->code);
	jsonw_kint(w, "level", e->level);
	jsonw_kstr(w, "name", e->name);
	(*i)++;
	if (e->level != INDUSTRY_CLASS) {
		jsonw_key(w, "children");
		jsonw_arr_open(w);
		while (*i < c->n && strcmp(c->entries[*i].parent, e->code) == 0)
			write_node(w, c, i);
		jsonw_arr_close(w);
	}
	jsonw_obj_close(w);
}

static int tree(struct api_ctx *c)
{
	const struct industry_catalog *cat;
	bool loaded;
	size_t i = 0;
	int rc = industry_catalog_in_force(c->db, c->a, &cat, &loaded);

	if (rc != KFQ_OK)
		return api_store_error(c, rc);
	jsonw_obj_open(&c->w);
	jsonw_key(&c->w, "counts");
	jsonw_obj_open(&c->w);
	jsonw_kint(&c->w, "classes", (int64_t)cat->per_level[INDUSTRY_CLASS]);
	jsonw_kint(&c->w, "divisions", (int64_t)cat->per_level[INDUSTRY_DIVISION]);
	jsonw_kint(&c->w, "groups", (int64_t)cat->per_level[INDUSTRY_GROUP]);
	jsonw_kint(&c->w, "sections", (int64_t)cat->per_level[INDUSTRY_SECTION]);
	jsonw_obj_close(&c->w);
	jsonw_key(&c->w, "items");
	jsonw_arr_open(&c->w);
	/* the file's order puts every category right after its parent */
	while (i < cat->n)
		write_node(&c->w, cat, &i);
	jsonw_arr_close(&c->w);
	jsonw_kstr(&c->w, "source", loaded ? "loaded" : "builtin");
	jsonw_obj_close(&c->w);
	return api_ok(c, 200);
}

const struct api_route api_industry_routes[] = {
    {"GET", "/api/industries", tree, PERM_ENTERPRISE_READ, 0, NULL, NULL},
    {NULL, NULL, NULL, 0, 0, NULL, NULL},
};

/* store_industry.c - the loaded industry classification in SQL. Must not parse a file (core/
 * industry.c does) or choose between the loaded and the shipped classification (app/). */
#include "store/store_industry.h"
#include "store/store_impl.h"

#include "util/log.h"
#include "util/jsonw.h"
#include "util/strbuf.h"

#include <stdlib.h>
#include <string.h>

static const char sql_all[] = "SELECT code, name FROM industry_code ORDER BY seq";
static const char sql_delete[] = "DELETE FROM industry_code";
static const char sql_insert[] =
    "INSERT INTO industry_code (code, name, level, parent, seq) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_codes_used[] = "SELECT DISTINCT industry_code FROM enterprise";

int store_industry_text(struct store *s, struct arena *a, char **text)
{
	struct store_stmt *st;
	struct strbuf sb = STRBUF_INIT;
	int rc, rows = 0;

	*text = NULL;
	if ((rc = store_prepare(s, sql_all, &st)) != KFQ_OK)
		return rc;
	while ((rc = store_step(st)) == KFQ_ROW) {
		/* a 大类's 门类 is the letter line above it: the file's order keeps that */
		strbuf_addf(&sb, "%s\t%s\n", store_col_text(st, 0), store_col_text(st, 1));
		rows++;
	}
	store_reset(st);
	if (rc == KFQ_DONE && rows > 0)
		*text = arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

/* KFQ_ECONSTRAINT with *missing when an enterprise's code is not a 小类 of c */
static int check_used(struct store *s, struct arena *a, const struct industry_catalog *c,
                      const char **missing)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_codes_used, &st)) != KFQ_OK)
		return rc;
	while ((rc = store_step(st)) == KFQ_ROW) {
		const struct industry_entry *e = industry_find(c, store_col_text(st, 0));
		if (!e || e->level != INDUSTRY_CLASS) {
			*missing = store_col_dup(st, 0, a);
			rc = KFQ_ECONSTRAINT;
			break;
		}
	}
	store_reset(st);
	return rc == KFQ_DONE ? KFQ_OK : rc;
}

static char *summary_json(const struct industry_catalog *c, const char *file_name,
                          const char *sha256)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;

	jsonw_init(&w, &sb);
	jsonw_obj_open(&w);
	jsonw_kint(&w, "classes", (int64_t)c->per_level[INDUSTRY_CLASS]);
	jsonw_kint(&w, "divisions", (int64_t)c->per_level[INDUSTRY_DIVISION]);
	jsonw_kstr(&w, "file", file_name);
	jsonw_kint(&w, "groups", (int64_t)c->per_level[INDUSTRY_GROUP]);
	jsonw_kint(&w, "sections", (int64_t)c->per_level[INDUSTRY_SECTION]);
	jsonw_kstr(&w, "sha256", sha256);
	jsonw_obj_close(&w);
	return strbuf_detach(&sb, NULL);
}

int store_industry_replace(struct store *s, struct arena *a, const struct store_actor *who,
                           const struct industry_catalog *c, const char *file_name,
                           const char *sha256, const char **missing)
{
	struct store_stmt *st;
	char *after;
	int rc;

	*missing = NULL;
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	rc = check_used(s, a, c, missing);
	if (rc == KFQ_OK && (rc = store_prepare(s, sql_delete, &st)) == KFQ_OK)
		rc = store_run(st);
	if (rc == KFQ_OK)
		rc = store_prepare(s, sql_insert, &st);
	for (size_t i = 0; rc == KFQ_OK && i < c->n; i++) {
		const struct industry_entry *e = &c->entries[i];
		store_bind_text(st, 1, e->code);
		store_bind_text(st, 2, e->name);
		store_bind_int(st, 3, e->level);
		store_bind_text(st, 4, e->parent);
		store_bind_int(st, 5, (int64_t)i);
		rc = store_run(st);
	}
	after = summary_json(c, file_name, sha256);
	if (rc == KFQ_OK)
		rc = store_audit_append(s, who, "import", "industry_catalog", "gbt4754", NULL,
		                        after);
	free(after);
	return store_end(s, rc);
}

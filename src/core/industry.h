/* industry.h - the industry classification enterprises are coded by: GB/T 4754-2017
 * 国民经济行业分类 (as revised by its Amendment No. 1), four levels: 门类 (a letter), 大类 (two
 * digits), 中类 (three), 小类 (four). kfq ships the classification typed from the published
 * standard (data/catalog/gbt4754-2017.tsv, embedded in the binary as industry_builtin_text);
 * an office with an official file of its own loads it with `kfq catalog import`, which reads it
 * with the same parser. Pure: text in, checked catalogue out.
 *
 * Accepted text (UTF-8, '\n' lines; '#' lines and blank lines ignored), fields separated by tabs
 * or commas (CSV quoting allowed), one of two layouts per row:
 *   code, name                          kfq's own file (a code may carry its 门类 letter: C3011)
 *   门类, 大类, 中类, 小类, 类别名称[, 说明]  the standard's table: every filled code column is a
 *                                       category of that name (571 and 5710 on one row are two)
 * A first row that names the columns is skipped. Categories come in the standard's order: each
 * right under its parent (after the parent's earlier children), so a reader can build the tree
 * in one pass. */
#ifndef KFQ_CORE_INDUSTRY_H
#define KFQ_CORE_INDUSTRY_H

#include "util/arena.h"

#include <stddef.h>

#define INDUSTRY_CODE_MAX 5   /* "3011" and its NUL */
#define INDUSTRY_NAME_MAX 200 /* bytes of a category name */
#define INDUSTRY_MAX      5000

enum industry_level {
	INDUSTRY_SECTION = 1, /* 门类 */
	INDUSTRY_DIVISION,    /* 大类 */
	INDUSTRY_GROUP,       /* 中类 */
	INDUSTRY_CLASS,       /* 小类 */
};

struct industry_entry {
	char code[INDUSTRY_CODE_MAX];
	char parent[INDUSTRY_CODE_MAX]; /* "" for a 门类 */
	const char *name;
	enum industry_level level;
	int line; /* in the text it came from */
};

struct industry_catalog {
	struct industry_entry *entries; /* in the text's order */
	size_t n;
	size_t per_level[5];             /* [INDUSTRY_SECTION] .. [INDUSTRY_CLASS] */
	struct industry_entry **by_code; /* sorted by code, for lookups */
};

struct industry_problem {
	int line; /* 0 when the catalogue as a whole is wrong */
	char message[160];
};

/* The classification kfq ships: data/catalog/gbt4754-2017.tsv, embedded at build time. */
extern const char industry_builtin_text[];

/* Reads and checks a catalogue: codes well formed and unique, every 大类 under a 门类 above
 * it, every 中类 and 小类 under the category its code's prefix names, in the standard's order,
 * every category but a 小类 divided down to the 小类, names present. 0, or -1 with *p (the first
 * problem, with its line). Everything in *out lives in a; names point into a copy of text. */
int industry_parse(const char *text, struct arena *a, struct industry_catalog *out,
                   struct industry_problem *p);

/* The category with a code ("3011", "C"), or NULL. */
const struct industry_entry *industry_find(const struct industry_catalog *c, const char *code);

#endif

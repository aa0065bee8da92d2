/* fuzz_policy_parse.c - libFuzzer target for policy_parse(): decodes and parses arbitrary bytes,
 * checks each article's invariants (units are never empty, a source exactly when there are
 * units, a lead-rule line exactly under the rule, a deadline's date is an ISO date), writes the
 * result as JSON and checks with jansson that the JSON is valid, then resolves every unit
 * against a small table. Crashes, leaks and sanitizer reports are the findings; this file
 * must not hide any of them (no early returns past a failure, abort on invalid JSON). */
#include "core/policy_parse.h"
#include "core/unit_resolve.h"
#include "util/arena.h"
#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const alias[] = {"商务局"};
static const struct unit_resolve_org orgs[] = {
    {1, "市商务局", alias, 1, UNIT_RESOLVE_CITY_DEPARTMENT, UNIT_RESOLVE_LEVEL_NONE},
    {2, "市数据局(市营商局)", NULL, 0, UNIT_RESOLVE_CITY_DEPARTMENT, UNIT_RESOLVE_LEVEL_NONE},
    {3, "望花区", NULL, 0, UNIT_RESOLVE_COUNTY, UNIT_RESOLVE_LEVEL_NONE},
    {4, "抚顺经济开发区", NULL, 0, UNIT_RESOLVE_ZONE, UNIT_RESOLVE_LEVEL_PROVINCIAL},
};
static const int64_t related[] = {1};

static void resolve_all(struct arena *a, const char *const *units, size_t n)
{
	static const struct unit_resolve_ctx ctx = {orgs, 4, related, 1};

	for (size_t i = 0; i < n; i++) {
		struct unit_resolution r;
		if (unit_resolve(&ctx, units[i], a, &r) == KFQ_OK &&
		    r.kind == UNIT_RESOLVE_UNKNOWN && r.n_nearest == 0)
			abort(); /* four organizations always give suggestions */
	}
}

static void check_article(const struct policy_article *art)
{
	size_t n = art->n_lead_units + art->n_responsible_units;

	for (size_t i = 0; i < art->n_lead_units; i++)
		if (!*art->lead_units[i])
			abort();
	for (size_t i = 0; i < art->n_responsible_units; i++)
		if (!*art->responsible_units[i])
			abort();
	if ((art->unit_source == POLICY_UNITS_NONE) != (n == 0))
		abort();
	if (art->lead_rule_line && art->unit_source != POLICY_UNITS_PAREN_RULE &&
	    art->unit_source != POLICY_UNITS_MIXED)
		abort();
	if (art->unit_source == POLICY_UNITS_PAREN_RULE && !art->lead_rule_line)
		abort();
	if (art->deadline_date && (!art->deadline || strlen(art->deadline_date) != 10))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct policy_doc d;
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	json_error_t err;

	arena_init(&a);
	if (policy_parse((const char *)data, size, &a, &d) == KFQ_OK) {
		jsonw_init(&w, &sb);
		policy_doc_to_json(&d, &w);
		json_t *root = json_loadb(sb.buf, sb.len, 0, &err);
		if (!root)
			abort();
		json_decref(root);
		for (size_t i = 0; i < d.n_articles; i++) {
			check_article(&d.articles[i]);
			resolve_all(&a, d.articles[i].lead_units, d.articles[i].n_lead_units);
			resolve_all(&a, d.articles[i].responsible_units,
			            d.articles[i].n_responsible_units);
		}
	} else if (!d.error) {
		abort();
	}
	strbuf_release(&sb);
	arena_release(&a);
	return 0;
}

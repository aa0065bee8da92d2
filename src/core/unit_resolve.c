/* unit_resolve.c - unit name -> organization ids. Group phrases are recognised by their shape
 * (prefix, level, organ suffix) rather than a fixed list, so 各县区党委政府 and 县(区) work as
 * well as the seed's spelling. Must stay pure: no I/O, no SQL, no state between calls. */
#include "core/unit_resolve.h"

#include "util/log.h"
#include "util/textconv.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static bool is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' ||
	       c == 0xa0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200b) || c == 0x202f ||
	       c == 0x205f || c == 0xfeff || c == 0x1680;
}

static void put_cp(char *out, size_t *o, uint32_t c)
{
	if (c < 0x80) {
		out[(*o)++] = (char)c;
	} else if (c < 0x800) {
		out[(*o)++] = (char)(0xc0 | (c >> 6));
		out[(*o)++] = (char)(0x80 | (c & 0x3f));
	} else if (c < 0x10000) {
		out[(*o)++] = (char)(0xe0 | (c >> 12));
		out[(*o)++] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[(*o)++] = (char)(0x80 | (c & 0x3f));
	} else {
		out[(*o)++] = (char)(0xf0 | (c >> 18));
		out[(*o)++] = (char)(0x80 | ((c >> 12) & 0x3f));
		out[(*o)++] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[(*o)++] = (char)(0x80 | (c & 0x3f));
	}
}

char *unit_resolve_normalize(struct arena *a, const char *s)
{
	size_t n = strlen(s), i = 0, o = 0;
	/* only 县() grows (by the 3 bytes of 区), and it takes 5 bytes to begin with */
	char *out = arena_alloc(a, n + n / 5 * 3 + 4);

	while (i < n) {
		uint32_t c;
		i += textconv_utf8_next(s + i, n - i, &c);
		if (is_space(c))
			continue;
		if (c >= 0xff01 && c <= 0xff5e) /* full-width ASCII, （ and ） included */
			c -= 0xfee0;
		if (c == ')' && o >= 4 && !memcmp(out + o - 4, "县(", 4)) {
			memcpy(out + o, "区", 3);
			o += 3;
		}
		put_cp(out, &o, c);
	}
	out[o] = 0;
	return out;
}

static uint32_t *to_cps(struct arena *a, const char *s, size_t *n)
{
	size_t len = strlen(s), i = 0, k = 0;
	uint32_t *v = arena_alloc(a, (len + 1) * sizeof(*v));

	while (i < len)
		i += textconv_utf8_next(s + i, len - i, &v[k++]);
	*n = k;
	return v;
}

size_t unit_resolve_distance(struct arena *a, const char *x, const char *y)
{
	size_t nx, ny;
	uint32_t *cx = to_cps(a, x, &nx), *cy = to_cps(a, y, &ny);
	size_t *row = arena_alloc(a, (ny + 1) * sizeof(*row));

	for (size_t j = 0; j <= ny; j++)
		row[j] = j;
	for (size_t i = 1; i <= nx; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= ny; j++) {
			size_t up = row[j];
			size_t best = diag + (cx[i - 1] != cy[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[ny];
}

static bool eat(const char **s, const char *lit)
{
	size_t k = strlen(lit);

	if (strncmp(*s, lit, k))
		return false;
	*s += k;
	return true;
}

static bool one_of(const char *s, const char *const *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(s, set[i]))
			return true;
	return false;
}

/* The shape of a group phrase: [各] subject [organ suffix]. */
static enum unit_resolve_group group_of(const char *u)
{
	static const char *const county_organs[] = {"",         "党委、政府",    "党委和政府",
	                                            "党委政府", "政府",          "人民政府",
	                                            "党委",     "党委、人民政府"};
	static const char *const zone_organs[] = {
	    "",       "党工委、管委会", "党工委和管委会", "党工委管委会",
	    "党工委", "管委会",         "管理委员会"};
	static const char *const departments[] = {
	    "市直相关部门",   "市直有关部门",   "市直各部门", "市直部门",
	    "市直各有关部门", "市直各相关部门", "市有关部门", "市相关部门"};
	const char *s = u;
	enum unit_resolve_group g = UNIT_RESOLVE_GROUP_ZONES;

	if (one_of(u, departments, sizeof(departments) / sizeof(departments[0])))
		return UNIT_RESOLVE_GROUP_CITY_DEPARTMENTS;
	(void)eat(&s, "各");
	if (eat(&s, "县(区)") || eat(&s, "县区") || eat(&s, "县、区") || eat(&s, "区县") ||
	    eat(&s, "区(县)") || eat(&s, "县"))
		return one_of(s, county_organs, sizeof(county_organs) / sizeof(county_organs[0]))
		           ? UNIT_RESOLVE_GROUP_COUNTIES
		           : UNIT_RESOLVE_GROUP_NONE;
	if (eat(&s, "国家级"))
		g = UNIT_RESOLVE_GROUP_NATIONAL_ZONES;
	else if (eat(&s, "省级及以上") || eat(&s, "省级以上") || eat(&s, "省级"))
		g = UNIT_RESOLVE_GROUP_PROVINCIAL_ZONES;
	else if (eat(&s, "市级"))
		g = UNIT_RESOLVE_GROUP_MUNICIPAL_ZONES;
	(void)eat(&s, "经济");
	if (!eat(&s, "开发区"))
		return UNIT_RESOLVE_GROUP_NONE;
	return one_of(s, zone_organs, sizeof(zone_organs) / sizeof(zone_organs[0]))
	           ? g
	           : UNIT_RESOLVE_GROUP_NONE;
}

static bool in_group(const struct unit_resolve_org *o, enum unit_resolve_group g)
{
	switch (g) {
	case UNIT_RESOLVE_GROUP_COUNTIES:
		return o->type == UNIT_RESOLVE_COUNTY;
	case UNIT_RESOLVE_GROUP_ZONES:
		return o->type == UNIT_RESOLVE_ZONE;
	case UNIT_RESOLVE_GROUP_PROVINCIAL_ZONES:
		return o->type == UNIT_RESOLVE_ZONE &&
		       (o->zone_level == UNIT_RESOLVE_LEVEL_NATIONAL ||
		        o->zone_level == UNIT_RESOLVE_LEVEL_PROVINCIAL);
	case UNIT_RESOLVE_GROUP_NATIONAL_ZONES:
		return o->type == UNIT_RESOLVE_ZONE && o->zone_level == UNIT_RESOLVE_LEVEL_NATIONAL;
	case UNIT_RESOLVE_GROUP_MUNICIPAL_ZONES:
		return o->type == UNIT_RESOLVE_ZONE &&
		       o->zone_level == UNIT_RESOLVE_LEVEL_MUNICIPAL;
	case UNIT_RESOLVE_GROUP_CITY_DEPARTMENTS:
	case UNIT_RESOLVE_GROUP_NONE:
		break;
	}
	return false;
}

static void add_id(struct unit_resolution *r, int64_t id)
{
	for (size_t i = 0; i < r->n_ids; i++)
		if (r->ids[i] == id)
			return;
	r->ids[r->n_ids++] = id;
}

/* Adds every organization whose normalised name or alias (names only: name) is exactly key. */
static void match_exact(const struct unit_resolve_ctx *ctx, struct arena *a, const char *key,
                        struct unit_resolution *r)
{
	for (size_t i = 0; i < ctx->n_orgs; i++) {
		const struct unit_resolve_org *o = &ctx->orgs[i];
		bool hit = o->name && !strcmp(unit_resolve_normalize(a, o->name), key);
		for (size_t k = 0; !hit && !ctx->names_only && k < o->n_aliases; k++)
			hit =
			    o->aliases[k] && !strcmp(unit_resolve_normalize(a, o->aliases[k]), key);
		if (hit)
			add_id(r, o->id);
	}
}

/* Exact name or alias, else the same with 市 in front: 商务局 means 市商务局. */
static void match_name(const struct unit_resolve_ctx *ctx, struct arena *a, const char *key,
                       struct unit_resolution *r)
{
	size_t before = r->n_ids;

	match_exact(ctx, a, key, r);
	/* no exception for keys starting with 市: 市场监管局 means 市市场监管局 */
	if (r->n_ids == before && !ctx->names_only)
		match_exact(ctx, a, arena_printf(a, "市%s", key), r);
}

static void nearest(const struct unit_resolve_ctx *ctx, struct arena *a, const char *key,
                    struct unit_resolution *r)
{
	size_t best_d[UNIT_RESOLVE_MAX_NEAREST];

	for (size_t i = 0; i < ctx->n_orgs; i++) {
		const struct unit_resolve_org *o = &ctx->orgs[i];
		size_t d = SIZE_MAX, k;
		if (!o->name)
			continue;
		d = unit_resolve_distance(a, key, unit_resolve_normalize(a, o->name));
		for (k = 0; k < o->n_aliases; k++) {
			if (!o->aliases[k])
				continue;
			size_t da =
			    unit_resolve_distance(a, key, unit_resolve_normalize(a, o->aliases[k]));
			if (da < d)
				d = da;
		}
		/* insertion into the short sorted list; equal distances keep table order */
		for (k = r->n_nearest; k > 0 && best_d[k - 1] > d; k--)
			;
		if (k >= UNIT_RESOLVE_MAX_NEAREST)
			continue;
		size_t last = r->n_nearest < UNIT_RESOLVE_MAX_NEAREST
		                  ? r->n_nearest
		                  : UNIT_RESOLVE_MAX_NEAREST - 1;
		for (size_t m = last; m > k; m--) {
			best_d[m] = best_d[m - 1];
			r->nearest[m] = r->nearest[m - 1];
		}
		best_d[k] = d;
		r->nearest[k] = o->name;
		if (r->n_nearest < UNIT_RESOLVE_MAX_NEAREST)
			r->n_nearest++;
	}
}

int unit_resolve(const struct unit_resolve_ctx *ctx, const char *unit, struct arena *a,
                 struct unit_resolution *out)
{
	const char *key;
	int rc = KFQ_EINVAL;

	/* every exit goes through done: out is always fully set, whatever the result */

	memset(out, 0, sizeof(*out));
	out->kind = UNIT_RESOLVE_UNKNOWN;
	if (!unit)
		goto done;
	key = unit_resolve_normalize(a, unit);
	out->normalized = key;
	if (!*key)
		goto done;
	/* at most one id per organization, plus the configured department list */
	out->ids = arena_alloc(a, (ctx->n_orgs + ctx->n_city_related + 1) * sizeof(*out->ids));
	rc = KFQ_OK;

	out->group = group_of(key);
	if (out->group == UNIT_RESOLVE_GROUP_CITY_DEPARTMENTS) {
		out->kind = UNIT_RESOLVE_GROUP;
		for (size_t i = 0; i < ctx->n_city_related; i++)
			add_id(out, ctx->city_related[i]);
		goto done;
	}
	if (out->group != UNIT_RESOLVE_GROUP_NONE) {
		out->kind = UNIT_RESOLVE_GROUP;
		for (size_t i = 0; i < ctx->n_orgs; i++)
			if (in_group(&ctx->orgs[i], out->group))
				add_id(out, ctx->orgs[i].id);
		goto done;
	}
	match_name(ctx, a, key, out);
	if (!out->n_ids) {
		/* 市数据局(市营商局): one organization under two names */
		size_t n = strlen(key);
		const char *open = strchr(key, '(');
		if (open && open > key && key[n - 1] == ')' && open + 1 < key + n - 1) {
			match_name(ctx, a, arena_strndup(a, key, (size_t)(open - key)), out);
			match_name(ctx, a, arena_strndup(a, open + 1, (size_t)(key + n - 2 - open)),
			           out);
		}
	}
	if (out->n_ids) {
		out->kind = UNIT_RESOLVE_MATCH;
		goto done;
	}
	nearest(ctx, a, key, out);
done:
	return rc;
}

/* revshare_json.c - revenue-sharing configuration, statements and lines as JSON, keys in byte
 * order. Must not compute: every figure is the stored one. */
#include "app/revshare_json.h"

#include "core/money.h"
#include "util/jsonw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void revshare_json_year(struct jsonw *w, const struct store_revshare_year *y)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "base_year", y->base_year);
	jsonw_kint(w, "ratio_bp", y->ratio_bp);
	jsonw_key(w, "shares");
	jsonw_obj_open(w);
	for (int t = 0; t < TAX_TYPE_COUNT; t++)
		jsonw_kint(w, tax_type_defs[t].code, y->share_bp[t]);
	jsonw_obj_close(w);
	jsonw_kstr(w, "updated_at", y->updated_at);
	jsonw_kint(w, "year", y->year);
	jsonw_obj_close(w);
}

void revshare_json_pairs(const char *text,
                         void (*fn)(void *arg, const char *code, int64_t x, int64_t y), void *arg)
{
	char code[32];
	long long x, y;
	int used;

	if (!text)
		return;
	while (*text && sscanf(text, "%31s %lld %lld%n", code, &x, &y, &used) == 3) {
		fn(arg, code, x, y);
		text += used;
		while (*text == '\n')
			text++;
	}
}

static void write_pair(void *arg, const char *code, int64_t x, int64_t y)
{
	struct jsonw *w = arg;

	jsonw_key(w, code);
	jsonw_arr_open(w);
	jsonw_int(w, x);
	jsonw_int(w, y);
	jsonw_arr_close(w);
}

static void write_pairs(struct jsonw *w, const char *key, const char *text)
{
	jsonw_key(w, key);
	jsonw_obj_open(w);
	revshare_json_pairs(text, write_pair, w);
	jsonw_obj_close(w);
}

/* key_UNIT: the integer; key_yuan: its exact text */
static void write_amount(struct jsonw *w, const char *key, const char *unit, int64_t v,
                         void (*format)(int64_t, char *))
{
	char name[40], yuan[MONEY_TEXT_LEN];

	snprintf(name, sizeof(name), "%s_%s", key, unit);
	jsonw_kint(w, name, v);
	snprintf(name, sizeof(name), "%s_yuan", key);
	format(v, yuan);
	jsonw_kstr(w, name, yuan);
}

void revshare_json_e4(struct jsonw *w, const char *key, int64_t e4)
{
	write_amount(w, key, "e4", e4, money_format_e4);
}

void revshare_json_fen(struct jsonw *w, const char *key, int64_t fen)
{
	write_amount(w, key, "fen", fen, money_format_fen);
}

void revshare_json_statement(struct jsonw *w, const struct store_revshare_statement *st)
{
	jsonw_obj_open(w);
	revshare_json_e4(w, "base", st->base_e4);
	jsonw_kint(w, "base_year", st->base_year);
	jsonw_kstr(w, "computed_at", st->computed_at);
	jsonw_kstr(w, "confirmed_at", st->confirmed_at);
	jsonw_kid(w, "confirmed_by", st->confirmed_by);
	jsonw_kstr(w, "confirmed_by_name", st->confirmed_by_name);
	jsonw_kid(w, "confirmed_org_id", st->confirmed_org_id);
	jsonw_kstr(w, "confirmed_org_name", st->confirmed_org_name);
	revshare_json_e4(w, "counted", st->counted_e4);
	jsonw_kstr(w, "digest", st->digest);
	jsonw_kint(w, "id", st->id);
	revshare_json_e4(w, "increment", st->increment_e4);
	revshare_json_e4(w, "local", st->local_e4);
	jsonw_kint(w, "n_lines", st->n_lines);
	jsonw_kint(w, "ratio_bp", st->ratio_bp);
	revshare_json_fen(w, "returned", st->returned_fen);
	write_pairs(w, "shares", st->shares);
	jsonw_kstr(w, "status", st->status);
	jsonw_kint(w, "version", st->version);
	jsonw_kint(w, "year", st->year);
	jsonw_kint(w, "zone_id", st->zone_id);
	jsonw_kstr(w, "zone_name", st->zone_name);
	jsonw_obj_close(w);
}

void revshare_json_line(struct jsonw *w, const struct store_revshare_line *l)
{
	jsonw_obj_open(w);
	jsonw_kint(w, "arrival_year", l->arrival_year);
	jsonw_kbool(w, "base_counted", l->base_counted);
	revshare_json_e4(w, "base", l->base_e4);
	jsonw_kint(w, "enterprise_id", l->enterprise_id);
	revshare_json_e4(w, "increment", l->increment_e4);
	revshare_json_e4(w, "local", l->local_e4);
	jsonw_kstr(w, "name", l->name);
	jsonw_kint(w, "seq", l->seq);
	jsonw_kint(w, "share_bp", l->share_bp);
	write_pairs(w, "taxes", l->taxes);
	jsonw_kstr(w, "uscc", l->uscc);
	jsonw_obj_close(w);
}

const struct store_revshare_json revshare_json_audit = {
    .year = revshare_json_year,
    .statement = revshare_json_statement,
};

/* revshare_run.c - reading a year's inputs, computing every zone's statement (core/revshare.c)
 * and saving it; the what-if and its adoption. Must not hold any rule of the computation: it
 * gathers, calls core and hands the outcome to the store. */
#include "app/revshare_run.h"

#include "app/revshare_json.h"
#include "core/arrangement.h"
#include "core/enterprise.h"
#include "store/store_arrangement.h"
#include "util/log.h"
#include "util/textconv.h"
#include "util/strbuf.h"
#include "util/timeutil.h"

#include <stdlib.h>
#include <string.h>

const struct scenario_param_def revshare_scenario_params[] = {
    {"ratio_bp", "分成比例", 0, 10000},
};
const size_t revshare_n_scenario_params = 1;

static int fail(struct revshare_run_result *r, enum revshare_run_status status, int rc,
                const char *message)
{
	r->status = status;
	r->rc = rc;
	r->message = message;
	return rc;
}

/* the year's and its base year's configuration */
static int load_params(struct store *s, struct arena *a, int year, struct revshare_params *prm,
                       struct revshare_run_result *r)
{
	struct store_revshare_year y, base;
	int rc = store_revshare_year_get(s, a, year, &y);

	if (rc == KFQ_ENOTFOUND)
		return fail(r, REVSHARE_RUN_NOT_CONFIGURED, KFQ_EINVAL,
		            arena_printf(a, "尚未设置%d年度的分成比例和地方留成比例", year));
	if (rc != KFQ_OK)
		return fail(r, REVSHARE_RUN_STORE, rc, NULL);
	rc = store_revshare_year_get(s, a, y.base_year, &base);
	if (rc == KFQ_ENOTFOUND)
		return fail(r, REVSHARE_RUN_NOT_CONFIGURED, KFQ_EINVAL,
		            arena_printf(a, "尚未设置基准年%d年度的地方留成比例", y.base_year));
	if (rc != KFQ_OK)
		return fail(r, REVSHARE_RUN_STORE, rc, NULL);
	memset(prm, 0, sizeof(*prm));
	prm->year = year;
	prm->base_year = y.base_year;
	prm->ratio_bp = y.ratio_bp;
	memcpy(prm->share_bp, y.share_bp, sizeof(prm->share_bp));
	memcpy(prm->base_share_bp, base.share_bp, sizeof(prm->base_share_bp));
	return KFQ_OK;
}

/* The arrangements that list an enterprise, found by its id in a sorted index. */
struct cover {
	int64_t enterprise_id;
	const struct arrangement *ar;
};

static int cover_cmp(const void *x, const void *y)
{
	const struct cover *a = x, *b = y;

	return a->enterprise_id < b->enterprise_id ? -1 : a->enterprise_id > b->enterprise_id;
}

static int load_covers(struct store *s, struct arena *a, struct cover **out, size_t *n)
{
	struct store_arrangement *all;
	int nall, rc, cap = 0, cnt = 0;

	*out = NULL;
	*n = 0;
	if ((rc = store_arrangement_all(s, a, &all, &nall)) != KFQ_OK)
		return rc;
	for (int i = 0; i < nall; i++)
		for (int k = 0; k < all[i].n_members; k++) {
			if (cnt == cap)
				*out = arena_grow(a, *out, sizeof(**out), &cap);
			(*out)[cnt++] = (struct cover){all[i].members[k].id, &all[i].ar};
		}
	if (cnt)
		qsort(*out, (size_t)cnt, sizeof(**out), cover_cmp);
	*n = (size_t)cnt;
	return KFQ_OK;
}

/* e's parts for the year from the arrangements covering it */
static int parts_of(const struct store_revshare_source *src, const struct cover *covers,
                    size_t n_covers, int year, struct revshare_enterprise *e, const char **why)
{
	const struct arrangement *list[8];
	size_t lo = 0, hi = n_covers, k = 0;

	while (lo < hi) { /* the first cover of this enterprise */
		size_t mid = lo + (hi - lo) / 2;
		if (covers[mid].enterprise_id < src->id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n_covers && covers[lo].enterprise_id == src->id && k < 8; lo++)
		list[k++] = covers[lo].ar;
	return arrangement_parts(list, k, src->zone_id, year, e->parts, &e->n_parts, why);
}

int revshare_prepare(struct store *s, struct arena *a, int year, struct revshare_prepared *out,
                     struct revshare_run_result *r)
{
	struct revshare_problem p;
	struct cover *covers;
	size_t n_covers;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(r, 0, sizeof(*r));
	if (year < REVSHARE_YEAR_MIN || year > REVSHARE_YEAR_MAX)
		return fail(r, REVSHARE_RUN_INVALID, KFQ_EINVAL, "年度超出范围");
	if ((rc = load_params(s, a, year, &out->prm, r)) != KFQ_OK)
		return rc;
	if (out->prm.base_year >= year)
		return fail(r, REVSHARE_RUN_INVALID, KFQ_EINVAL,
		            arena_printf(a, "基准年（%d）应早于计算年度", out->prm.base_year));
	if ((rc = store_revshare_zones(s, a, &out->zone_ids, &out->n_zones)) != KFQ_OK ||
	    (rc = store_revshare_sources(s, a, year, out->prm.base_year, &out->src, &out->n)) !=
	        KFQ_OK ||
	    (rc = load_covers(s, a, &covers, &n_covers)) != KFQ_OK)
		return fail(r, REVSHARE_RUN_STORE, rc, NULL);
	out->ent = arena_zalloc(a, (out->n ? out->n : 1) * sizeof(*out->ent));
	for (size_t i = 0; i < out->n; i++) {
		const struct store_revshare_source *x = &out->src[i];
		struct revshare_enterprise *e = &out->ent[i];
		const char *why = NULL;
		e->id = x->id;
		e->attracted = true;
		e->arrival_year = enterprise_arrival_year(x->registered_on, x->settled_on);
		memcpy(e->tax, x->tax, sizeof(e->tax));
		memcpy(e->base_tax, x->base_tax, sizeof(e->base_tax));
		if (parts_of(x, covers, n_covers, year, e, &why) != 0) {
			r->enterprise_id = x->id;
			return fail(r, REVSHARE_RUN_INVALID, KFQ_EINVAL,
			            arena_printf(a, "企业“%s”：%s", x->name, why));
		}
	}
	if (revshare_compute(&out->prm, out->zone_ids, out->n_zones, out->ent, out->n, a,
	                     &out->result, &p) != 0) {
		r->enterprise_id = p.enterprise_id > 0 ? p.enterprise_id : 0;
		return fail(r, REVSHARE_RUN_INVALID, KFQ_EINVAL, arena_strdup(a, p.message));
	}
	return KFQ_OK;
}

/* "vat 5000 5000\n…" for every type: the year's share and the base year's */
static const char *shares_text(struct arena *a, const struct revshare_params *prm)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out;

	for (int t = 0; t < TAX_TYPE_COUNT; t++)
		revshare_add_amounts(&sb, t, prm->share_bp[t], prm->base_share_bp[t]);
	out = arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return out;
}

/* "vat 400001 300001\n…" for the types the enterprise paid in either year */
static const char *taxes_text(struct arena *a, const struct revshare_enterprise *e,
                              struct strbuf *sb)
{
	strbuf_reset(sb);
	for (int t = 0; t < TAX_TYPE_COUNT; t++)
		if (e->tax[t] || e->base_tax[t])
			revshare_add_amounts(sb, t, e->tax[t], e->base_tax[t]);
	return arena_strdup(a, sb->buf);
}

/* every zone's statement and lines in the store's shape */
static struct store_revshare_new *statements(struct arena *a, const struct revshare_prepared *p,
                                             const char *now)
{
	struct store_revshare_new *z = arena_zalloc(a, (p->n_zones ? p->n_zones : 1) * sizeof(*z));
	const char *shares = shares_text(a, &p->prm);
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < p->n_zones; i++) {
		const struct revshare_zone *rz = &p->result.zones[i];
		struct store_revshare_statement *st = &z[i].st;
		struct store_revshare_line *lines =
		    arena_zalloc(a, (rz->n_lines ? rz->n_lines : 1) * sizeof(*lines));
		char *digest = arena_alloc(a, REVSHARE_DIGEST_HEX);
		for (size_t k = 0; k < rz->n_lines; k++) {
			const struct revshare_line *l = &p->result.lines[rz->first_line + k];
			const struct store_revshare_source *x = &p->src[l->enterprise];
			lines[k] = (struct store_revshare_line){
			    .seq = (int)k + 1,
			    .enterprise_id = l->enterprise_id,
			    .uscc = x->uscc,
			    .name = x->name,
			    .arrival_year = p->ent[l->enterprise].arrival_year,
			    .share_bp = l->share_bp,
			    .base_counted = l->base_counted,
			    .local_e4 = l->local_e4,
			    .base_e4 = l->base_e4,
			    .increment_e4 = l->increment_e4,
			    .taxes = taxes_text(a, &p->ent[l->enterprise], &sb),
			};
		}
		if (revshare_zone_digest(&p->prm, &p->result, i, p->ent, digest) != 0)
			fatal("revshare: libcrypto could not hash a statement");
		*st = (struct store_revshare_statement){
		    .zone_id = rz->zone_id,
		    .year = p->prm.year,
		    .base_year = p->prm.base_year,
		    .ratio_bp = p->prm.ratio_bp,
		    .shares = shares,
		    .local_e4 = rz->local_e4,
		    .base_e4 = rz->base_e4,
		    .increment_e4 = rz->increment_e4,
		    .counted_e4 = rz->counted_e4,
		    .returned_fen = rz->returned_fen,
		    .n_lines = (int)rz->n_lines,
		    .digest = digest,
		    .computed_at = now,
		};
		z[i].lines = lines;
	}
	strbuf_release(&sb);
	return z;
}

int revshare_is_current(struct store *s, struct arena *a, const struct store_revshare_statement *st,
                        bool *current, struct revshare_run_result *r)
{
	struct revshare_prepared p;
	char digest[REVSHARE_DIGEST_HEX];
	int rc;

	*current = false;
	if ((rc = revshare_prepare(s, a, st->year, &p, r)) != KFQ_OK)
		return rc;
	for (size_t i = 0; i < p.n_zones; i++) {
		if (p.result.zones[i].zone_id != st->zone_id)
			continue;
		if (revshare_zone_digest(&p.prm, &p.result, i, p.ent, digest) != 0)
			fatal("revshare: libcrypto could not hash a statement");
		*current = st->digest && strcmp(digest, st->digest) == 0;
	}
	return KFQ_OK;
}

int revshare_run(struct store *s, struct arena *a, const struct store_actor *who, int year,
                 struct revshare_run_result *r)
{
	struct revshare_prepared p;
	char *now = arena_alloc(a, TIME_RFC3339_LEN);
	int rc;

	if ((rc = revshare_prepare(s, a, year, &p, r)) != KFQ_OK)
		return rc;
	time_format(time_now(), now);
	r->zones = statements(a, &p, now);
	r->n_zones = p.n_zones;
	r->returned_fen = p.result.returned_fen;
	if ((rc = store_revshare_save(s, who, &revshare_json_audit, r->zones, r->n_zones)) !=
	    KFQ_OK)
		return fail(r, REVSHARE_RUN_STORE, rc, NULL);
	return KFQ_OK;
}

/* the what-if's compute function: every zone's counted increment, at the scenario's ratio */
static int whatif_compute(void *ctx, const int64_t *params, struct arena *a,
                          struct scenario_outcome *out, const char **message)
{
	const struct revshare_prepared *p = ctx;

	out->n_rows = p->n_zones;
	out->rows = arena_alloc(a, (p->n_zones ? p->n_zones : 1) * sizeof(*out->rows));
	out->total = 0;
	for (size_t i = 0; i < p->n_zones; i++) {
		int64_t fen;
		if (revshare_returned(p->result.zones[i].counted_e4, params[0], &fen) != 0) {
			*message = "金额过大，无法计算";
			return -1;
		}
		out->rows[i] = (struct scenario_row){p->zone_ids[i], fen, NULL};
		out->total += fen;
	}
	return 0;
}

int revshare_whatif(struct store *s, struct arena *a, int year, const struct scenario *sc, size_t n,
                    struct scenario_comparison *out, struct scenario_problem *p,
                    struct revshare_run_result *r)
{
	struct revshare_prepared prep;
	int64_t current[1];
	int rc;

	memset(p, 0, sizeof(*p));
	if ((rc = revshare_prepare(s, a, year, &prep, r)) != KFQ_OK)
		return rc;
	current[0] = prep.prm.ratio_bp;
	if (scenario_compare(revshare_scenario_params, revshare_n_scenario_params, current, sc, n,
	                     whatif_compute, &prep, a, out, p) != 0)
		return KFQ_EINVAL;
	return KFQ_OK;
}

int revshare_adopt(struct store *s, struct arena *a, const struct store_actor *who, int year,
                   const struct scenario *sc, struct scenario_problem *p,
                   struct revshare_run_result *r)
{
	struct store_revshare_year y;
	int64_t current[1], params[1];
	int rc;

	memset(p, 0, sizeof(*p));
	memset(r, 0, sizeof(*r));
	rc = store_revshare_year_get(s, a, year, &y);
	if (rc == KFQ_ENOTFOUND)
		return fail(r, REVSHARE_RUN_NOT_CONFIGURED, KFQ_EINVAL,
		            "该年度尚未设置分成比例，无法采用测算方案");
	if (rc != KFQ_OK)
		return fail(r, REVSHARE_RUN_STORE, rc, NULL);
	if (!sc->name || !*sc->name ||
	    textconv_chars(sc->name, strlen(sc->name)) > SCENARIO_NAME_MAX) {
		p->field = "/scenario/name";
		p->message = "请填写方案名称（不超过64字）";
		return KFQ_EINVAL;
	}
	current[0] = y.ratio_bp;
	if (scenario_resolve(revshare_scenario_params, revshare_n_scenario_params, current, sc, 0,
	                     params, p) != 0) {
		p->field = "/scenario/values"; /* one scenario here, not a list */
		return KFQ_EINVAL;
	}
	y.ratio_bp = params[0];
	rc = store_revshare_year_set(s, who, &revshare_json_audit, &y, "adopt_scenario", sc->name);
	if (rc != KFQ_OK)
		return fail(r, REVSHARE_RUN_STORE, rc, NULL);
	return KFQ_OK;
}

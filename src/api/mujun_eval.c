/* mujun_eval.c - a year's 亩均效益 evaluation of every zone (mujun_eval.h): the city's inputs
 * read in one pass (store_mujun_city), who is not evaluated and why, each zone scored, ranked
 * and classed by core/mujun.c, and the result kept per process under the audit head it was made
 * at. Why that is safe is api/cache.c's reasoning (DECISIONS 66): every change to what the
 * evaluation reads (enterprises, parcels, tax records, figures, exemptions, schemes) is
 * audited in its own transaction, so the head moves with it in whichever process; the head is
 * read with the session, before the inputs, so an evaluation made from a later state is kept
 * under an older head and can only be missed, never served stale. When the head has moved, the
 * audit records since the evaluation's inputs were read are looked at first: when none of them
 * touched what it reads, it is still right and is kept under the new head (DECISIONS 188).
 * Must not score anything itself nor write SQL. */
#include "api/mujun_eval.h"
#include "api/api.h"

#include "store/store_mujun.h"
#include "util/log.h"
#include "util/strbuf.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define KEPT 4 /* evaluations kept: a year and the year before, for two years being read */

struct mujun_eval {
	int year;
	char head[AUDIT_HASH_HEX];    /* kept under this audit head; "" when none could be read */
	struct store_mujun_mark mark; /* the audit log as the inputs were read, or checked since */
	struct mujun_scheme scheme;
	int n;                        /* enterprises, by zone then id */
	struct mujun_eval_row *rows;  /* n */
	struct mujun_result *results; /* n */
	int64_t *zone_ids;            /* nzones, ascending */
	int *zone_first;              /* nzones + 1: zone z is rows[zone_first[z] ..) */
	int nzones;
	struct arena a; /* everything above */
	int refs;       /* requests holding it, and 1 while it is kept */
};

static struct {
	pthread_mutex_t mu;
	struct mujun_eval *kept[KEPT]; /* most recently made first */
} cache = {.mu = PTHREAD_MUTEX_INITIALIZER};

/* Years evaluated from the inputs, and kept evaluations found unchanged under a newer head
 * (mujun_eval_metrics_write) */
static atomic_ullong evaluated, rekept;

const struct mujun_scheme *mujun_eval_scheme(const struct mujun_eval *ev)
{
	return &ev->scheme;
}

struct mujun_eval_zone mujun_eval_zone(const struct mujun_eval *ev, int64_t zone_id)
{
	int z = 0;

	/* a city has tens of zones */
	while (z < ev->nzones && ev->zone_ids[z] != zone_id)
		z++;
	if (z == ev->nzones)
		return (struct mujun_eval_zone){NULL, NULL, 0};
	return (struct mujun_eval_zone){&ev->rows[ev->zone_first[z]],
	                                &ev->results[ev->zone_first[z]],
	                                ev->zone_first[z + 1] - ev->zone_first[z]};
}

/* Drops one hold on ev (the cache's or a request's); the last one frees it. */
static void put(struct mujun_eval *ev)
{
	bool last;

	pthread_mutex_lock(&cache.mu);
	last = --ev->refs == 0;
	pthread_mutex_unlock(&cache.mu);
	if (last) {
		arena_release(&ev->a);
		free(ev);
	}
}

static void put_deferred(void *ev)
{
	put(ev);
}

/* The kept evaluation of year made under head, held for the caller; NULL when none. */
static struct mujun_eval *take(int year, const char *head)
{
	struct mujun_eval *found = NULL;

	if (!*head)
		return NULL;
	pthread_mutex_lock(&cache.mu);
	for (int i = 0; i < KEPT && !found; i++)
		if (cache.kept[i] && cache.kept[i]->year == year &&
		    !strcmp(cache.kept[i]->head, head))
			(found = cache.kept[i])->refs++;
	pthread_mutex_unlock(&cache.mu);
	return found;
}

/* The kept evaluation of year made under another head, when no audited change since it was
 * read can change it (store_mujun_unchanged, DECISIONS 188): it is then kept under head too and
 * held for the caller. NULL when there is none or it may have changed, and on a database error,
 * which the evaluation the caller then makes meets and answers. */
static struct mujun_eval *rekeep(struct store *db, int year, const char *head)
{
	struct mujun_eval *found = NULL;
	struct store_mujun_mark mark;
	bool unchanged = false;

	if (!*head)
		return NULL;
	pthread_mutex_lock(&cache.mu);
	for (int i = 0; i < KEPT && !found; i++)
		if (cache.kept[i] && cache.kept[i]->year == year) {
			(found = cache.kept[i])->refs++;
			mark = found->mark;
		}
	pthread_mutex_unlock(&cache.mu);
	if (!found)
		return NULL;
	if (store_mujun_unchanged(db, year, &mark, &unchanged) != KFQ_OK || !unchanged) {
		put(found);
		return NULL;
	}
	pthread_mutex_lock(&cache.mu);
	/* another request may have moved it further meanwhile */
	if (mark.seq > found->mark.seq) {
		found->mark = mark;
		memcpy(found->head, head, sizeof(found->head));
	}
	pthread_mutex_unlock(&cache.mu);
	atomic_fetch_add(&rekept, 1);
	return found;
}

/* Keeps ev (made under a head) in place of those made under another head, of the same year's
 * (made meanwhile by another request) and of the least recently made one. */
static void keep(struct mujun_eval *ev)
{
	struct mujun_eval *gone[KEPT + 1];
	int ngone = 0, n = 0;

	if (!*ev->head)
		return;
	pthread_mutex_lock(&cache.mu);
	ev->refs++;
	gone[ngone++] = cache.kept[KEPT - 1];
	for (int i = 0; i < KEPT - 1; i++)
		if (cache.kept[i] &&
		    (strcmp(cache.kept[i]->head, ev->head) != 0 || cache.kept[i]->year == ev->year))
			gone[ngone++] = cache.kept[i];
		else if (cache.kept[i])
			cache.kept[n++] = cache.kept[i];
	memmove(&cache.kept[1], &cache.kept[0], sizeof(cache.kept[0]) * (size_t)n);
	cache.kept[0] = ev;
	for (int i = n + 1; i < KEPT; i++)
		cache.kept[i] = NULL;
	pthread_mutex_unlock(&cache.mu);
	for (int i = 0; i < ngone; i++)
		if (gone[i])
			put(gone[i]);
}

/* Year first_year + y of city into a new evaluation under head: who is not evaluated and why
 * (as recorded; newly in production; a 规下 enterprise on too little land), then each zone
 * scored on its own. order: scratch for mujun_evaluate of city->n. */
static struct mujun_eval *make(struct store_mujun_city *city, int y, const char *head,
                               struct mujun_order *order)
{
	const struct mujun_scheme *scheme = &city->scheme[y];
	struct mujun_eval *ev = calloc(1, sizeof(*ev));
	struct mujun_figures *f = city->f[y];
	int year = city->first_year + y;

	if (!ev)
		fatal("mujun: out of memory");
	arena_init(&ev->a);
	ev->year = year;
	ev->refs = 1;
	memcpy(ev->head, head, sizeof(ev->head));
	ev->mark = city->mark;
	ev->scheme = *scheme;
	ev->n = city->n;
	ev->nzones = city->nzones;
	ev->zone_ids = arena_alloc(&ev->a, sizeof(*ev->zone_ids) * (size_t)(city->nzones + 1));
	ev->zone_first = arena_alloc(&ev->a, sizeof(*ev->zone_first) * (size_t)(city->nzones + 1));
	memcpy(ev->zone_ids, city->zone_ids, sizeof(*ev->zone_ids) * (size_t)city->nzones);
	memcpy(ev->zone_first, city->zone_first,
	       sizeof(*ev->zone_first) * (size_t)(city->nzones + 1));
	ev->rows = arena_alloc(&ev->a, sizeof(*ev->rows) * (size_t)(city->n + 1));
	ev->results = arena_alloc(&ev->a, sizeof(*ev->results) * (size_t)(city->n + 1));
	for (int k = 0; k < city->n; k++) {
		const struct store_mujun_input *e = &city->e[k];
		struct mujun_eval_row *r = &ev->rows[k];
		r->enterprise_id = e->enterprise_id;
		r->area_m2x100 = e->area_m2x100;
		r->group = e->group;
		r->why = city->exemption[y][k] ? arena_strdup(&ev->a, city->exemption[y][k]) : NULL;
		if (!r->why && mujun_new_in_production(scheme, year, e->production_on))
			r->why = arena_printf(&ev->a, "投产未满%d年（%s投产）", scheme->new_years,
			                      e->production_on);
		if (!r->why && e->group == MUJUN_BELOW &&
		    !mujun_below_eligible(scheme, e->area_m2x100))
			r->why = "规下企业用地不足参评下限";
		if (!r->why && !mujun_has_data(&f[k]))
			r->why = "当年没有税收记录和亩均数据";
		f[k].exempt = r->why != NULL;
	}
	for (int z = 0; z < ev->nzones; z++) {
		int first = ev->zone_first[z];
		mujun_evaluate(scheme, &f[first], ev->zone_first[z + 1] - first,
		               &ev->results[first], order);
	}
	return ev;
}

/* One year's make(): the years share only city, which make() reads (each writes its own
 * year's figures and its own arena), so that two run on two threads. */
struct make_job {
	struct store_mujun_city *city;
	int y;
	const char *head;
	struct mujun_order *order; /* 2 × (city->n + 1), its own */
	struct mujun_eval *out;
};

static void *make_run(void *arg)
{
	struct make_job *j = arg;

	j->out = make(j->city, j->y, j->head, j->order);
	return NULL;
}

/* Makes the evaluations of the years from first (nyears, 1 or 2) into out[], in one read; two
 * years at once, the first on a thread of its own (without one, one after the other): a cold
 * evaluation's scoring then takes half its wall time on two cores (DECISIONS 197). */
static int make_years(struct api_ctx *c, int first, int nyears, struct mujun_eval **out)
{
	struct store_mujun_city city;
	struct make_job job[2];
	struct arena tmp;
	pthread_t other;
	bool apart = false;
	int rc;

	arena_init(&tmp);
	if ((rc = store_mujun_city(c->db, &tmp, first, nyears, &city)) == KFQ_OK) {
		for (int y = 0; y < nyears; y++)
			job[y] = (struct make_job){
			    &city, y, c->sess.head,
			    arena_alloc(&tmp, sizeof(*job[y].order) * 2 * (size_t)(city.n + 1)),
			    NULL};
		apart = nyears == 2 && pthread_create(&other, NULL, make_run, &job[0]) == 0;
		for (int y = apart ? 1 : 0; y < nyears; y++)
			make_run(&job[y]);
		if (apart)
			pthread_join(other, NULL);
		for (int y = 0; y < nyears; y++)
			out[y] = job[y].out;
		atomic_fetch_add(&evaluated, (unsigned long long)nyears);
	}
	arena_release(&tmp);
	return rc == KFQ_OK ? 0 : api_store_error(c, rc);
}

int mujun_eval_years(struct api_ctx *c, int year, const struct mujun_eval **now,
                     const struct mujun_eval **last)
{
	struct mujun_eval *ev[2], *made[2];
	int first, nyears;

	/* the head is known once the session is (a recalled one is confirmed first) */
	if (api_session_confirmed(c) != 0)
		return -1;
	for (int y = 0; y < 2; y++)
		if (!(ev[y] = take(year - 1 + y, c->sess.head)))
			ev[y] = rekeep(c->db, year - 1 + y, c->sess.head);
	if (!ev[0] || !ev[1]) {
		first = ev[0] ? year : year - 1;
		nyears = ev[0] || ev[1] ? 1 : 2;
		if (make_years(c, first, nyears, made) != 0) {
			for (int y = 0; y < 2; y++)
				if (ev[y])
					put(ev[y]);
			return -1;
		}
		for (int y = 0; y < nyears; y++) {
			keep(made[y]);
			ev[first - (year - 1) + y] = made[y];
		}
	}
	for (int y = 0; y < 2; y++)
		arena_defer(c->a, put_deferred, ev[y]);
	*last = ev[0];
	*now = ev[1];
	return 0;
}

void mujun_eval_metrics_write(struct strbuf *sb)
{
	strbuf_addf(sb,
	            "# HELP kfq_mujun_evaluations_total Years of the 亩均 evaluation made from the "
	            "city's inputs.\n"
	            "# TYPE kfq_mujun_evaluations_total counter\nkfq_mujun_evaluations_total %llu\n"
	            "# HELP kfq_mujun_evaluations_rekept_total Kept evaluations still used after "
	            "audited changes that touched nothing they read.\n"
	            "# TYPE kfq_mujun_evaluations_rekept_total counter\n"
	            "kfq_mujun_evaluations_rekept_total %llu\n",
	            atomic_load(&evaluated), atomic_load(&rekept));
}

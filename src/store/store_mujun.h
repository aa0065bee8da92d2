/* store_mujun.h - the 亩均效益 evaluation's storage (store_mujun.c): a year's scheme, the
 * enterprises' yearly figures, exemptions (不参评) and the measures recorded per class, and the
 * inputs of the city's evaluation (its industrial enterprises with their land, the registry's
 * tax for the years and their figures). Every change is audited in its transaction
 * with the caller's JSON shapes (struct store_mujun_json). Returned structs and strings come
 * from the caller's arena. Scoring is core/mujun.c's. */
#ifndef KFQ_STORE_MUJUN_H
#define KFQ_STORE_MUJUN_H

#include "core/mujun.h"
#include "store/store.h"
#include "store/store_audit.h"

/* An enterprise's figures for a year; MUJUN_NONE where not known. */
struct store_figure {
	int64_t id;
	int64_t enterprise_id;
	const char *enterprise_name; /* read back */
	int64_t zone_id;             /* read back: the enterprise's zone */
	int year;
	int64_t value_added_fen, revenue_fen, rd_fen, energy_kgce, emission_kg, electricity_kwh,
	    staff;
	const char *updated_at;
};

struct store_exemption {
	int64_t id;
	int64_t enterprise_id;
	const char *enterprise_name; /* read back */
	int64_t zone_id;             /* read back */
	int year;
	const char *reason;
	const char *created_at;
};

struct store_measure {
	int64_t id;
	int64_t zone_id;
	const char *zone_name; /* read back */
	int year;
	const char *klass; /* "A".."D" */
	const char *measure;
	const char *created_at;
};

struct store_mujun_json {
	void (*scheme)(struct jsonw *w, int year, const struct mujun_scheme *s);
	void (*figure)(struct jsonw *w, const struct store_figure *f);
	void (*exemption)(struct jsonw *w, const struct store_exemption *e);
	void (*measure)(struct jsonw *w, const struct store_measure *m);
};

/* The year's scheme into *out: the stored one (*stored true), else the default. */
int store_mujun_scheme_get(struct store *s, int year, struct mujun_scheme *out, bool *stored);
/* Stores the year's scheme (checked by the caller), audited "set" on "mujun_scheme" (id the
 * year). */
int store_mujun_scheme_set(struct store *s, const struct store_actor *who,
                           const struct store_mujun_json *json, int year,
                           const struct mujun_scheme *sc);

/* One industrial enterprise of the city's evaluation inputs (store_mujun_city). */
struct store_mujun_input {
	int64_t enterprise_id, zone_id;
	enum mujun_group group;    /* from the scale */
	int64_t area_m2x100;       /* its parcels', 0 without any */
	const char *production_on; /* or NULL */
};

/* Where the audit log stood: its newest record's number and hash (0 and the genesis hash before
 * the first). */
struct store_mujun_mark {
	int64_t seq;
	char hash[AUDIT_HASH_HEX];
};

/* The inputs of every zone's evaluation for nyears years (1 or 2) from first_year: the
 * industrial enterprises (core/mujun.h's mujun_industrial) of every zone, each zone's
 * together, so that a zone's population is one run of the arrays. */
struct store_mujun_city {
	struct store_mujun_input *e; /* by zone, then id */
	int n;
	int64_t *zone_ids; /* nzones, ascending */
	int *zone_first;   /* nzones + 1: zone z's enterprises are e[zone_first[z] .. zone_first[z +
	                      1]) */
	int nzones;
	int first_year, nyears;
	/* f[y][k]: e[k]'s figures of first_year + y (group and area from e[k], tax the sum of its
	 * tax records or MUJUN_NONE, exempt false); exemption[y][k] the reason recorded, or NULL */
	struct mujun_figures *f[2];
	const char **exemption[2];
	struct mujun_scheme scheme[2]; /* each year's (store_mujun_scheme_get) */
	struct store_mujun_mark mark;  /* the audit log's head in the same read */
	/* the connections the years were read on: 2 when the figures came (on SQLite some of
	 * them) on a second one beside the first's tax (DECISIONS 231, 232), else 1 */
	int connections;
};

/* Reads the city's inputs for first_year .. first_year + nyears - 1 into *out: one pass over
 * each table (the enterprises, their parcels, the years' tax records, figures and
 * exemptions) and the years' schemes, matched by enterprise id here, instead of a probe per
 * enterprise and table, which is what a city's million enterprises cost. In one read
 * transaction, so that all of it is of one moment; the figures (on SQLite in parts the two
 * share) also in a second one, on a connection and thread of its own, taken when its audit
 * head is the first's (else, or when it cannot be opened, read on s). Arrays and strings from
 * a. */
int store_mujun_city(struct store *s, struct arena *a, int first_year, int nyears,
                     struct store_mujun_city *out);

/* A figure row as PostgreSQL's enterprise_figure.packed holds it (migration 0079, DECISIONS
 * 213): year (int4), enterprise id and the seven figures (int8 each, -1 for MUJUN_NONE),
 * big-endian. Sets r's year, enterprise_id and figures (nothing else) from p[0..len): KFQ_OK,
 * or KFQ_EIO, r untouched, when len is not STORE_FIGURE_PACKED (a NULL's -1 included): a row
 * of another layout is an error, never misread. */
#define STORE_FIGURE_PACKED (4 + 8 * 8)
int store_mujun_unpack(const unsigned char *p, int len, struct store_figure *r);

/* A tax row of the 亩均 read: its year, enterprise and amount. */
struct store_tax_row {
	int year;
	int64_t enterprise_id;
	int64_t amount_fen;
};

/* A tax row as PostgreSQL's tax_record.packed holds it (migration 0080, DECISIONS 217): year
 * (int4), enterprise id and amount (int8 each), big-endian. Sets *r from p[0..len): KFQ_OK, or
 * KFQ_EIO, *r untouched, when len is not STORE_TAX_PACKED (a NULL's -1 included). */
#define STORE_TAX_PACKED (4 + 8 + 8)
int store_mujun_unpack_tax(const unsigned char *p, int len, struct store_tax_row *r);

/* An enterprise as PostgreSQL's enterprise.packed holds it (migration 0084, DECISIONS 223): id
 * and zone (int8 each, big-endian) and one byte, 1 for 规上 (scale 'above') and 0 for 规下. Sets
 * e's enterprise_id, zone_id and group (nothing else) from p[0..len): KFQ_OK, or KFQ_EIO, e
 * untouched, when len is not STORE_ENTERPRISE_PACKED (a NULL's -1 included) or the byte is
 * neither. */
#define STORE_ENTERPRISE_PACKED (8 + 8 + 1)
int store_mujun_unpack_enterprise(const unsigned char *p, int len, struct store_mujun_input *e);

/* Whether the audit records after *mark (the head an evaluation of year was read at) leave that
 * evaluation as it is: *unchanged true when the record at mark is still the one it was (same
 * number, same hash) and none after it can change the year's evaluation
 * (mujun_audit_touches); then *mark is moved to the newest record read. Looks at a bounded
 * number of records: more than that counts as changed (evaluating again costs less). */
int store_mujun_unchanged(struct store *s, int year, struct store_mujun_mark *mark,
                          bool *unchanged);

/* The registry's name, USCC and industry code of the enterprises ids[0..n) (ascending, all in
 * zone_id) into names, usccs and codes (NULL where one is not found): a page's or an export's
 * rows, read in one statement over the id range. Strings from a. */
int store_mujun_labels(struct store *s, struct arena *a, int64_t zone_id, const int64_t *ids, int n,
                       const char **names, const char **usccs, const char **codes);

/* An enterprise's figures, newest year first. */
int store_figure_list(struct store *s, struct arena *a, int64_t enterprise_id,
                      struct store_figure **out, int *n);
int store_figure_get(struct store *s, struct arena *a, int64_t id, struct store_figure *out);
/* Sets (creates or replaces) the figures of f->enterprise_id's f->year, audited "set" on
 * "enterprise_figure"; f->id set. */
int store_figure_set(struct store *s, const struct store_actor *who,
                     const struct store_mujun_json *json, struct store_figure *f);

/* The figures of enterprise_id's year (read back as store_figure_get's); KFQ_ENOTFOUND when it
 * has none. */
int store_figure_of_year(struct store *s, struct arena *a, int64_t enterprise_id, int year,
                         struct store_figure *out);
/* The figures import's write of one row (app/import_figures.c), inside the import's transaction
 * and under its audit record: f's figures replace those of its enterprise's year. */
int store_figure_import_row(struct store *s, const struct store_figure *f, int64_t now);

/* The exemptions of zone_id's enterprises for year. */
int store_exemption_list(struct store *s, struct arena *a, int64_t zone_id, int year,
                         struct store_exemption **out, int *n);
int store_exemption_get(struct store *s, struct arena *a, int64_t id, struct store_exemption *out);
/* Records e (e->id set), audited "create" on "mujun_exemption"; KFQ_ECONFLICT when the
 * enterprise has one for the year. */
int store_exemption_create(struct store *s, const struct store_actor *who,
                           const struct store_mujun_json *json, struct store_exemption *e);
/* Removes exemption id, audited "delete". */
int store_exemption_delete(struct store *s, const struct store_actor *who,
                           const struct store_mujun_json *json, int64_t id);

/* The measures of zone_id for year (0 = every year), newest first. */
int store_measure_list(struct store *s, struct arena *a, int64_t zone_id, int year,
                       struct store_measure **out, int *n);
/* Records m (m->id set), audited "create" on "mujun_measure". */
int store_measure_create(struct store *s, const struct store_actor *who,
                         const struct store_mujun_json *json, struct store_measure *m);

#endif

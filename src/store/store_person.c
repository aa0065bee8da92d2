/* store_person.c - the rosters of the zones in SQL: people with their identity, posts,
 * appointment and secondment, national ID numbers sealed at rest, every change audited (the
 * audit records, with the ID number masked by the caller's writer, are each person's
 * history). The counts are checked against the zone's staffing inside each write transaction.
 * Must not decide who may write (api/ does) nor word a refusal (core/people.c does). */
#include "store/store_people.h"
#include "store/store_impl.h"
#include "store/store_people_impl.h"

#include "core/notice.h"
#include "core/personal_seal.h"
#include "core/plan.h"
#include "util/fileio.h"
#include "util/log.h"
#include "util/timeutil.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PERSON_COLS                                                                                \
	"p.id, p.org_id, o.name, p.name, p.id_sealed, p.identity, p.file_post, p.job_post, "       \
	"p.post_id, sp.name, sp.grade, sp.leader, p.appointment, p.approving_committee, "          \
	"p.appointing_government, p.seconded, p.seconded_from, p.secondment_start, "               \
	"p.secondment_end, p.retained, p.paid_by_zone, p.start_date, p.end_date, p.end_kind, "     \
	"p.end_reason, p.created_at, p.created_by"
#define PERSON_FROM                                                                                \
	" FROM person p JOIN org o ON o.id = p.org_id LEFT JOIN staffing_post sp ON sp.id = "      \
	"p.post_id"
static const char sql_count[] = "SELECT COUNT(*) FROM person p";
static const char sql_list[] = "SELECT " PERSON_COLS PERSON_FROM;
static const char sql_get[] = "SELECT " PERSON_COLS PERSON_FROM " WHERE p.id = ?1";
static const char sql_counts[] =
    "SELECT COUNT(*), COALESCE(SUM(sp.leader), 0) FROM person p LEFT JOIN staffing_post sp "
    "ON sp.id = p.post_id WHERE p.org_id = ?1 AND p.end_date IS NULL";
static const char sql_same_id[] =
    "SELECT COUNT(*) FROM person WHERE id_hash = ?1 AND end_date IS NULL AND id <> ?2";
static const char sql_post_taken[] =
    "SELECT COUNT(*) FROM person WHERE post_id = ?1 AND end_date IS NULL AND id <> ?2";
static const char sql_insert[] =
    "INSERT INTO person (org_id, name, id_sealed, id_hash, identity, file_post, job_post, "
    "post_id, appointment, approving_committee, appointing_government, seconded, "
    "seconded_from, secondment_start, secondment_end, paid_by_zone, start_date, retained, "
    "created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
    "?14, ?15, ?16, ?17, 0, ?18, ?19) RETURNING id";
static const char sql_update[] =
    "UPDATE person SET name = ?2, id_sealed = ?3, id_hash = ?4, identity = ?5, file_post = ?6, "
    "job_post = ?7, post_id = ?8, appointment = ?9, approving_committee = ?10, "
    "appointing_government = ?11, seconded = ?12, seconded_from = ?13, secondment_start = "
    "?14, secondment_end = ?15, paid_by_zone = ?16, start_date = ?17 WHERE id = ?1";
static const char sql_end[] =
    "UPDATE person SET end_date = ?2, end_kind = ?3, end_reason = ?4 WHERE id = ?1";
static const char sql_retain[] = "UPDATE person SET seconded = 0, retained = 1, paid_by_zone = 1, "
                                 "secondment_end = ?2 WHERE id = ?1";

/* ---- the key ---- */

static uint8_t key[PERSONAL_KEY_BYTES];
static bool have_key;
static enum personal_cipher cipher = PERSONAL_SECRETBOX;

void store_people_cipher_set(enum personal_cipher c)
{
	cipher = c;
}

void store_people_key_set(const uint8_t k[32])
{
	memcpy(key, k, sizeof(key));
	have_key = true;
}

static int read_key(const char *path, int fd)
{
	char hex[2 * PERSONAL_KEY_BYTES + 2];
	uint8_t k[PERSONAL_KEY_BYTES];
	size_t klen = 0;
	ssize_t n = read(fd, hex, sizeof(hex) - 1);

	if (n < 0) {
		log_error("personal key %s: %s", path, strerror(errno));
		return KFQ_EIO;
	}
	hex[n] = '\0';
	hex[strcspn(hex, "\r\n")] = '\0';
	if (strlen(hex) != 2 * PERSONAL_KEY_BYTES ||
	    sodium_hex2bin(k, sizeof(k), hex, strlen(hex), NULL, &klen, NULL) != 0 ||
	    klen != sizeof(k)) {
		log_error("personal key %s: not 64 hex digits", path);
		return KFQ_EINVAL;
	}
	store_people_key_set(k);
	sodium_memzero(k, sizeof(k));
	return KFQ_OK;
}

/* Writes a fresh key to a file of its own and links it in as path, so that servers starting
 * together agree on one key: a loser of the race reads the winner's. */
static int make_key(const char *path)
{
	uint8_t k[PERSONAL_KEY_BYTES];
	char hex[2 * PERSONAL_KEY_BYTES + 2], tmp[4200];
	int fd, rc = KFQ_OK;

	snprintf(tmp, sizeof(tmp), "%s", path);
	if (strrchr(tmp, '/')) {
		*strrchr(tmp, '/') = '\0';
		if (fileio_mkdirs(tmp, 0700) != 0) {
			log_error("personal key %s: %s", tmp, strerror(errno));
			return KFQ_EIO;
		}
	}
	snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0) {
		log_error("personal key %s: %s", tmp, strerror(errno));
		return KFQ_EIO;
	}
	randombytes_buf(k, sizeof(k));
	sodium_bin2hex(hex, sizeof(hex) - 1, k, sizeof(k));
	strcat(hex, "\n");
	if (fileio_write_all(fd, hex, strlen(hex)) != 0 || fsync(fd) != 0)
		rc = KFQ_EIO;
	if (close(fd) != 0)
		rc = KFQ_EIO;
	if (rc == KFQ_OK && link(tmp, path) != 0)
		rc = errno == EEXIST ? KFQ_ECONFLICT : KFQ_EIO;
	if (rc == KFQ_EIO)
		log_error("personal key %s: %s", path, strerror(errno));
	unlink(tmp);
	sodium_memzero(hex, sizeof(hex));
	if (rc == KFQ_OK)
		store_people_key_set(k);
	sodium_memzero(k, sizeof(k));
	return rc;
}

bool store_people_key_ready(void)
{
	return have_key;
}

/* A missing key file is made afresh only for a roster that holds no sealed number yet: for one
 * that does (a database restored without its key), a new key would leave the old numbers
 * unreadable for good and store new ones under a hash no old one matches, so that a person
 * could hold two posts unnoticed (DECISIONS 387). */
static int key_missing(struct store *s, const char *path)
{
	int64_t sealed = 0;
	int rc = store_query_int(s, "SELECT COUNT(*) FROM person", &sealed);

	if (rc != KFQ_OK)
		return rc;
	if (sealed == 0)
		return KFQ_OK;
	log_error("personal key %s is missing and the database holds %lld sealed ID number(s): "
	          "no new key made; ID numbers read as null and roster writes are refused until "
	          "the key file is put back (docs/OPERATIONS.md, The ID-number key)",
	          path, (long long)sealed);
	return KFQ_ENOTFOUND;
}

int store_people_key_file(struct store *s, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0 && errno == ENOENT) {
		if ((rc = key_missing(s, path)) != KFQ_OK)
			return rc;
		if ((rc = make_key(path)) != KFQ_ECONFLICT)
			return rc;
		fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0) {
		log_error("personal key %s: %s", path, strerror(errno));
		return KFQ_EIO;
	}
	rc = read_key(path, fd);
	close(fd);
	return rc;
}

/* ---- re-sealing ---- */

static const char sql_seals[] = "SELECT id, id_sealed FROM person WHERE id > ?1 ORDER BY id";
static const char sql_reseal[] = "UPDATE person SET id_sealed = ?2 WHERE id = ?1";

struct seal_row {
	int64_t id;
	const char *sealed;
};

static void read_seal(struct store_stmt *st, struct arena *a, void *element)
{
	struct seal_row *r = element;

	r->id = store_col_int(st, 0);
	r->sealed = store_col_dup(st, 1, a);
}

static int reseal_tx(struct store *s, const struct store_actor *who, struct arena *a,
                     int64_t *resealed, int64_t *total, int64_t *bad_id)
{
	uint8_t nonce[PERSONAL_NONCE_BYTES];
	char after[160];
	struct seal_row *rows;
	struct store_stmt *st;
	void *found;
	int n, rc;

	if ((rc = store_collect(s, a, sql_seals, 0, sizeof(*rows), read_seal, &found, &n)) !=
	    KFQ_OK)
		return rc;
	rows = found;
	*total = n;
	for (int i = 0; i < n; i++) {
		const char *value, *sealed;
		if (personal_sealed_format(rows[i].sealed) == (int)cipher)
			continue;
		if (!(value = personal_open(a, key, rows[i].sealed))) {
			*bad_id = rows[i].id;
			return KFQ_EINVAL;
		}
		randombytes_buf(nonce, sizeof(nonce));
		if (!(sealed = personal_seal(a, cipher, key, nonce, value)))
			return KFQ_ERR;
		if ((rc = store_prepare(s, sql_reseal, &st)) != KFQ_OK)
			return rc;
		store_bind_int(st, 1, rows[i].id);
		store_bind_text(st, 2, sealed);
		if ((rc = store_run(st)) != KFQ_OK)
			return rc;
		(*resealed)++;
	}
	if (*resealed == 0)
		return KFQ_OK;
	snprintf(after, sizeof(after), "{\"cipher\":\"%s\",\"resealed\":%lld,\"total\":%lld}",
	         cipher == PERSONAL_SM4 ? "sm4" : "secretbox", (long long)*resealed,
	         (long long)*total);
	return store_audit_append(s, who, "reseal", "personal_seal",
	                          cipher == PERSONAL_SM4 ? "sm4" : "secretbox", NULL, after);
}

int store_people_reseal(struct store *s, const struct store_actor *who, int64_t *resealed,
                        int64_t *total, int64_t *bad_id)
{
	struct arena a;
	int rc;

	*resealed = *total = *bad_id = 0;
	if (!have_key) {
		log_error("reseal: no personal key configured");
		return KFQ_ERR;
	}
	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	arena_init(&a);
	rc = store_end(s, reseal_tx(s, who, &a, resealed, total, bad_id));
	arena_release(&a);
	if (rc != KFQ_OK)
		*resealed = 0;
	return rc;
}

/* ---- shared with store_staffing.c ---- */

int store_people_year(void)
{
	return notice_year(plan_today(time_now()));
}

int store_people_roster_counts(struct store *s, int64_t org_id, struct roster_counts *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_counts, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, org_id);
	rc = store_step(st);
	if (rc == KFQ_ROW) {
		out->people = store_col_int(st, 0);
		out->leaders = store_col_int(st, 1);
	}
	store_reset(st);
	return rc == KFQ_ROW ? KFQ_OK : rc == KFQ_DONE ? KFQ_ERR : rc;
}

/* ---- reading ---- */

/* element: a struct store_person */
static void read_person(struct store_stmt *st, struct arena *a, void *element)
{
	struct store_person *p = element;

	memset(p, 0, sizeof(*p));
	p->id = store_col_int(st, 0);
	p->org_id = store_col_int(st, 1);
	p->org_name = store_col_dup(st, 2, a);
	p->name = store_col_dup(st, 3, a);
	p->id_number = have_key ? personal_open(a, key, store_col_text(st, 4)) : NULL;
	p->identity = store_col_dup(st, 5, a);
	p->file_post = store_col_dup(st, 6, a);
	p->job_post = store_col_dup(st, 7, a);
	p->post_id = store_col_int(st, 8);
	p->post_name = store_col_dup(st, 9, a);
	p->post_grade = store_col_dup(st, 10, a);
	p->post_leader = store_col_int(st, 11) != 0;
	p->appointment = store_col_dup(st, 12, a);
	p->approving_committee = store_col_dup(st, 13, a);
	p->appointing_government = store_col_dup(st, 14, a);
	p->seconded = store_col_int(st, 15) != 0;
	p->seconded_from = store_col_dup(st, 16, a);
	p->secondment_start = store_col_dup(st, 17, a);
	p->secondment_end = store_col_dup(st, 18, a);
	p->retained = store_col_int(st, 19) != 0;
	p->paid_by_zone = store_col_int(st, 20) != 0;
	p->start_date = store_col_dup(st, 21, a);
	p->end_date = store_col_dup(st, 22, a);
	p->end_kind = store_col_dup(st, 23, a);
	p->end_reason = store_col_dup(st, 24, a);
	p->created_at = store_col_dup(st, 25, a);
	p->created_by = store_col_int(st, 26);
}

struct person_filter {
	const struct store_person_filter *f;
	const char *like;
};

static void person_filter(struct store_sql *q, const void *arg)
{
	const struct person_filter *pf = arg;
	const struct store_person_filter *f = pf->f;

	store_sql_add(q, " WHERE 1 = 1");
	if (f->org_id)
		store_sql_int(q, " AND p.org_id = ?", f->org_id);
	if (pf->like)
		store_sql_text(q, " AND p.name LIKE ? ESCAPE '\\'", pf->like);
	if (f->identity)
		store_sql_text(q, " AND p.identity = ?", f->identity);
	if (f->current)
		store_sql_add(q, " AND p.end_date IS NULL");
	if (f->seconded)
		store_sql_add(q, " AND p.seconded = 1");
	if (!store_scope_everything(&f->scope)) {
		store_sql_add(q, " AND ");
		store_sql_scope(q, "p.org_id", &f->scope);
	}
}

/* the roster f selects; pf: f with its LIKE pattern, in a */
static struct store_list person_list(struct arena *a, const struct store_person_filter *f,
                                     struct person_filter *pf)
{
	*pf = (struct person_filter){f, store_like_contains(a, f->q)};
	return (struct store_list){
	    .count_sql = sql_count,
	    .list_sql = sql_list,
	    .offset = f->offset,
	    .limit = f->limit,
	    .arg = pf,
	    .read = read_person,
	    .elem_size = sizeof(struct store_person),
	    .filter = person_filter,
	    .order = " ORDER BY o.name, p.end_date IS NOT NULL, sp.leader DESC, p.id",
	};
}

int store_person_list(struct store *s, struct arena *a, const struct store_person_filter *f,
                      struct store_person **out, int *n, int64_t *total)
{
	struct person_filter pf;
	struct store_list l = person_list(a, f, &pf);
	void *arr;
	int rc = store_list_page(s, a, &l, &arr, n, total);

	*out = arr;
	return rc;
}

int store_person_each(struct store *s, struct arena *a, const struct store_person_filter *f,
                      store_each_fn fn, void *ctx)
{
	struct person_filter pf;
	struct store_list l = person_list(a, f, &pf);

	return store_list_each(s, &l, fn, ctx);
}

int store_person_get(struct store *s, struct arena *a, int64_t id, struct store_person *out)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql_get, &st)) != KFQ_OK)
		return rc;
	store_bind_int(st, 1, id);
	return store_row(st, a, read_person, out);
}

static int person_write(struct store *s, struct arena *a, int64_t id, const void *json,
                        struct jsonw *w)
{
	const struct store_people_json *shape = json;
	struct store_person p;
	int rc = store_person_get(s, a, id, &p);

	if (rc == KFQ_OK)
		shape->person(w, &p);
	return rc;
}

/* ---- writing ---- */

/* COUNT(*) of sql with ?1 = text (or, when NULL, first) and ?2 = second. */
static int count_of(struct store *s, const char *sql, const char *text, int64_t first,
                    int64_t second, int64_t *n)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql, &st)) != KFQ_OK)
		return rc;
	if (text)
		store_bind_text(st, 1, text);
	else
		store_bind_int(st, 1, first);
	store_bind_int(st, 2, second);
	rc = store_step(st);
	if (rc == KFQ_ROW)
		*n = store_col_int(st, 0);
	store_reset(st);
	return rc == KFQ_ROW ? KFQ_OK : rc == KFQ_DONE ? KFQ_ERR : rc;
}

static int refuse(enum people_rule *rule, enum people_rule r)
{
	*rule = r;
	return KFQ_EINVAL;
}

/* The rules a person's record must keep, checked before it is written: the zone has staffing,
 * the ID number and the post are free. hash: the ID number's. */
static int check_before(struct store *s, const struct store_person *p, const char *hash,
                        enum people_rule *rule)
{
	struct store_staffing cur;
	struct arena a;
	int64_t n = 0;
	int rc;

	arena_init(&a);
	rc = store_staffing_current(s, &a, p->org_id, &cur);
	arena_release(&a);
	if (rc == KFQ_ENOTFOUND)
		return refuse(rule, PEOPLE_NO_STAFFING);
	if (rc != KFQ_OK || (rc = count_of(s, sql_same_id, hash, 0, p->id, &n)) != KFQ_OK)
		return rc;
	if (n)
		return refuse(rule, PEOPLE_TWO_POSTS);
	if (!p->post_id)
		return KFQ_OK;
	if ((rc = count_of(s, sql_post_taken, NULL, p->post_id, p->id, &n)) != KFQ_OK)
		return rc;
	return n ? refuse(rule, PEOPLE_POST_TAKEN) : KFQ_OK;
}

/* After the write: the roster within its staffing's 员额 and 领导职数. */
static int check_after(struct store *s, int64_t org_id, enum people_rule *rule)
{
	struct store_staffing cur;
	struct arena a;
	int rc;

	arena_init(&a);
	rc = store_staffing_current(s, &a, org_id, &cur);
	if (rc == KFQ_OK && (*rule = people_counts_check(&cur.f, &cur.now)) != PEOPLE_OK)
		rc = KFQ_EINVAL;
	arena_release(&a);
	return rc;
}

static void bind_fields(struct store_stmt *st, const struct store_person *p, const char *sealed,
                        const char *hash)
{
	store_bind_text(st, 2, p->name);
	store_bind_text(st, 3, sealed);
	store_bind_text(st, 4, hash);
	store_bind_text(st, 5, p->identity);
	store_bind_text(st, 6, p->file_post);
	store_bind_text(st, 7, p->job_post);
	store_bind_id(st, 8, p->post_id);
	store_bind_text(st, 9, p->appointment);
	store_bind_text(st, 10, p->approving_committee);
	store_bind_text(st, 11, p->appointing_government);
	store_bind_int(st, 12, p->seconded);
	store_bind_text(st, 13, p->seconded_from);
	store_bind_text(st, 14, p->secondment_start);
	store_bind_text(st, 15, p->secondment_end);
	store_bind_int(st, 16, p->paid_by_zone);
	store_bind_text(st, 17, p->start_date);
}

/* Writes p (insert when p->id is 0) in the open transaction, checking the rules. */
static int write_person(struct store *s, const struct store_actor *who, struct store_person *p,
                        enum people_rule *rule)
{
	uint8_t nonce[PERSONAL_NONCE_BYTES];
	char hash[PERSONAL_HASH_HEX], now[TIME_RFC3339_LEN];
	struct store_stmt *st;
	struct arena a;
	const char *sealed;
	int rc;

	if (!have_key) {
		log_error("roster: no personal key configured");
		return KFQ_ERR;
	}
	arena_init(&a);
	randombytes_buf(nonce, sizeof(nonce));
	if (!(sealed = personal_seal(&a, cipher, key, nonce, p->id_number))) {
		log_error("roster: the ID number could not be sealed (OpenSSL)");
		rc = KFQ_ERR;
		goto cleanup;
	}
	personal_hash(key, p->id_number, hash);
	time_format(time_now(), now);
	if ((rc = check_before(s, p, hash, rule)) != KFQ_OK)
		goto cleanup;
	if ((rc = store_prepare(s, p->id ? sql_update : sql_insert, &st)) != KFQ_OK)
		goto cleanup;
	if (p->id) {
		store_bind_int(st, 1, p->id);
		bind_fields(st, p, sealed, hash);
		rc = store_run(st);
	} else {
		store_bind_int(st, 1, p->org_id);
		bind_fields(st, p, sealed, hash);
		store_bind_text(st, 18, now);
		store_bind_id(st, 19, who->user_id);
		rc = store_run_id(st, &p->id);
	}
	if (rc == KFQ_OK)
		rc = check_after(s, p->org_id, rule);
cleanup:
	arena_release(&a);
	return rc;
}

static int insert(struct store *s, const struct store_actor *who,
                  const struct store_people_json *json, const char *action, struct store_person *p,
                  enum people_rule *rule)
{
	int rc;

	*rule = PEOPLE_OK;
	p->id = 0;
	if ((rc = write_person(s, who, p, rule)) == KFQ_OK)
		rc = store_audit_entity(s, who, action, "person", p->id, NULL, person_write, json);
	return rc;
}

int store_person_create(struct store *s, const struct store_actor *who,
                        const struct store_people_json *json, struct store_person *p,
                        enum people_rule *rule)
{
	int rc;

	if ((rc = store_begin(s)) != KFQ_OK)
		return rc;
	rc = insert(s, who, json, "create", p, rule);
	if ((rc = store_end(s, rc)) != KFQ_OK)
		p->id = 0;
	return rc;
}

int store_person_insert(struct store *s, const struct store_actor *who,
                        const struct store_people_json *json, struct store_person *p,
                        enum people_rule *rule)
{
	return insert(s, who, json, "import", p, rule);
}

int store_person_id_taken(struct store *s, const char *id_number, bool *taken)
{
	char hash[PERSONAL_HASH_HEX];
	int64_t n = 0;
	int rc;

	*taken = false;
	if (!have_key) {
		log_error("roster: no personal key configured");
		return KFQ_ERR;
	}
	personal_hash(key, id_number, hash);
	if ((rc = count_of(s, sql_same_id, hash, 0, 0, &n)) == KFQ_OK)
		*taken = n > 0;
	return rc;
}

/* In the change's transaction: person id as it is, who must still be on the roster. */
static int load_current(struct store *s, struct arena *a, int64_t id, struct store_person *cur)
{
	int rc = store_person_get(s, a, id, cur);

	return rc == KFQ_OK && cur->end_date ? KFQ_ESTATE : rc;
}

int store_person_update(struct store *s, const struct store_actor *who,
                        const struct store_people_json *json, struct store_person *p,
                        enum people_rule *rule)
{
	struct store_person cur;
	struct arena a;
	char *before = NULL;
	int rc;

	*rule = PEOPLE_OK;
	arena_init(&a);
	if ((rc = store_begin_change(s, p->id, person_write, json, &before)) != KFQ_OK)
		goto cleanup;
	if ((rc = load_current(s, &a, p->id, &cur)) != KFQ_OK)
		goto done;
	p->org_id = cur.org_id;
	if ((rc = write_person(s, who, p, rule)) == KFQ_OK)
		rc = store_audit_entity(s, who, "update", "person", p->id, before, person_write,
		                        json);
done:
	rc = store_end(s, rc);
cleanup:
	free(before);
	arena_release(&a);
	return rc;
}

int store_person_end(struct store *s, const struct store_actor *who,
                     const struct store_people_json *json, int64_t id, const char *kind,
                     const char *date, const char *reason, enum people_rule *rule)
{
	struct store_stmt *st;
	struct store_person cur;
	struct arena a;
	char *before = NULL;
	int rc;

	*rule = PEOPLE_OK;
	arena_init(&a);
	if ((rc = store_begin_change(s, id, person_write, json, &before)) != KFQ_OK)
		goto cleanup;
	if ((rc = load_current(s, &a, id, &cur)) != KFQ_OK)
		goto done;
	if (plan_day(date) < plan_day(cur.start_date)) {
		rc = refuse(rule, PEOPLE_END_BEFORE_START);
		goto done;
	}
	if ((rc = store_prepare(s, sql_end, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, id);
	store_bind_text(st, 2, date);
	store_bind_text(st, 3, kind);
	store_bind_text(st, 4, reason);
	if ((rc = store_run(st)) == KFQ_OK)
		rc = store_audit_entity(s, who, "end", "person", id, before, person_write, json);
done:
	rc = store_end(s, rc);
cleanup:
	free(before);
	arena_release(&a);
	return rc;
}

int store_person_retain(struct store *s, const struct store_actor *who,
                        const struct store_people_json *json, int64_t id, const char *date,
                        enum people_rule *rule)
{
	struct store_stmt *st;
	struct store_person cur;
	struct arena a;
	char *before = NULL;
	int rc;

	*rule = PEOPLE_OK;
	arena_init(&a);
	if ((rc = store_begin_change(s, id, person_write, json, &before)) != KFQ_OK)
		goto cleanup;
	if ((rc = load_current(s, &a, id, &cur)) != KFQ_OK)
		goto done;
	if (!cur.seconded) {
		rc = KFQ_ESTATE;
		goto done;
	}
	if (people_secondment_check(cur.secondment_start, date) != PEOPLE_OK) {
		rc = refuse(rule, PEOPLE_SECONDMENT_ORDER);
		goto done;
	}
	if ((rc = store_prepare(s, sql_retain, &st)) != KFQ_OK)
		goto done;
	store_bind_int(st, 1, id);
	store_bind_text(st, 2, date);
	if ((rc = store_run(st)) == KFQ_OK)
		rc = store_audit_entity(s, who, "retain", "person", id, before, person_write, json);
done:
	rc = store_end(s, rc);
cleanup:
	free(before);
	arena_release(&a);
	return rc;
}

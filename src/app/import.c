/* import.c - runs a spreadsheet import: the two passes, the duplicate-key check, the evidence
 * copy, the batch record and its audit record, the sealed one-time download. Must not hold a
 * kind's own rules (app/import_*.c do) nor SQL (store/ does). */
#include "app/import.h"

#include "store/store_bulk.h"
#include "store/store_import.h"
#include "store/store_org.h"
#include "util/blobstore.h"
#include "util/jsonw.h"
#include "util/log.h"
#include "util/strbuf.h"

#include <errno.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int bulk_end(void *w)
{
	return store_bulk_end(w, NULL);
}

static void bulk_abort(void *w)
{
	store_bulk_abort(w);
}

const struct import_writer import_store_bulk = {.end = bulk_end, .abort = bulk_abort};

int import_run_writer(struct import_run *r, int rc, const struct import_writer *ops, void *w)
{
	if (rc == KFQ_OK) {
		r->writer = w;
		r->writer_ops = ops;
	}
	return rc;
}

/* Ends the run's writer (it is gone whatever the result). */
static int writer_end(struct import_run *r)
{
	void *w = r->writer;

	r->writer = NULL;
	return w ? r->writer_ops->end(w) : KFQ_OK;
}

/* Abandons the run's writer and lets the kind free what it holds. */
static void release(struct import_run *r)
{
	if (r->writer)
		r->writer_ops->abort(r->writer);
	r->writer = NULL;
	if (r->kind->release)
		r->kind->release(r);
}

void import_run_problem(struct import_run *r, int64_t row, const char *column, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	import_problem_add(&r->problems, row, column, "%s", buf);
}

const struct import_kind *import_kind_find(const char *name)
{
	for (int i = 0; name && import_kinds[i]; i++)
		if (!strcmp(import_kinds[i]->name, name))
			return import_kinds[i];
	return NULL;
}

int64_t import_kind_max_bytes(const struct import_kind *k)
{
	if (k->max_bytes <= 0)
		return IMPORT_FILE_MAX;
	return k->max_bytes < IMPORT_FILE_MAX_ANY ? k->max_bytes : IMPORT_FILE_MAX_ANY;
}

/* ---- keys seen: 16-byte digests of each row's natural key, open addressing ---- */

struct keyset {
	unsigned char (*keys)[16];
	int64_t *rows; /* 0 = empty slot */
	size_t cap, n;
};

static void keyset_release(struct keyset *k)
{
	free(k->keys);
	free(k->rows);
	memset(k, 0, sizeof(*k));
}

static size_t slot_of(const struct keyset *k, const unsigned char d[16])
{
	uint64_t h;

	memcpy(&h, d, sizeof(h));
	return (size_t)(h & (k->cap - 1));
}

/* Adds the key of `row`; returns the row that had it already, or 0. */
static int64_t keyset_add(struct keyset *k, const char *key, int64_t row)
{
	unsigned char d[16];

	if (k->n * 2 >= k->cap) {
		struct keyset bigger = {0};
		bigger.cap = k->cap ? k->cap * 2 : 1024;
		bigger.keys = xcalloc(bigger.cap, sizeof(*bigger.keys));
		bigger.rows = xcalloc(bigger.cap, sizeof(*bigger.rows));
		for (size_t i = 0; i < k->cap; i++) {
			if (!k->rows[i])
				continue;
			size_t j = slot_of(&bigger, k->keys[i]);
			while (bigger.rows[j])
				j = (j + 1) & (bigger.cap - 1);
			memcpy(bigger.keys[j], k->keys[i], 16);
			bigger.rows[j] = k->rows[i];
		}
		bigger.n = k->n;
		keyset_release(k);
		*k = bigger;
	}
	/* 128 bits of BLAKE2b: a collision would need about 2^64 rows */
	crypto_generichash(d, sizeof(d), (const unsigned char *)key, strlen(key), NULL, 0);
	size_t j = slot_of(k, d);
	while (k->rows[j]) {
		if (!memcmp(k->keys[j], d, 16))
			return k->rows[j];
		j = (j + 1) & (k->cap - 1);
	}
	memcpy(k->keys[j], d, 16);
	k->rows[j] = row;
	k->n++;
	return 0;
}

/* ---- one pass over the file ---- */

static void key_text(const struct import_kind *k, const struct import_value *v, struct strbuf *sb)
{
	for (int i = 0; i < k->ncols; i++) {
		const struct import_column *c = &k->cols[i];
		const char *text = v[i].text ? v[i].text : "";
		if (!c->key || !v[i].present)
			continue;
		/* an option as the file writes it (预算), not its code */
		if (c->type == IMPORT_ENUM && v[i].text)
			text = enum_label(c->options, v[i].text);
		strbuf_addf(sb, "%s%s = %s", sb->len ? "，" : "", c->header, text);
	}
}

/* Opens the file as a sheet that keeps its rows for the second pass (in the directory where
 * `kfq serve` receives uploads too), so that the file is parsed once. KFQ_OK with *out, KFQ_OK
 * with *out NULL when the file is not a readable spreadsheet (the reason is a problem), or
 * KFQ_EIO. lim must outlive the sheet. */
static int open_sheet(struct import_run *r, const struct import_request *req,
                      const struct sheet_limits *lim, struct sheet **out)
{
	struct sheet_error e = {0};
	char dir[4096];
	int rc;

	*out = NULL;
	rc = sheet_open(req->fd, lim, out, &e);
	if (rc == KFQ_EINVAL) {
		import_problem_add(&r->problems, e.row, NULL, "%s", e.message);
		return KFQ_OK;
	}
	if (rc != KFQ_OK)
		return rc;
	if (snprintf(dir, sizeof(dir), "%s/tmp", req->data_dir) >= (int)sizeof(dir) ||
	    sheet_keep(*out, dir) != KFQ_OK) {
		log_error("import: cannot open a temporary file in %s/tmp: %s", req->data_dir,
		          strerror(errno));
		sheet_close(*out);
		*out = NULL;
		return KFQ_EIO;
	}
	return KFQ_OK;
}

/* the bracket at *s as '(' or ')', with its length in *len; 0 for anything else */
static char bracket(const char *s, size_t *len)
{
	*len = 1;
	if (*s == '(' || *s == ')')
		return *s;
	*len = 3;
	if (!strncmp(s, "\xef\xbc\x88", 3)) /* （ */
		return '(';
	if (!strncmp(s, "\xef\xbc\x89", 3)) /* ） */
		return ')';
	return 0;
}

/* a and b are one name, whichever width their brackets were typed in (抚顺经济开发区(示例) is
 * 抚顺经济开发区（示例）: a spreadsheet user types either) */
static bool same_name(const char *a, const char *b)
{
	while (*a && *b) {
		size_t la, lb;
		char x = bracket(a, &la), y = bracket(b, &lb);
		if (x || y) {
			if (x != y)
				return false;
			a += la;
			b += lb;
		} else if (*a++ != *b++) {
			return false;
		}
	}
	return !*a && !*b;
}

const struct store_org *import_org_named(const struct store_org *orgs, int n, const char *name)
{
	for (int i = 0; i < n; i++) {
		if (same_name(orgs[i].name, name))
			return &orgs[i];
		for (int k = 0; k < orgs[i].naliases; k++)
			if (same_name(orgs[i].aliases[k], name))
				return &orgs[i];
	}
	return NULL;
}

/* whether every key column of the row converted (a kind without one has no key) */
static bool keys_converted(const struct import_kind *k, const struct import_value *v)
{
	bool any = false;

	for (int i = 0; i < k->ncols; i++) {
		if (!k->cols[i].key)
			continue;
		if (!v[i].present)
			return false;
		any = true;
	}
	return any;
}

/* "B3" of a 0-based column and a row. */
static void cell_ref(struct strbuf *sb, int col, int64_t row)
{
	char letters[4];
	int n = 0;

	for (int c = col + 1; c > 0 && n < 4; c = (c - 1) / 26)
		letters[n++] = (char)('A' + (c - 1) % 26);
	while (n)
		strbuf_addch(sb, letters[--n]);
	strbuf_addf(sb, "%lld", (long long)row);
}

/* Merged cells over the data rows read as empty below and right of each range's first cell: a
 * file that has problems and such ranges is told so first, with the ranges named. */
static void merge_hint(struct import_run *r, const struct sheet *sh, int64_t header_row)
{
	const struct sheet_merge *m;
	int n = sheet_merges(sh, &m), kept = n < SHEET_MERGES_MAX ? n : SHEET_MERGES_MAX, over = 0;
	struct strbuf sb = STRBUF_INIT;

	for (int i = 0; i < kept; i++) {
		if (m[i].row2 <= header_row || over++ >= 3)
			continue;
		strbuf_addstr(&sb, over > 1 ? "、" : "表中有合并单元格（");
		cell_ref(&sb, m[i].col1, m[i].row1);
		strbuf_addch(&sb, ':');
		cell_ref(&sb, m[i].col2, m[i].row2);
	}
	if (over) {
		strbuf_addf(&sb,
		            "%s）：合并区域只有第一格有值，其余各格读作空白。请取消合并，在每一行"
		            "填写后再导入",
		            over > 3 || n > kept ? "等" : "");
		import_problem_lead(&r->problems, sb.buf);
	}
	strbuf_release(&sb);
}

/* Reads every row: converts, checks, and in the second pass writes. The second pass reads the
 * rows the first kept, the same rows: the file's duplicate keys were checked by the first.
 * *rows counts data rows. Problems go to r->problems; the return is KFQ_OK, or KFQ_EIO / a
 * writer's error. */
static int pass(struct import_run *r, struct sheet *sh, int64_t *rows, const char **format)
{
	const struct import_kind *k = r->kind;
	struct sheet_error e = {0};
	struct sheet_row row;
	struct keyset seen = {0};
	struct import_value *vals = arena_zalloc(r->a, sizeof(*vals) * (size_t)k->ncols);
	int *map = arena_alloc(r->a, sizeof(int) * (size_t)k->ncols);
	bool header = false;
	int64_t header_row = 0;
	int rc, wrc = KFQ_OK;

	*rows = 0;
	if (!sh)
		return KFQ_OK;
	*format = arena_strdup(r->a, sheet_encoding(sh));
	while ((rc = sheet_next(sh, &row, &e)) == KFQ_ROW) {
		struct arena ra;
		if (!header) {
			header = true;
			header_row = row.row;
			if (import_header_map(k->cols, k->ncols, &row, map, &r->problems) != 0)
				break;
			continue;
		}
		if (++*rows > k->max_rows) {
			import_problem_add(&r->problems, row.row, NULL,
			                   "数据行超过上限（每个文件最多%lld行）",
			                   (long long)k->max_rows);
			break;
		}
		arena_init(&ra);
		/* a cell that did not convert is a problem of r's and a column not present */
		(void)import_row_convert(k->cols, k->ncols, map, &row, sheet_date1904(sh), &ra,
		                         vals, &r->problems);
		/* a row whose key columns converted is a key whatever else it holds: a second row
		 * of it is told in the same round as the first row's own problems */
		bool keyed = !r->writing && keys_converted(k, vals);
		const char *key = NULL;
		if (keyed && k->row_key)
			key = k->row_key(r, vals, &ra);
		if (keyed && !key)
			key = import_row_key(k->cols, k->ncols, vals, &ra);
		int64_t first = key ? keyset_add(&seen, key, row.row) : 0;
		if (first) {
			struct strbuf kt = STRBUF_INIT;
			key_text(k, vals, &kt);
			import_problem_add(&r->problems, row.row, NULL, "与第%lld行重复（%s）",
			                   (long long)first, kt.buf);
			strbuf_release(&kt);
		} else if (k->check) {
			/* the columns that did convert are checked too: every problem at once */
			k->check(r, row.row, vals);
		}
		if (r->writing && r->problems.total == 0)
			wrc = k->write_row(r, row.row, vals);
		arena_release(&ra);
		/* in the second pass the first problem decides: nothing more can be written */
		if (wrc != KFQ_OK || (r->writing && r->problems.total))
			break;
	}
	if (wrc != KFQ_OK)
		rc = wrc;
	else if (rc == KFQ_EINVAL)
		import_problem_add(&r->problems, e.row, NULL, "%s", e.message);
	else if (rc == KFQ_DONE && !header)
		import_problem_add(&r->problems, 0, NULL, "文件中没有表头行（请使用导入模板）");
	else if (rc == KFQ_DONE && *rows == 0 && r->problems.total == 0)
		import_problem_add(&r->problems, 0, NULL, "文件中没有数据行");
	if (rc == KFQ_DONE && header && !r->writing && r->problems.total)
		merge_hint(r, sh, header_row);
	if (wrc == KFQ_OK && (rc == KFQ_DONE || rc == KFQ_EINVAL || rc == KFQ_ROW))
		rc = KFQ_OK;
	keyset_release(&seen);
	return rc;
}

/* ---- the record of the attempt ---- */

static const char *outcome_name(enum import_outcome o)
{
	return o == IMPORT_IMPORTED ? "imported" : o == IMPORT_REJECTED ? "rejected" : "unchanged";
}

/* Inserts the batch row and its audit record (inside the caller's transaction). */
static int record(struct import_run *r, const struct import_request *req, struct import_result *out)
{
	struct store_import_batch b = {0};
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	int rc;

	b.kind = r->kind->name;
	b.sha256 = out->sha256;
	b.filename = req->filename;
	b.size = out->size;
	b.format = out->format ? out->format : "unknown";
	b.n_rows = out->rows;
	b.n_bad = r->problems.bad_rows;
	b.outcome = outcome_name(out->outcome);
	jsonw_init(&w, &sb);
	jsonw_obj_open(&w);
	jsonw_kstr(&w, "filename", b.filename);
	jsonw_kstr(&w, "format", b.format);
	jsonw_kstr(&w, "kind", b.kind);
	jsonw_kint(&w, "n_bad", b.n_bad);
	jsonw_kint(&w, "n_rows", b.n_rows);
	jsonw_kstr(&w, "outcome", b.outcome);
	if (out->previous_id)
		jsonw_kint(&w, "previous_id", out->previous_id);
	jsonw_kstr(&w, "sha256", b.sha256);
	jsonw_kint(&w, "size", b.size);
	jsonw_obj_close(&w);
	rc = store_import_record(r->s, r->who, &b, sb.buf);
	strbuf_release(&sb);
	out->batch_id = r->batch_id = b.id;
	return rc;
}

/* Records a refused or unchanged attempt in its own transaction. */
static int record_alone(struct import_run *r, const struct import_request *req,
                        struct import_result *out)
{
	int rc = store_begin(r->s);

	if (rc != KFQ_OK)
		return rc;
	return store_end(r->s, record(r, req, out));
}

/* Is the file already imported by this kind? Sets UNCHANGED and previous_id. */
static int already(struct import_run *r, struct import_result *out, bool *yes)
{
	struct store_import_batch prev;
	/* the organization's own imports only: another's file is read row by row, each row
	 * refused or taken as this importer may (whether another imported it is not told) */
	int64_t org = r->who ? r->who->org_id : 0;
	int rc = r->kind->replaces
	             ? store_import_latest(r->s, r->a, r->kind->name, org, &prev)
	             : store_import_find(r->s, r->a, r->kind->name, out->sha256, org, &prev);

	if (rc == KFQ_OK && r->kind->replaces && strcmp(prev.sha256, out->sha256) != 0)
		rc = KFQ_ENOTFOUND;
	*yes = rc == KFQ_OK;
	if (*yes) {
		out->outcome = IMPORT_UNCHANGED;
		out->previous_id = prev.id;
		out->rows = prev.n_rows;
		out->format = prev.format;
	}
	return rc == KFQ_ENOTFOUND ? KFQ_OK : rc;
}

/* The second pass inside one write transaction, over the rows the first pass kept. */
static int write_all(struct import_run *r, const struct import_request *req, struct sheet *sh,
                     struct import_result *out)
{
	const struct import_kind *k = r->kind;
	bool dup;
	int64_t rows;
	int rc;

	if ((rc = store_begin(r->s)) != KFQ_OK)
		return rc;
	/* the same file may have been imported while the first pass ran */
	if ((rc = already(r, out, &dup)) != KFQ_OK)
		goto fail;
	if (dup) {
		rc = record(r, req, out);
		goto done;
	}
	r->writing = true;
	if (k->prepare && (rc = k->prepare(r)) != KFQ_OK)
		goto fail;
	if ((rc = k->write_begin(r)) != KFQ_OK)
		goto fail;
	if ((rc = sheet_rewind(sh)) != KFQ_OK || (rc = pass(r, sh, &rows, &out->format)) != KFQ_OK)
		goto fail;
	if (r->problems.total) {
		/* the data changed since the first pass: report what is wrong now */
		release(r);
		store_rollback(r->s);
		out->outcome = IMPORT_REJECTED;
		return record_alone(r, req, out);
	}
	out->rows = rows;
	out->outcome = IMPORT_IMPORTED;
	/* a PostgreSQL COPY ends before any other statement can run */
	if ((rc = writer_end(r)) != KFQ_OK || (k->write_end && (rc = k->write_end(r)) != KFQ_OK) ||
	    (rc = record(r, req, out)) != KFQ_OK || (k->finish && (rc = k->finish(r)) != KFQ_OK))
		goto fail;
done:
	if ((rc = store_commit(r->s)) == KFQ_OK)
		return KFQ_OK;
fail:
	/* a PostgreSQL COPY must be abandoned before the connection can roll back */
	release(r);
	store_rollback(r->s);
	return rc;
}

int import_run(struct store *s, struct arena *a, const struct import_request *req,
               struct import_result *out)
{
	struct import_run r = {0};
	struct sheet_limits lim;
	struct sheet *sh = NULL;
	char hex[BLOB_HASH_HEX];
	bool dup = false;
	int rc;

	memset(out, 0, sizeof(*out));
	r.kind = req->kind;
	r.s = s;
	r.a = a;
	r.who = req->who;
	r.role = req->role;
	r.now = (int64_t)time(NULL);
	import_problems_init(&r.problems, a);
	off_t end = lseek(req->fd, 0, SEEK_END);
	if (end < 0)
		return KFQ_EIO;
	out->size = (int64_t)end;
	if (req->sha256)
		snprintf(out->sha256, sizeof(out->sha256), "%s", req->sha256);
	else if (blob_hash_fd(req->fd, hex) != 0)
		return KFQ_EIO;
	else
		memcpy(out->sha256, hex, sizeof(out->sha256));

	/* the kind's own refusals (a grant the caller's organization lacks) come first: whether a
	 * file was imported before is not told to one who may not import it */
	if (r.kind->prepare && (rc = r.kind->prepare(&r)) != KFQ_OK)
		goto done;
	if (!r.problems.total && (rc = already(&r, out, &dup)) != KFQ_OK)
		goto done;
	if (!r.problems.total && dup) {
		rc = record_alone(&r, req, out);
		goto done;
	}
	sheet_limits_default(&lim);
	if ((rc = open_sheet(&r, req, &lim, &sh)) != KFQ_OK ||
	    (rc = pass(&r, sh, &out->rows, &out->format)) != KFQ_OK)
		goto done;
	if (r.problems.total) {
		out->outcome = IMPORT_REJECTED;
		rc = record_alone(&r, req, out);
		goto done;
	}
	/* the file goes to the evidence store before the rows commit: a crash in between leaves
	 * an unreferenced file, never a record without its file */
	if (blob_put_fd(req->data_dir, req->fd, hex) != 0) {
		log_error("import: cannot keep the file in %s: %s", req->data_dir, strerror(errno));
		rc = KFQ_EIO;
		goto done;
	}
	rc = write_all(&r, req, sh, out);
	if (rc == KFQ_OK && r.secret_token[0]) {
		out->secret_token = arena_strdup(a, r.secret_token);
		out->secret_rows = r.secret_rows;
	}
done:
	sheet_close(sh);
	release(&r);
	out->problems = r.problems;
	sodium_memzero(r.secret_token, sizeof(r.secret_token));
	return rc;
}

/* ---- the one-time download ---- */

static void secret_key(const char *token, unsigned char key[crypto_secretbox_KEYBYTES])
{
	static const unsigned char ctx[] = "kfq import secret v1";

	crypto_generichash(key, crypto_secretbox_KEYBYTES, (const unsigned char *)token,
	                   strlen(token), ctx, sizeof(ctx) - 1);
}

static void token_hash(const char *token, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, 65, h, sizeof(h));
}

int import_run_seal(struct import_run *r, const void *bytes, size_t len, int64_t rows)
{
	unsigned char raw[32], key[crypto_secretbox_KEYBYTES];
	size_t boxlen = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + len;
	unsigned char *box = xmalloc(boxlen);
	size_t b64len = sodium_base64_encoded_len(boxlen, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = xmalloc(b64len), th[65];
	int rc;

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(r->secret_token, sizeof(r->secret_token), raw, sizeof(raw),
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	secret_key(r->secret_token, key);
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, bytes, len, box, key);
	sodium_bin2base64(b64, b64len, box, boxlen, sodium_base64_VARIANT_ORIGINAL);
	token_hash(r->secret_token, th);
	rc = store_import_secret_put(r->s, r->batch_id, th, b64, r->now + IMPORT_SECRET_SECONDS,
	                             r->now);
	r->secret_rows = rows;
	sodium_memzero(key, sizeof(key));
	sodium_memzero(raw, sizeof(raw));
	free(box);
	free(b64);
	return rc;
}

int import_secret_take(struct store *s, struct arena *a, const struct store_actor *who,
                       int64_t batch_id, const char *token, int64_t now, void **out, size_t *len)
{
	unsigned char key[crypto_secretbox_KEYBYTES];
	const char *b64;
	unsigned char *box;
	size_t boxlen, n = strlen(token);
	char th[65];
	int rc;

	*out = NULL;
	*len = 0;
	if (n == 0 || n >= IMPORT_TOKEN_LEN)
		return KFQ_ENOTFOUND;
	token_hash(token, th);
	if ((rc = store_import_secret_take(s, a, who, batch_id, th, now, &b64)) != KFQ_OK)
		return rc;
	box = arena_alloc(a, strlen(b64) + 1);
	if (sodium_base642bin(box, strlen(b64) + 1, b64, strlen(b64), NULL, &boxlen, NULL,
	                      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    boxlen < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
		return KFQ_ERR;
	*len = boxlen - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
	*out = arena_alloc(a, *len + 1);
	secret_key(token, key);
	rc = crypto_secretbox_open_easy(*out, box + crypto_secretbox_NONCEBYTES,
	                                boxlen - crypto_secretbox_NONCEBYTES, box, key);
	sodium_memzero(key, sizeof(key));
	return rc == 0 ? KFQ_OK : KFQ_ERR;
}

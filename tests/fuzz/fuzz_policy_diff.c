/* fuzz_policy_diff.c - libFuzzer target for the diff of two policy versions: the input is two
 * texts apart at the first NUL byte (no policy text holds one). The character diff of the raw
 * halves and, when both parse, the article diff of the two documents must each spell the old
 * text with their equal and deleted runs and the new one with their equal and inserted runs,
 * count every article once, and write valid JSON. Findings are crashes, sanitizer reports and
 * these aborts; this file must not hide any of them. */
#include "app/policy_diff_json.h"
#include "util/arena.h"
#include "util/log.h"
#include "util/strbuf.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The runs of segs that are not `skip`, joined, equal text[0..len). */
static void spells(const struct policy_diff_segment *segs, size_t n, enum policy_diff_op skip,
                   const char *text, size_t len)
{
	size_t at = 0;

	for (size_t k = 0; k < n; k++) {
		if (segs[k].op == skip)
			continue;
		if (at + segs[k].len > len || memcmp(text + at, segs[k].text, segs[k].len) != 0)
			abort();
		at += segs[k].len;
	}
	if (at != len)
		abort();
}

static void check_chars(struct arena *a, const char *x, size_t nx, const char *y, size_t ny)
{
	struct policy_diff_segment *s;
	size_t n;

	policy_diff_chars(a, x, nx, y, ny, &s, &n);
	spells(s, n, POLICY_DIFF_INSERT, x, nx);
	spells(s, n, POLICY_DIFF_DELETE, y, ny);
}

static void check_diff(const struct policy_diff *d)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	json_error_t err;

	if (d->n_unchanged + d->n_changed + d->n_added + d->n_removed != d->n_entries)
		abort();
	for (size_t i = 0; i < d->n_entries; i++) {
		const struct policy_diff_entry *e = &d->entries[i];
		if ((e->old == NULL) != (e->status == POLICY_DIFF_ADDED) ||
		    (e->new_ == NULL) != (e->status == POLICY_DIFF_REMOVED))
			abort();
		if (e->old)
			spells(e->segs, e->n_segs, POLICY_DIFF_INSERT, e->old->text,
			       strlen(e->old->text));
		if (e->new_)
			spells(e->segs, e->n_segs, POLICY_DIFF_DELETE, e->new_->text,
			       strlen(e->new_->text));
	}
	jsonw_init(&w, &sb);
	policy_diff_json(&w, d);
	json_t *root = json_loadb(sb.buf, sb.len, 0, &err);
	if (!root)
		abort();
	json_decref(root);
	strbuf_release(&sb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *x = (const char *)data, *nul = memchr(data, 0, size);
	size_t nx = nul ? (size_t)(nul - x) : size;
	const char *y = nul ? nul + 1 : "";
	size_t ny = nul ? size - nx - 1 : 0;
	struct arena a;
	struct policy_diff d;
	const char *error;
	int which;

	arena_init(&a);
	if (nx + ny <= 8192) /* the whole seed pair is left to the article diff */
		check_chars(&a, x, nx, y, ny);
	if (policy_diff_texts(&a, x, nx, y, ny, &d, &error, &which) == KFQ_OK)
		check_diff(&d);
	arena_release(&a);
	return 0;
}

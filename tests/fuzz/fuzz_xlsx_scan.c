/* libFuzzer target: the worksheet's XML scanner (util/xlsx_scan.c) on any bytes. The first byte
 * picks a chunk size; the events (tags, kept attributes, captured text) of the rest fed in
 * those chunks must be exactly those of the rest fed at once, and a refusal must say why. */
#include "fuzz.h"
#include "util/strbuf.h"
#include "util/xlsx_scan.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct log {
	struct xscan sc;
	struct strbuf out;
};

static void attr(struct strbuf *out, char name, const struct xscan_attr *a)
{
	if (!a->present)
		return;
	if (strlen(a->v) > XSCAN_ATTR_MAX || (a->len <= XSCAN_ATTR_MAX && strlen(a->v) != a->len))
		__builtin_trap();
	strbuf_addf(out, " %c=%s(%zu)", name, a->v, a->len);
}

static int on_start(void *ud, const struct xscan_tag *tag)
{
	struct log *l = ud;

	strbuf_addf(&l->out, "<%s", tag->name);
	attr(&l->out, 'r', &tag->r);
	attr(&l->out, 't', &tag->t);
	attr(&l->out, 's', &tag->s);
	strbuf_addch(&l->out, '>');
	l->sc.capture = tag->name[0] == 't' || tag->name[0] == 'v';
	return XSCAN_GO;
}

static int on_end(void *ud, const char *name)
{
	struct log *l = ud;

	l->sc.capture = false;
	strbuf_addf(&l->out, "</%s>", name);
	return name[0] == 'r' ? XSCAN_PAUSE : XSCAN_GO;
}

static int on_text(void *ud, const char *s, size_t len)
{
	struct log *l = ud;

	if (!len)
		__builtin_trap();
	strbuf_add(&l->out, s, len);
	return XSCAN_GO;
}

static const struct xscan_ops ops = {.start = on_start, .end = on_end, .text = on_text};

static void scan(const char *doc, size_t len, size_t chunk, struct strbuf *out)
{
	struct log l = {.out = STRBUF_INIT};
	size_t at = 0, used;
	int rc = XSCAN_GO;

	xscan_init(&l.sc, &ops, &l, 64);
	while (at < len && rc != XSCAN_ERROR) {
		size_t n = chunk && len - at > chunk ? chunk : len - at;
		rc = xscan_feed(&l.sc, doc + at, n, &used);
		if (used > n || (rc == XSCAN_GO && used != n))
			__builtin_trap();
		at += used;
	}
	if (rc != XSCAN_ERROR)
		rc = xscan_finish(&l.sc);
	if (rc == XSCAN_ERROR) {
		if (!l.sc.error || !l.sc.error[0])
			__builtin_trap();
		strbuf_reset(&l.out);
		strbuf_addf(&l.out, "ERROR %s", l.sc.error);
	}
	strbuf_add(out, l.out.buf, l.out.len);
	strbuf_release(&l.out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf whole = STRBUF_INIT, chunked = STRBUF_INIT;

	if (size < 1)
		return 0;
	scan((const char *)data + 1, size - 1, 0, &whole);
	scan((const char *)data + 1, size - 1, (size_t)data[0] % 17 + 1, &chunked);
	if (whole.len != chunked.len || memcmp(whole.buf, chunked.buf, whole.len) != 0)
		__builtin_trap();
	strbuf_release(&whole);
	strbuf_release(&chunked);
	return 0;
}

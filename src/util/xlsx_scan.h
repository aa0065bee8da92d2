/* xlsx_scan.h - a small XML scanner for the worksheet part of an .xlsx, private to util/: the
 * sheet is most of a file's bytes, and a general parser's work per element (namespace URIs,
 * every attribute) cost more than inflating it. Bytes arrive in chunks of any size; the
 * scanner keeps its state between them and reports start tags (with the attributes r, t, s and
 * ref only), end tags, and the text of the elements the caller asks for, entities decoded.
 * It refuses what OOXML never has and where XML's dangers live (a DTD, entity declarations),
 * checks that end tags match, and caps element nesting.
 * Must not know what the elements mean: xlsx_read.c does. */
#ifndef KFQ_UTIL_XLSX_SCAN_H
#define KFQ_UTIL_XLSX_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#define XSCAN_NAME_MAX 64 /* bytes of an element's or attribute's qualified name */
#define XSCAN_ATTR_MAX 32 /* bytes kept of the value of r, t, s or ref */

/* An attribute value as written (entities are not decoded: r, t, s and ref never need them). */
struct xscan_attr {
	bool present;
	size_t len; /* bytes of v; longer values are cut to XSCAN_ATTR_MAX and len says so */
	char v[XSCAN_ATTR_MAX + 1];
};

struct xscan_tag {
	const char *name; /* the local name (without a prefix), NUL-terminated */
	struct xscan_attr r, t, s;
	struct xscan_attr ref; /* a <mergeCell>'s range, "B3:B5" */
};

/* What a callback answers: go on, stop after this event (xscan_feed returns XSCAN_PAUSE), or
 * refuse (xscan_feed returns XSCAN_ERROR; the callback has recorded why). */
enum { XSCAN_GO = 0, XSCAN_PAUSE = 1, XSCAN_ERROR = -1 };

struct xscan_ops {
	/* A start tag: XSCAN_GO or XSCAN_ERROR (pausing is for end tags: "<x/>" is both). */
	int (*start)(void *ud, const struct xscan_tag *tag);
	int (*end)(void *ud, const char *name);
	/* Text of the document while xscan.capture is set, in pieces, entities decoded and line
	 * ends normalized to "\n"; the pieces are valid UTF-8 once put together. */
	int (*text)(void *ud, const char *s, size_t len);
};

struct xscan {
	const struct xscan_ops *ops;
	void *ud;
	bool capture;      /* the caller wants the text from here on */
	int max_depth;     /* element nesting allowed */
	const char *error; /* why the scanner refused (a Chinese message), NULL otherwise */

	/* private: where the scanner is between chunks */
	int state, depth;
	bool root_done, quote_dq, empty, seen_cr;
	char name[XSCAN_NAME_MAX + 1]; /* the tag or attribute name being read */
	size_t name_len;
	char ent[12]; /* the entity or "<!" keyword being read */
	size_t ent_len;
	int tail;                /* how much of "-->", "?>" or "]]>" has been seen */
	struct xscan_attr *attr; /* the attribute whose value is being read, or NULL */
	struct xscan_tag tag;    /* the start tag being read */
	char tagname[XSCAN_NAME_MAX + 1];
	unsigned char utf8_need;               /* continuation bytes the captured text still owes */
	unsigned char utf8_lo, utf8_hi;        /* the range the next one must be in */
	char stack[64 * (XSCAN_NAME_MAX + 1)]; /* the open elements' qualified names */
	size_t stack_off[65];
};

/* Sets up sc; max_depth at most 64. */
void xscan_init(struct xscan *sc, const struct xscan_ops *ops, void *ud, int max_depth);
/* Scans len bytes (fewer when a callback paused: *used says how many were taken; feed the rest
 * again). Returns XSCAN_GO when all were taken, XSCAN_PAUSE, or XSCAN_ERROR (sc->error says
 * why, unless a callback refused). */
int xscan_feed(struct xscan *sc, const char *buf, size_t len, size_t *used);
/* The input has ended: XSCAN_GO when the document was complete, else XSCAN_ERROR. */
int xscan_finish(struct xscan *sc);

#endif

/* policy_diff.h - compares two versions of a policy article by article: which articles were
 * added, removed, moved or changed, and inside a changed article which characters (code
 * points: Chinese has no spaces to diff words by). Pure: no I/O, no database, no global state.
 *
 * How articles are paired, in this order, each article at most once:
 *  1. the same text (the article as policy_diff_article_text() writes it), in document order;
 *  2. the same title sentence (短标题), when both have one;
 *  3. the most similar remaining pair first, similarity = 2·LCS / (length of both) in code
 *     points, counted in basis points: pairs at or above POLICY_DIFF_SIMILAR_BP, and pairs
 *     with the same article number at or above POLICY_DIFF_SAME_NUMBER_BP; ties go to the same
 *     number, then to the earlier new article, then to the earlier old one.
 * Articles left unpaired are added (only in the new version) or removed (only in the old).
 * A pair is moved when it is not in the longest run of pairs that keep their relative order
 * (a renumbering alone is neither a move nor a change).
 *
 * Ownership: everything in a struct policy_diff is allocated from the arena given, and the
 * articles' strings point into the caller's documents or that arena. */
#ifndef KFQ_CORE_POLICY_DIFF_H
#define KFQ_CORE_POLICY_DIFF_H

#include "core/policy_parse.h"
#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>

#define POLICY_DIFF_SIMILAR_BP     5000 /* half of both texts in common */
#define POLICY_DIFF_SAME_NUMBER_BP 3000 /* a heavily rewritten article that kept its number */
/* Past this many edits (inserted plus deleted code points, after the common start and end are
 * set aside) a changed article's text is shown as all deleted and all inserted: the trace of
 * the character diff holds MAX_EDITS² integers (4 MB). */
#define POLICY_DIFF_MAX_EDITS 1000

/* An article as the diff sees it. */
struct policy_diff_article {
	int number;          /* as written: 4. -> 4 */
	const char *caption; /* policy_article_caption(): its title, else the start of its text */
	const char *title;   /* the short title, or NULL */
	const char *part;    /* the heading of its part (二、重点改革任务), or NULL */
	const char *group;   /* the heading of its group ((二)深化事权制度改革), or NULL */
	const char *text;    /* what is compared: policy_diff_article_text() */
};

enum policy_diff_status {
	POLICY_DIFF_UNCHANGED, /* paired, the same text (perhaps renumbered or moved) */
	POLICY_DIFF_CHANGED,   /* paired, a different text */
	POLICY_DIFF_ADDED,     /* only in the new version */
	POLICY_DIFF_REMOVED,   /* only in the old version */
};

enum policy_diff_op {
	POLICY_DIFF_EQUAL,  /* in both texts */
	POLICY_DIFF_DELETE, /* only in the old text */
	POLICY_DIFF_INSERT, /* only in the new text */
};

/* A run of code points: text[0..len) points into the old text (EQUAL, DELETE) or the new one
 * (INSERT). The EQUAL and DELETE runs in order spell the old text, EQUAL and INSERT the new. In
 * a change the deleted run comes before the inserted one. */
struct policy_diff_segment {
	enum policy_diff_op op;
	const char *text;
	size_t len; /* bytes */
};

struct policy_diff_entry {
	enum policy_diff_status status;
	bool moved;                             /* paired, and out of the old order */
	const struct policy_diff_article *old;  /* NULL when added */
	const struct policy_diff_article *new_; /* NULL when removed */
	int similarity_bp;                      /* 0..10000; 10000 unchanged; 0 added or removed */
	struct policy_diff_segment *segs;       /* the whole text as one segment unless changed */
	size_t n_segs;
};

/* The entries in the new version's order; a removed article stands where it stood in the old
 * one, after the entries of the articles before it. */
struct policy_diff {
	struct policy_diff_entry *entries;
	size_t n_entries;
	size_t n_unchanged, n_changed, n_added, n_removed, n_moved; /* moved counts within the
	                                                               first two */
};

/* The text of an article that the diff compares: its title sentence and 。, its body, then
 * a line each for its units, scope and deadline when it states them ("牵头单位：A；B",
 * "责任单位：…", "适用范围：…", "完成时限：…"), so that a unit moved from responsible to
 * lead is a change. Arena memory. */
const char *policy_diff_article_text(struct arena *a, const struct policy_article *art);

/* The articles of a parsed document as the diff sees them: *out gets doc->n_articles of them,
 * in order (arena memory). */
void policy_diff_articles(struct arena *a, const struct policy_doc *doc,
                          struct policy_diff_article **out, size_t *n);

/* Compares old[0..n_old) with new_[0..n_new) into *out. */
void policy_diff_run(struct arena *a, const struct policy_diff_article *old, size_t n_old,
                     const struct policy_diff_article *new_, size_t n_new, struct policy_diff *out);

/* The two documents' articles compared: policy_diff_articles() of each, then policy_diff_run. */
void policy_diff_docs(struct arena *a, const struct policy_doc *old, const struct policy_doc *new_,
                      struct policy_diff *out);

/* The character diff of x[0..nx) and y[0..ny) (UTF-8; a byte that is not part of a well-formed
 * sequence counts as one character): a shortest edit script (Myers) with the deletions of each
 * change before its insertions, then an equal run no longer than the changes on both of its
 * sides folded into them, so that a rewritten phrase reads as one change rather than a
 * scatter of single characters. Segments in *segs (arena memory), *n of them. */
void policy_diff_chars(struct arena *a, const char *x, size_t nx, const char *y, size_t ny,
                       struct policy_diff_segment **segs, size_t *n);

/* Stable English names for JSON: "unchanged", "changed", "added", "removed"; "equal",
 * "delete", "insert". */
const char *policy_diff_status_name(enum policy_diff_status s);
const char *policy_diff_op_name(enum policy_diff_op op);

#endif

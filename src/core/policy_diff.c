/* policy_diff.c - the article-by-article diff of two versions of a policy and the character
 * diff inside a changed article (policy_diff.h says how articles are paired). Must not read
 * files, the database or the clock: two documents in, a diff out. */
#include "core/policy_diff.h"

#include "util/strbuf.h"
#include "util/textconv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Steps of the distance computations that pair articles by similarity, for the whole diff:
 * two unrelated documents of a few hundred articles stay within it; past it the remaining
 * candidate pairs count as dissimilar (their articles are added and removed). */
#define PAIR_BUDGET 50000000L
#define BUCKETS     256 /* code-point histogram buckets of the similarity prefilter */

/* A text as code points, with each one's byte offset (off[n] is the text's length). */
struct cps {
	uint32_t *cp;
	size_t *off;
	size_t n;
};

static void decode(struct arena *a, const char *s, size_t len, struct cps *out)
{
	out->cp = arena_alloc(a, (len + 1) * sizeof(*out->cp));
	out->off = arena_alloc(a, (len + 1) * sizeof(*out->off));
	out->n = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = textconv_utf8_next(s + i, len - i, &cp);
		/* an invalid byte stands for itself, so that two different ones never compare equal
		 */
		if (cp == 0xFFFD && k == 1)
			cp = 0x110000u + (unsigned char)s[i];
		out->off[out->n] = i;
		out->cp[out->n++] = cp;
		i += k;
	}
	out->off[out->n] = len;
}

/* Code points the two share at their start and, of the rest, at their end. */
static void common_ends(const uint32_t *x, size_t nx, const uint32_t *y, size_t ny, size_t *pre,
                        size_t *suf)
{
	size_t p = 0, s = 0;

	while (p < nx && p < ny && x[p] == y[p])
		p++;
	while (s < nx - p && s < ny - p && x[nx - 1 - s] == y[ny - 1 - s])
		s++;
	*pre = p;
	*suf = s;
}

/* Myers' forward search for the number of edits between x and y, at most dmax; -1 when more
 * or when *budget runs out (each diagonal step costs one; NULL: no budget). v holds
 * 2 * dmax + 3 ints; trace, when given, gets each round d's v[-d..d] at trace + d * d
 * ((dmax + 1)² ints), what the walk back needs. */
static int forward(const uint32_t *x, int nx, const uint32_t *y, int ny, int dmax, int *v,
                   int *trace, long *budget)
{
	int off = dmax + 1;

	v[off + 1] = 0;
	for (int d = 0; d <= dmax; d++) {
		for (int k = -d; k <= d; k += 2) {
			int px;
			if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
				px = v[off + k + 1];
			else
				px = v[off + k - 1] + 1;
			int py = px - k;
			while (px < nx && py < ny && x[px] == y[py])
				px++, py++;
			v[off + k] = px;
			if (px >= nx && py >= ny)
				return d;
			if (budget && --*budget <= 0)
				return -1;
		}
		if (trace)
			memcpy(trace + (size_t)d * (size_t)d, v + off - d,
			       (size_t)(2 * d + 1) * sizeof(*v));
	}
	return -1;
}

/* One edit of the script, per code point. */
enum { OP_EQ, OP_DEL, OP_INS };

/* Myers with the trace kept (each round's furthest points, 2d + 1 of them), then walked back
 * from the end: ops[] gets one op per code point of the script, in order, *nops of them.
 * Returns the number of edits, or -1 past POLICY_DIFF_MAX_EDITS (nothing written). */
static long script(const uint32_t *x, int nx, const uint32_t *y, int ny, unsigned char *ops,
                   size_t *nops)
{
	int dmax = nx + ny < POLICY_DIFF_MAX_EDITS ? nx + ny : POLICY_DIFF_MAX_EDITS, found;
	int *v = calloc((size_t)(2 * dmax + 3), sizeof(*v));
	int *trace = malloc((size_t)(dmax + 1) * (size_t)(dmax + 1) * sizeof(*trace));

	if (!v || !trace)
		abort();
	found = forward(x, nx, y, ny, dmax, v, trace, NULL);
	if (found >= 0) {
		/* each equal pair is one op, each edit one: (nx + ny - D) / 2 + D */
		size_t w = (size_t)((nx + ny - found) / 2 + found);
		int px = nx, py = ny;
		*nops = w;
		for (int d = found; d > 0; d--) {
			/* pv[k] for k in -(d-1)..d-1: the round before */
			const int *pv = trace + (size_t)(d - 1) * (size_t)(d - 1) + (d - 1);
			int k = px - py, pk;
			if (k == -d || (k != d && pv[k - 1] < pv[k + 1]))
				pk = k + 1; /* came down: an insertion */
			else
				pk = k - 1; /* came right: a deletion */
			int sx = pv[pk], sy = sx - pk;
			while (px > sx + (pk == k - 1) && py > sy + (pk == k + 1)) {
				ops[--w] = OP_EQ;
				px--, py--;
			}
			ops[--w] = pk == k + 1 ? OP_INS : OP_DEL;
			px = sx;
			py = sy;
		}
		while (px-- > 0)
			ops[--w] = OP_EQ;
	}
	free(v);
	free(trace);
	return found;
}

/* The script as alternating items: an equal run, or a change (deleted and inserted counts). */
struct item {
	bool eq;
	size_t del, ins; /* eq: del == ins == the run's length */
};

static size_t add_item(struct item *it, size_t n, bool eq, size_t del, size_t ins)
{
	if (del == 0 && ins == 0)
		return n;
	if (n > 0 && it[n - 1].eq == eq) {
		it[n - 1].del += del;
		it[n - 1].ins += ins;
		return n;
	}
	it[n] = (struct item){eq, del, ins};
	return n + 1;
}

static size_t max2(size_t a, size_t b)
{
	return a > b ? a : b;
}

/* Folds an equal run between two changes into them when it is no longer than the larger side
 * of each (diff-match-patch's semantic clean-up), until none is. */
static size_t fold(struct item *it, size_t n)
{
	bool again = true;

	while (again) {
		again = false;
		for (size_t i = 1; i + 1 < n; i++) {
			struct item *l = &it[i - 1], *e = &it[i], *r = &it[i + 1];
			if (!e->eq || e->del > max2(l->del, l->ins) ||
			    e->del > max2(r->del, r->ins))
				continue;
			l->del += e->del + r->del;
			l->ins += e->ins + r->ins;
			memmove(e, r + 1, (n - i - 2) * sizeof(*it));
			n -= 2; /* items alternate: the one now after the change is an equal run */
			again = true;
			break;
		}
	}
	return n;
}

/* The character diff on decoded texts; returns the number of edits (insertions plus
 * deletions, before the clean-up). */
static long chars(struct arena *a, const char *xs, const struct cps *x, const char *ys,
                  const struct cps *y, struct policy_diff_segment **segs, size_t *nsegs)
{
	size_t pre, suf, n = 0, nops = 0;
	common_ends(x->cp, x->n, y->cp, y->n, &pre, &suf);
	int mx = (int)(x->n - pre - suf), my = (int)(y->n - pre - suf);
	unsigned char *ops = arena_alloc(a, (size_t)(mx + my) + 1);
	struct item *it = arena_alloc(a, ((size_t)(mx + my) + 3) * sizeof(*it));
	long d = script(x->cp + pre, mx, y->cp + pre, my, ops, &nops);

	n = add_item(it, n, true, pre, pre);
	if (d < 0) {
		n = add_item(it, n, false, (size_t)mx, (size_t)my);
		d = mx + my;
	} else {
		for (size_t i = 0; i < nops; i++)
			n = add_item(it, n, ops[i] == OP_EQ, ops[i] != OP_INS, ops[i] != OP_DEL);
	}
	n = add_item(it, n, true, suf, suf);
	n = fold(it, n);

	struct policy_diff_segment *s = arena_alloc(a, (2 * n + 1) * sizeof(*s));
	size_t ns = 0, px = 0, py = 0;
	for (size_t i = 0; i < n; i++) {
		if (it[i].eq) {
			s[ns++] = (struct policy_diff_segment){POLICY_DIFF_EQUAL, xs + x->off[px],
			                                       x->off[px + it[i].del] - x->off[px]};
		} else {
			if (it[i].del)
				s[ns++] = (struct policy_diff_segment){
				    POLICY_DIFF_DELETE, xs + x->off[px],
				    x->off[px + it[i].del] - x->off[px]};
			if (it[i].ins)
				s[ns++] = (struct policy_diff_segment){
				    POLICY_DIFF_INSERT, ys + y->off[py],
				    y->off[py + it[i].ins] - y->off[py]};
		}
		px += it[i].del;
		py += it[i].ins;
	}
	*segs = s;
	*nsegs = ns;
	return d;
}

void policy_diff_chars(struct arena *a, const char *x, size_t nx, const char *y, size_t ny,
                       struct policy_diff_segment **segs, size_t *n)
{
	struct cps cx, cy;

	decode(a, x, nx, &cx);
	decode(a, y, ny, &cy);
	(void)chars(a, x, &cx, y, &cy, segs, n);
}

static void add_units(struct strbuf *sb, const char *label, const char *const *v, size_t n)
{
	if (n == 0)
		return;
	strbuf_addf(sb, "\n%s：", label); /* units hold 、 themselves */
	for (size_t i = 0; i < n; i++)
		strbuf_addf(sb, "%s%s", i ? "；" : "", v[i]);
}

const char *policy_diff_article_text(struct arena *a, const struct policy_article *art)
{
	struct strbuf sb;
	const char *out;

	strbuf_init(&sb, 256);
	if (art->short_title)
		strbuf_addf(&sb, "%s。", art->short_title);
	strbuf_addstr(&sb, art->body ? art->body : "");
	add_units(&sb, "牵头单位", art->lead_units, art->n_lead_units);
	add_units(&sb, "责任单位", art->responsible_units, art->n_responsible_units);
	add_units(&sb, "指导单位", art->guide_units, art->n_guide_units);
	if (art->scope)
		strbuf_addf(&sb, "\n适用范围：%s", art->scope);
	if (art->deadline)
		strbuf_addf(&sb, "\n完成时限：%s", art->deadline);
	out = arena_strndup(a, sb.buf ? sb.buf : "", sb.len);
	strbuf_release(&sb);
	return out;
}

void policy_diff_articles(struct arena *a, const struct policy_doc *doc,
                          struct policy_diff_article **out, size_t *n)
{
	struct policy_diff_article *v = arena_zalloc(a, (doc->n_articles + 1) * sizeof(*v));

	for (size_t i = 0; i < doc->n_articles; i++) {
		const struct policy_article *art = &doc->articles[i];
		v[i].number = art->number;
		v[i].caption = policy_article_caption(a, art, POLICY_CAPTION_CPS);
		v[i].title = art->short_title;
		if (art->part >= 0 && (size_t)art->part < doc->n_parts) {
			const struct policy_part *p = &doc->parts[art->part];
			v[i].part =
			    arena_printf(a, "%s、%s", policy_cn_number(a, p->number), p->heading);
		}
		if (art->group >= 0 && (size_t)art->group < doc->n_groups) {
			const struct policy_group *g = &doc->groups[art->group];
			v[i].group =
			    arena_printf(a, "（%s）%s", policy_cn_number(a, g->number), g->heading);
		}
		v[i].text = policy_diff_article_text(a, art);
	}
	*out = v;
	*n = doc->n_articles;
}

/* A candidate pair of the similarity round. */
struct cand {
	size_t i, j;
	int sim;
	bool same_number;
};

static int cand_cmp(const void *pa, const void *pb)
{
	const struct cand *p = pa, *q = pb;

	if (p->sim != q->sim)
		return p->sim > q->sim ? -1 : 1;
	if (p->same_number != q->same_number)
		return p->same_number ? -1 : 1;
	if (p->j != q->j)
		return p->j < q->j ? -1 : 1;
	return p->i < q->i ? -1 : (p->i > q->i);
}

static int sim_bp(size_t total, long d)
{
	return total == 0 ? 10000 : (int)((int64_t)((long)total - d) * 10000 / (int64_t)total);
}

/* The state of a pairing: decoded texts and who is paired with whom (-1 none). */
struct pairing {
	const struct policy_diff_article *old, *new_;
	size_t n_old, n_new;
	struct cps *co, *cn;
	long *om, *nm;
};

static void pair(struct pairing *p, size_t i, size_t j)
{
	p->om[i] = (long)j;
	p->nm[j] = (long)i;
}

static bool same_str(const char *s, const char *t)
{
	return s && t && strcmp(s, t) == 0;
}

/* Rounds 1 and 2: the same text, then the same title, each new article in order taking the
 * first old one left. */
static void pair_exact(struct pairing *p, bool by_title)
{
	for (size_t j = 0; j < p->n_new; j++) {
		if (p->nm[j] >= 0)
			continue;
		for (size_t i = 0; i < p->n_old; i++) {
			if (p->om[i] >= 0)
				continue;
			if (by_title ? same_str(p->old[i].title, p->new_[j].title)
			             : same_str(p->old[i].text, p->new_[j].text)) {
				pair(p, i, j);
				break;
			}
		}
	}
}

static void histogram(const struct cps *c, int *h)
{
	memset(h, 0, BUCKETS * sizeof(*h));
	for (size_t k = 0; k < c->n; k++)
		h[c->cp[k] % BUCKETS]++;
}

/* Round 3: every pair left that may be similar enough, most similar first. */
static void pair_similar(struct arena *a, struct pairing *p)
{
	size_t cap = 0, nc = 0, nmax = 0;
	long budget = PAIR_BUDGET;
	int *ho = arena_alloc(a, (p->n_old + 1) * BUCKETS * sizeof(*ho));
	int *hn = arena_alloc(a, (p->n_new + 1) * BUCKETS * sizeof(*hn));

	for (size_t i = 0; i < p->n_old; i++)
		if (p->om[i] < 0) {
			histogram(&p->co[i], ho + i * BUCKETS);
			cap++;
			nmax = max2(nmax, p->co[i].n);
		}
	size_t left_new = 0;
	for (size_t j = 0; j < p->n_new; j++)
		if (p->nm[j] < 0) {
			histogram(&p->cn[j], hn + j * BUCKETS);
			left_new++;
			nmax = max2(nmax, p->cn[j].n);
		}
	struct cand *c = arena_alloc(a, (cap * left_new + 1) * sizeof(*c));
	int *v = arena_alloc(a, (2 * 2 * nmax + 3) * sizeof(*v));

	for (size_t j = 0; j < p->n_new; j++) {
		if (p->nm[j] >= 0)
			continue;
		for (size_t i = 0; i < p->n_old; i++) {
			if (p->om[i] >= 0)
				continue;
			const struct cps *x = &p->co[i], *y = &p->cn[j];
			bool same = p->old[i].number == p->new_[j].number;
			int t = same ? POLICY_DIFF_SAME_NUMBER_BP : POLICY_DIFF_SIMILAR_BP;
			size_t total = x->n + y->n, common = 0, pre, suf;
			/* the code points both hold, bucket by bucket, bound what they share */
			for (int b = 0; b < BUCKETS; b++) {
				int u = ho[i * BUCKETS + b], w = hn[j * BUCKETS + b];
				common += (size_t)(u < w ? u : w);
			}
			if (total == 0 ||
			    (int64_t)(2 * common) * 10000 < (int64_t)t * (int64_t)total)
				continue;
			long dmax = (long)((int64_t)total * (10000 - t) / 10000);
			common_ends(x->cp, x->n, y->cp, y->n, &pre, &suf);
			int d = forward(x->cp + pre, (int)(x->n - pre - suf), y->cp + pre,
			                (int)(y->n - pre - suf), (int)dmax, v, NULL, &budget);
			if (d >= 0)
				c[nc++] = (struct cand){i, j, sim_bp(total, d), same};
			if (budget <= 0)
				goto sort;
		}
	}
sort:
	qsort(c, nc, sizeof(*c), cand_cmp);
	for (size_t k = 0; k < nc; k++)
		if (p->om[c[k].i] < 0 && p->nm[c[k].j] < 0)
			pair(p, c[k].i, c[k].j);
}

/* Marks the pairs outside one longest run that keeps the old order (patience sorting over the
 * old positions, the new ones in order). */
static void mark_moved(struct arena *a, const struct pairing *p, bool *moved)
{
	size_t n = 0, len = 0;
	size_t *js = arena_alloc(a, (p->n_new + 1) * sizeof(*js));
	size_t *tail = arena_alloc(a, (p->n_new + 1) * sizeof(*tail)); /* index into js */
	long *prev = arena_alloc(a, (p->n_new + 1) * sizeof(*prev));

	for (size_t j = 0; j < p->n_new; j++) {
		moved[j] = false;
		if (p->nm[j] >= 0)
			js[n++] = j;
	}
	for (size_t k = 0; k < n; k++) {
		long o = p->nm[js[k]];
		size_t lo = 0, hi = len;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (p->nm[js[tail[mid]]] < o)
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[k] = lo > 0 ? (long)tail[lo - 1] : -1;
		tail[lo] = k;
		if (lo == len)
			len++;
	}
	bool *keep = arena_zalloc(a, (n + 1) * sizeof(*keep));
	for (long k = len ? (long)tail[len - 1] : -1; k >= 0; k = prev[k])
		keep[k] = true;
	for (size_t k = 0; k < n; k++)
		moved[js[k]] = !keep[k];
}

static void whole(struct arena *a, struct policy_diff_entry *e, enum policy_diff_op op,
                  const char *text)
{
	e->segs = arena_alloc(a, sizeof(*e->segs));
	e->segs[0] = (struct policy_diff_segment){op, text, strlen(text)};
	e->n_segs = 1;
}

static void emit_removed(struct arena *a, const struct pairing *p, size_t i,
                         struct policy_diff *out)
{
	struct policy_diff_entry *e = &out->entries[out->n_entries++];

	e->status = POLICY_DIFF_REMOVED;
	e->old = &p->old[i];
	whole(a, e, POLICY_DIFF_DELETE, p->old[i].text);
	out->n_removed++;
}

void policy_diff_run(struct arena *a, const struct policy_diff_article *old, size_t n_old,
                     const struct policy_diff_article *new_, size_t n_new, struct policy_diff *out)
{
	struct pairing p = {old, new_, n_old, n_new, NULL, NULL, NULL, NULL};
	bool *moved = arena_alloc(a, (n_new + 1) * sizeof(*moved));
	size_t next_removed = 0;

	memset(out, 0, sizeof(*out));
	p.co = arena_alloc(a, (n_old + 1) * sizeof(*p.co));
	p.cn = arena_alloc(a, (n_new + 1) * sizeof(*p.cn));
	p.om = arena_alloc(a, (n_old + 1) * sizeof(*p.om));
	p.nm = arena_alloc(a, (n_new + 1) * sizeof(*p.nm));
	for (size_t i = 0; i < n_old; i++) {
		decode(a, old[i].text, strlen(old[i].text), &p.co[i]);
		p.om[i] = -1;
	}
	for (size_t j = 0; j < n_new; j++) {
		decode(a, new_[j].text, strlen(new_[j].text), &p.cn[j]);
		p.nm[j] = -1;
	}
	pair_exact(&p, false);
	pair_exact(&p, true);
	pair_similar(a, &p);
	mark_moved(a, &p, moved);

	out->entries = arena_zalloc(a, (n_old + n_new + 1) * sizeof(*out->entries));
	for (size_t j = 0; j < n_new; j++) {
		long i = p.nm[j];
		/* the removed articles that stood before this one's place in the old order */
		if (i >= 0 && !moved[j])
			for (; next_removed < (size_t)i; next_removed++)
				if (p.om[next_removed] < 0)
					emit_removed(a, &p, next_removed, out);
		struct policy_diff_entry *e = &out->entries[out->n_entries++];
		e->new_ = &new_[j];
		if (i < 0) {
			e->status = POLICY_DIFF_ADDED;
			whole(a, e, POLICY_DIFF_INSERT, new_[j].text);
			out->n_added++;
			continue;
		}
		e->old = &old[i];
		e->moved = moved[j];
		out->n_moved += moved[j];
		if (strcmp(old[i].text, new_[j].text) == 0) {
			e->status = POLICY_DIFF_UNCHANGED;
			e->similarity_bp = 10000;
			whole(a, e, POLICY_DIFF_EQUAL, new_[j].text);
			out->n_unchanged++;
		} else {
			long d = chars(a, old[i].text, &p.co[i], new_[j].text, &p.cn[j], &e->segs,
			               &e->n_segs);
			e->status = POLICY_DIFF_CHANGED;
			e->similarity_bp = sim_bp(p.co[i].n + p.cn[j].n, d);
			out->n_changed++;
		}
	}
	for (; next_removed < n_old; next_removed++)
		if (p.om[next_removed] < 0)
			emit_removed(a, &p, next_removed, out);
}

void policy_diff_docs(struct arena *a, const struct policy_doc *old, const struct policy_doc *new_,
                      struct policy_diff *out)
{
	struct policy_diff_article *o, *n;
	size_t no, nn;

	policy_diff_articles(a, old, &o, &no);
	policy_diff_articles(a, new_, &n, &nn);
	policy_diff_run(a, o, no, n, nn, out);
}

const char *policy_diff_status_name(enum policy_diff_status s)
{
	static const char *const names[] = {"unchanged", "changed", "added", "removed"};

	return (unsigned)s < sizeof(names) / sizeof(names[0]) ? names[s] : "unchanged";
}

const char *policy_diff_op_name(enum policy_diff_op op)
{
	static const char *const names[] = {"equal", "delete", "insert"};

	return (unsigned)op < sizeof(names) / sizeof(names[0]) ? names[op] : "equal";
}

/* cache.c - kept answers and conditional GET for the routes flagged API_CACHED (cache.h).
 * The validator is the audit head, read with the session (struct store_session's head) before
 * the handler runs: every audited write moves it in its own transaction, in whichever process,
 * so an answer made under head H is current for as long as the head is H. An answer made from a
 * later state is filed under an older head, which can only make it miss, never serve it stale.
 * The head's hash, not its number, goes into the tag, so that a restored or another database
 * never matches. A 304 is answered only where the handler's answer (or the one kept) is a 200
 * with that tag, so it tells nobody more than the 200 would. Must not keep the answer of a
 * route that reads unaudited data (sessions, the inbox) or the clock beyond the day. */
#include "api/cache.h"
#include "api/api.h"

#include "core/plan.h"

#include <elf.h>
#include <link.h>
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define TAG_BYTES 16   /* BLAKE2b output: 128 bits */
#define BUCKETS   1024 /* hash chains; entries are bounded by bytes, not count */

struct entry {
	struct entry *chain;       /* same bucket */
	struct entry *prev, *next; /* use order: cache.old is the least recently used */
	uint64_t h;                /* hash of key */
	char *key;                 /* who asks, what, which day: key_of */
	size_t klen;
	char head[AUDIT_HASH_HEX]; /* the audit head the answer was made under */
	char *body;
	size_t len;
};

static struct {
	pthread_mutex_t mu;
	size_t max, used; /* bytes of keys, bodies and entries */
	struct entry *buckets[BUCKETS];
	struct entry *old, *young;
	unsigned char build[32]; /* the executable's build id: a new build may answer other bytes */
	size_t nbuild;
} cache = {.mu = PTHREAD_MUTEX_INITIALIZER};

/* dl_iterate_phdr callback: the main program's GNU build id note, if it has one. */
static int find_build_id(struct dl_phdr_info *info, size_t size, void *arg)
{
	(void)size;
	(void)arg;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		const char *p = (const char *)(info->dlpi_addr + ph->p_vaddr),
		           *end = p + ph->p_memsz;
		if (ph->p_type != PT_NOTE)
			continue;
		while (p + sizeof(ElfW(Nhdr)) <= end) {
			const ElfW(Nhdr) *n = (const ElfW(Nhdr) *)p;
			const char *name = p + sizeof(*n);
			const char *desc = name + ((n->n_namesz + 3) & ~3u);
			if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 &&
			    !memcmp(name, "GNU", 4) && n->n_descsz <= sizeof(cache.build) &&
			    desc + n->n_descsz <= end) {
				memcpy(cache.build, desc, n->n_descsz);
				cache.nbuild = n->n_descsz;
				return 1;
			}
			p = desc + ((n->n_descsz + 3) & ~3u);
		}
	}
	return 1; /* the first object is the program itself: stop there */
}

void api_cache_init(size_t max_bytes)
{
	cache.max = max_bytes;
	dl_iterate_phdr(find_build_id, NULL);
	/* without a build id, tags of this process match no other process's: fewer 304s, never a
	 * wrong one */
	if (!cache.nbuild) {
		randombytes_buf(cache.build, sizeof(cache.build));
		cache.nbuild = sizeof(cache.build);
	}
}

static void unlink_use(struct entry *e)
{
	if (e->prev)
		e->prev->next = e->next;
	else
		cache.old = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		cache.young = e->prev;
	e->prev = e->next = NULL;
}

static void push_young(struct entry *e)
{
	e->prev = cache.young;
	e->next = NULL;
	if (cache.young)
		cache.young->next = e;
	else
		cache.old = e;
	cache.young = e;
}

static size_t cost(const struct entry *e)
{
	return sizeof(*e) + e->klen + e->len;
}

static void drop(struct entry *e)
{
	struct entry **p = &cache.buckets[e->h % BUCKETS];

	while (*p != e)
		p = &(*p)->chain;
	*p = e->chain;
	unlink_use(e);
	cache.used -= cost(e);
	free(e->key);
	free(e->body);
	free(e);
}

void api_cache_release(void)
{
	pthread_mutex_lock(&cache.mu);
	while (cache.old)
		drop(cache.old);
	pthread_mutex_unlock(&cache.mu);
}

static struct entry *find(uint64_t h, const char *key, size_t klen)
{
	for (struct entry *e = cache.buckets[h % BUCKETS]; e; e = e->chain)
		if (e->h == h && e->klen == klen && !memcmp(e->key, key, klen))
			return e;
	return NULL;
}

/* Copies the answer kept for key under head into out; false when there is none. */
static bool lookup(uint64_t h, const struct strbuf *key, const char *head, struct strbuf *out)
{
	struct entry *e;
	bool hit;

	pthread_mutex_lock(&cache.mu);
	e = find(h, key->buf, key->len);
	hit = e && !strcmp(e->head, head);
	if (hit) {
		strbuf_reset(out);
		strbuf_add(out, e->body, e->len);
		unlink_use(e);
		push_young(e);
	}
	pthread_mutex_unlock(&cache.mu);
	return hit;
}

/* Keeps a copy of body for key under head, in place of what key had; the least recently used
 * answers go when the bytes would exceed the cap. */
static void keep(uint64_t h, const struct strbuf *key, const char *head, const struct strbuf *body)
{
	struct entry *e;

	if (sizeof(*e) + key->len + body->len > cache.max / 4)
		return;
	e = xcalloc(1, sizeof(*e));
	e->h = h;
	e->klen = key->len;
	e->key = xmalloc(key->len);
	memcpy(e->key, key->buf, key->len);
	memcpy(e->head, head, sizeof(e->head));
	e->len = body->len;
	e->body = xmalloc(body->len ? body->len : 1);
	memcpy(e->body, body->buf, body->len);
	pthread_mutex_lock(&cache.mu);
	struct entry *old = find(h, key->buf, key->len);
	if (old)
		drop(old);
	while (cache.old && cache.used + cost(e) > cache.max)
		drop(cache.old);
	e->chain = cache.buckets[h % BUCKETS];
	cache.buckets[h % BUCKETS] = e;
	push_young(e);
	cache.used += cost(e);
	pthread_mutex_unlock(&cache.mu);
}

static int add_arg(void *arg, const char *k, const char *v)
{
	strbuf_addf(arg, "&%zu:%s=%zu:%s", strlen(k), k, strlen(v), v);
	return 0;
}

/* Everything besides the database that the answer of a cached route depends on: the day (the
 * milestone states), who asks (the data scope, the organization it leads from), the path and the
 * query arguments, length-prefixed so that no two requests share a key. */
static void key_of(struct api_ctx *c, struct strbuf *key)
{
	const struct store_user *u = &c->sess.user;

	strbuf_addf(key, "%lld|%lld|%s|%lld|%s|%zu:%s", (long long)plan_today(c->now),
	            (long long)u->id, u->role, (long long)u->org_id,
	            u->data_scope ? u->data_scope : "", strlen(c->req->path), c->req->path);
	(void)http_query_each(c->req, add_arg, key);
}

static uint64_t fnv1a(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

/* W/"<32 hex digits>": BLAKE2b of the build, the head and the key. Weak: the same data, not
 * necessarily the same bytes from another build's process. */
static void make_tag(const struct strbuf *key, const char *head, char out[TAG_BYTES * 2 + 5])
{
	crypto_generichash_state st;
	unsigned char h[TAG_BYTES];

	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	crypto_generichash_update(&st, cache.build, cache.nbuild);
	crypto_generichash_update(&st, (const unsigned char *)head, strlen(head));
	crypto_generichash_update(&st, (const unsigned char *)key->buf, key->len);
	crypto_generichash_final(&st, h, sizeof(h));
	memcpy(out, "W/\"", 3);
	sodium_bin2hex(out + 3, TAG_BYTES * 2 + 1, h, sizeof(h));
	memcpy(out + 3 + TAG_BYTES * 2, "\"", 2);
}

/* Whether an If-None-Match list names tag (weak comparison: W/ is ignored on both sides). */
static bool none_match(const char *list, const char *tag)
{
	const char *opaque = tag + 2; /* "…" */
	size_t n = strlen(opaque);

	while (list && *list) {
		list += strspn(list, " \t,");
		if (*list == '*')
			return true;
		if (!strncmp(list, "W/", 2))
			list += 2;
		if (!strncmp(list, opaque, n) && strchr(" \t,", list[n]))
			return true;
		list = strchr(list, ',');
	}
	return false;
}

static void tag_headers(struct api_ctx *c, const char *tag)
{
	http_resp_header(c->req, "ETag", arena_strdup(c->a, tag));
	/* the browser keeps it for this user only and asks again every time */
	http_resp_header(c->req, "Cache-Control", "private, no-cache");
	http_resp_header(c->req, "Vary", "Cookie");
}

int api_cache_run(struct api_ctx *c)
{
	struct strbuf key = STRBUF_INIT;
	const char *head = c->sess.head; /* read with the session, before the handler runs */
	char tag[TAG_BYTES * 2 + 5];
	struct http_resp *r = &c->req->resp;
	uint64_t h;
	int rc;

	/* a recalled session's head is known once it is confirmed: before the lookup, and after
	 * the handler (whose first statement confirmed it) for the tag; no head (a broken log):
	 * nothing can be told current */
	if (cache.max && api_session_confirmed(c) != 0)
		return -1;
	key_of(c, &key);
	h = fnv1a(key.buf, key.len);
	if (cache.max && *head && lookup(h, &key, head, c->out)) {
		http_resp_json(c->req, 200);
		rc = 0;
	} else {
		rc = c->route->handler(c);
		if (rc == 0 && r->status == 200 && r->fd < 0 && r->nheaders == 0 && cache.max &&
		    *head)
			keep(h, &key, head, c->out);
	}
	if (rc == 0 && api_session_confirmed(c) != 0)
		rc = -1;
	/* only what would be answered 200 now is tagged, and only that can be a 304 */
	else if (rc == 0 && *head && r->status == 200 && r->fd < 0) {
		make_tag(&key, head, tag);
		tag_headers(c, tag);
		if (none_match(http_header(c->req, "If-None-Match"), tag)) {
			strbuf_reset(c->out);
			r->status = 304;
			r->content_type = NULL;
		}
	}
	strbuf_release(&key);
	return rc;
}

/* audit_checkpoint.c - writing and reading the audit checkpoint line. Must not read files:
 * the callers (kfq serve's checkpoint writer, kfq audit verify) do. */
#include "core/audit_checkpoint.h"

#include "util/jsonw.h"

#include <string.h>

#define MARK "\"audit_checkpoint\""

void audit_checkpoint_line(struct strbuf *out, const char *time, int64_t seq, const char *hash)
{
	struct jsonw w;

	jsonw_init(&w, out);
	jsonw_obj_open(&w);
	jsonw_kstr(&w, "time", time);
	jsonw_key(&w, "audit_checkpoint");
	jsonw_obj_open(&w);
	jsonw_kint(&w, "seq", seq);
	jsonw_kstr(&w, "hash", hash);
	jsonw_obj_close(&w);
	jsonw_obj_close(&w);
	strbuf_addch(out, '\n');
}

bool audit_hash_valid(const char *hex)
{
	size_t n = strspn(hex, "0123456789abcdef");

	return n == AUDIT_HASH_HEX - 1 && hex[n] == 0;
}

/* A cursor over the line: each step skips blanks, then takes what it expects or fails. */
struct cur {
	const char *p, *end;
};

static void blanks(struct cur *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
		c->p++;
}

static bool take(struct cur *c, const char *lit)
{
	size_t n = strlen(lit);

	blanks(c);
	if ((size_t)(c->end - c->p) < n || memcmp(c->p, lit, n) != 0)
		return false;
	c->p += n;
	return true;
}

static bool take_seq(struct cur *c, int64_t *seq)
{
	int digits = 0;

	blanks(c);
	*seq = 0;
	for (; c->p < c->end && *c->p >= '0' && *c->p <= '9'; c->p++) {
		if (++digits > 18 || (digits == 1 && *c->p == '0'))
			return false;
		*seq = *seq * 10 + (*c->p - '0');
	}
	return digits > 0;
}

static bool take_hash(struct cur *c, char hash[AUDIT_HASH_HEX])
{
	if (!take(c, "\"") || c->end - c->p < AUDIT_HASH_HEX)
		return false;
	memcpy(hash, c->p, AUDIT_HASH_HEX - 1);
	hash[AUDIT_HASH_HEX - 1] = 0;
	c->p += AUDIT_HASH_HEX - 1;
	return audit_hash_valid(hash) && *c->p++ == '"';
}

/* "time":"…" before the mark, in the same object; "" when absent or not a plain time. */
static void find_time(const char *line, const char *mark, char time[32])
{
	static const char key[] = "\"time\":\"";
	const char *t = NULL, *e;

	time[0] = 0;
	for (const char *p = line; (p = memmem(p, (size_t)(mark - p), key, sizeof(key) - 1));
	     p += sizeof(key) - 1)
		t = p + sizeof(key) - 1;
	if (!t)
		return;
	for (e = t; e < mark && e - t < 32 && strchr("0123456789-:TZ.+", *e) && *e; e++)
		;
	if (e >= mark || *e != '"' || e == t || e - t >= 32)
		return;
	memcpy(time, t, (size_t)(e - t));
	time[e - t] = 0;
}

int audit_checkpoint_parse(const char *line, size_t len, struct audit_checkpoint *out)
{
	const char *mark = memmem(line, len, MARK, sizeof(MARK) - 1);
	struct cur c;

	memset(out, 0, sizeof(*out));
	if (!mark)
		return 0;
	c.p = mark + sizeof(MARK) - 1;
	c.end = line + len;
	if (!take(&c, ":") || !take(&c, "{") || !take(&c, "\"seq\"") || !take(&c, ":") ||
	    !take_seq(&c, &out->seq) || !take(&c, ",") || !take(&c, "\"hash\"") || !take(&c, ":") ||
	    !take_hash(&c, out->hash) || !take(&c, "}"))
		return -1;
	find_time(line, mark, out->time);
	return 1;
}

/* industry_catalog.c - the classification in force and its import. Must not read files (the
 * command line and the API bring the bytes). */
#include "app/industry_catalog.h"

#include "store/store_industry.h"
#include "util/log.h"
#include "util/textconv.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;
static struct arena builtin_arena; /* lives as long as the process */
static struct industry_catalog builtin;
static int builtin_rc;

static void parse_builtin(void)
{
	struct industry_problem p;

	arena_init(&builtin_arena);
	builtin_rc = industry_parse(industry_builtin_text, &builtin_arena, &builtin, &p);
	if (builtin_rc != 0)
		log_error("the shipped industry classification does not parse: %s", p.message);
}

int industry_catalog_in_force(struct store *s, struct arena *a, const struct industry_catalog **out,
                              bool *loaded)
{
	struct industry_catalog *c;
	struct industry_problem p;
	char *text;
	int rc;

	*out = NULL;
	*loaded = false;
	if ((rc = store_industry_text(s, a, &text)) != KFQ_OK)
		return rc;
	if (!text) {
		pthread_once(&builtin_once, parse_builtin);
		if (builtin_rc != 0)
			return KFQ_ERR;
		*out = &builtin;
		return KFQ_OK;
	}
	c = arena_alloc(a, sizeof(*c));
	if (industry_parse(text, a, c, &p) != 0) {
		log_error("the loaded industry classification does not parse: %s", p.message);
		return KFQ_ERR;
	}
	*out = c;
	*loaded = true;
	return KFQ_OK;
}

static int refuse(struct industry_catalog_result *r, enum industry_catalog_status status,
                  const char *message, int line)
{
	r->status = status;
	r->message = message;
	r->line = line;
	return KFQ_EINVAL;
}

int industry_catalog_import(struct store *s, struct arena *a, const struct store_actor *who,
                            const char *bytes, size_t len, const char *file_name,
                            struct industry_catalog_result *r)
{
	struct textconv_text text;
	struct industry_catalog c;
	struct industry_problem p;
	unsigned char h[crypto_hash_sha256_BYTES];

	memset(r, 0, sizeof(*r));
	crypto_hash_sha256(h, (const unsigned char *)bytes, len);
	sodium_bin2hex(r->sha256, sizeof(r->sha256), h, sizeof(h));
	if (textconv_to_utf8(bytes, len, a, &text) != KFQ_OK)
		return refuse(r, INDUSTRY_CATALOG_BAD_FILE, text.error, 0);
	if (industry_parse(text.text, a, &c, &p) != 0)
		return refuse(r, INDUSTRY_CATALOG_BAD_FILE, arena_strdup(a, p.message), p.line);
	memcpy(r->per_level, c.per_level, sizeof(r->per_level));
	r->rc = store_industry_replace(s, a, who, &c, file_name, r->sha256, &r->missing);
	if (r->rc == KFQ_ECONSTRAINT)
		return refuse(
		    r, INDUSTRY_CATALOG_IN_USE,
		    arena_printf(a, "已登记企业使用的行业代码%s不是该文件中的四位小类", r->missing),
		    0);
	if (r->rc != KFQ_OK) {
		r->status = INDUSTRY_CATALOG_STORE;
		return r->rc;
	}
	return KFQ_OK;
}

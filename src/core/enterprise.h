/* enterprise.h - what a valid entry in the enterprise registry is: its 统一社会信用代码 checked,
 * its industry a 小类 of the classification in force, its scale, its dates, and the 招商引资
 * facts (attracted or not; contract signed, settled in the zone, production started). Also when
 * an enterprise "came" for revenue sharing. Pure. */
#ifndef KFQ_CORE_ENTERPRISE_H
#define KFQ_CORE_ENTERPRISE_H

#include "core/industry.h"
#include "core/uscc.h"

#include <stdbool.h>
#include <stdint.h>

#define ENTERPRISE_NAME_MAX    200 /* bytes */
#define ENTERPRISE_ADDRESS_MAX 300

/* An enterprise as typed or imported. Strings are borrowed; NULL or "" = not given. */
struct enterprise_input {
	const char *uscc;
	const char *name;
	const char *address;
	const char *industry_code;
	const char
	    *scale; /* "above" (规上) or "below" (规下); the Chinese words are accepted too */
	const char *registered_on;
	bool attracted;
	const char *contract_on;   /* 签约 */
	const char *settled_on;    /* 落地注册 in the zone */
	const char *production_on; /* 投产 */
	const char *today;         /* YYYY-MM-DD: registered_on not after it; NULL: unchecked */
};

/* What validation settled: the code as stored and the scale's code. */
struct enterprise_checked {
	char uscc[USCC_LEN + 1];
	const char *scale; /* "above" / "below" (static) */
};

/* The problems of an input, each a field name (as the API's JSON names it) and a Chinese
 * message, in the order of the fields: every independent check says its own, so that an
 * import's row is fixed in one go. field and message repeat the first, for an answer that
 * names one. */
#define ENTERPRISE_PROBLEMS_MAX 8
struct enterprise_problem {
	const char *field;
	const char *message;
	int n; /* problems kept in v */
	struct {
		const char *field;
		const char *message;
		char buf[192];
	} v[ENTERPRISE_PROBLEMS_MAX];
	char spare[192]; /* where a problem past the last kept is written, and dropped */
};

/* 0 when in is valid against the classification c, with *out filled; -1 with *p. */
int enterprise_validate(const struct enterprise_input *in, const struct industry_catalog *c,
                        struct enterprise_checked *out, struct enterprise_problem *p);

/* The year an attracted enterprise came to its zone: that of settled_on when known, else of
 * registered_on; 0 when neither is a date. */
int enterprise_arrival_year(const char *registered_on, const char *settled_on);

/* The data scope (core/account.h's kinds) in which a user of role with data_scope reads and
 * imports the registry, tax records and statements: a city department the whole city
 * (enterprises and revenue are the domain data of 财政局, 发改委, 工信局, 商务局…, whatever
 * its own organization), everyone else their own data scope. */
const char *enterprise_scope_kind(const char *role, const char *data_scope);

/* "规上" / "规下" for "above" / "below"; "" otherwise. */
const char *enterprise_scale_label(const char *scale);

#endif

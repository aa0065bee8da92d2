/* api.h - the API layer: a declared route table (method, path, permission, allowed query
 * parameters, body fields) and the context every handler gets after the session, CSRF, role
 * and input checks have passed. Handlers validate the wire format, authorize the data scope
 * and call app/ (use cases the command line shares) or store/; they never write SQL.
 * Everything a handler allocates comes from c->a (the request arena). */
#ifndef KFQ_API_API_H
#define KFQ_API_API_H

#include "core/account.h"
#include "http/http.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_user.h"
#include "util/jsonw.h"
#include "util/log.h"

#include <jansson.h>
#include <stdbool.h>

/* route flags */
enum {
	API_PUBLIC = 1u << 0,      /* no session needed */
	API_MUST_CHANGE = 1u << 1, /* allowed while the password must be changed */
	API_LOOPBACK = 1u << 2,    /* only from 127.0.0.0/8 or ::1 (metrics) */
	API_UPLOAD = 1u << 3, /* raw body, not JSON: received into a temporary file (req->upload) */
	API_CACHED = 1u << 4, /* GET answered through api/cache.c: reads only audited data */
	API_NODB = 1u << 5,   /* public, answers while the database is down (c->db may be NULL) */
};

/* The body cap of a public route (no session) with a JSON body: small, because anyone can
 * hold it in memory. */
#define API_PUBLIC_BODY_MAX (16 * 1024)

/* Optional fields may also be null, meaning absent. Text (API_STR and the items of
 * API_STR_ARRAY) reaches the handler trimmed of blank code points at both ends (util/blank.h);
 * a required text field or an array item that is blank throughout is refused. API_SECRET is
 * text kept exactly as sent (passwords). */
enum api_type {
	API_STR,
	API_SECRET,
	API_INT,
	API_BOOL,
	API_STR_ARRAY,
	API_INT_ARRAY,
	API_OBJ_ARRAY
};

/* One JSON body field or query parameter. Unknown fields and parameters are refused. Every
 * number has its range: api_init refuses a table with an API_INT or API_INT_ARRAY field (body
 * or query) whose lo is not below hi, so that no handler sees a number it did not declare. */
struct api_field {
	const char *name;
	enum api_type type;
	bool required;
	size_t max; /* text: max characters (0 = 200); arrays: max elements (0 = 100) */
	const struct api_field *fields; /* API_OBJ_ARRAY: each element's fields, {NULL} ended */
	int64_t lo, hi; /* API_INT, and each item of API_INT_ARRAY: the allowed range */
	/* arrays: the refusal of more than max items when a rule sets max (the message names
	 * the rule); NULL: "字段 x 最多n项" */
	const char *too_many;
};

#define API_ID_MAX        INT64_MAX /* ids are positive 64-bit integers */
#define API_PAGE_MAX      1000000
#define API_PAGE_SIZE_MAX 500

/* Declarations, for body fields and query parameters alike. */
#define API_INT_FIELD(name, required, lo, hi)                                                      \
	{                                                                                          \
		name, API_INT, required, 0, NULL, lo, hi                                           \
	}
#define API_ID_FIELD(name, required) API_INT_FIELD(name, required, 1, API_ID_MAX)
#define API_IDS_FIELD(name, required, maxn)                                                        \
	{                                                                                          \
		name, API_INT_ARRAY, required, maxn, NULL, 1, API_ID_MAX                           \
	}
/* A query parameter of text (at most maxbytes, 0 = 200). Query parameters are never required. */
#define API_QSTR(name, maxbytes)                                                                   \
	{                                                                                          \
		name, API_STR, false, maxbytes                                                     \
	}
/* The page and page_size a paged list declares (api_query_page reads them). */
#define API_QPAGE                                                                                  \
	API_INT_FIELD("page", false, 1, API_PAGE_MAX),                                             \
	    API_INT_FIELD("page_size", false, 1, API_PAGE_SIZE_MAX)
#define API_FIELDS_END                                                                             \
	{                                                                                          \
		NULL, 0, false, 0                                                                  \
	}

struct api_ctx;
typedef int (*api_handler)(struct api_ctx *c);

struct api_route {
	const char *method;
	const char *pattern;
	api_handler handler;
	account_perms perm;            /* PERM_* bits the role must have; 0 = any signed-in user */
	unsigned flags;                /* API_* */
	const struct api_field *query; /* query parameters (API_STR or API_INT), {NULL} ended */
	const struct api_field *body;  /* JSON body fields, {NULL} terminated; NULL = no body */
	/* The body cap; 0 = the default of the route's kind: HTTP_UPLOAD_BODY_MAX for uploads,
	 * API_PUBLIC_BODY_MAX for public JSON routes, HTTP_JSON_BODY_MAX for the others. */
	size_t max_body;
	/* A check of the route's own from the headers, after the session and the permission and
	 * before any of the body is read: 0 to go on, or -1 after answering. It may lower the
	 * body's cap for this request (c->req->body_cap). NULL: none. */
	int (*head)(struct api_ctx *c);
};

struct api_ctx {
	struct http_req *req;
	struct arena *a;
	struct store *db; /* this thread's connection */
	const struct api_route *route;
	struct store_session sess; /* valid unless the route is API_PUBLIC */
	char token_hash[65];
	bool deferred; /* the session is read with the handler, not at the headers */
	bool recall;   /* the session may be taken from the connection's memory (load_session) */
	bool recalled; /* sess is recalled, to be confirmed (api_session_confirmed) */
	bool pending;  /* a write's session recalled at its headers, confirmed in entry_once */
	struct store_actor actor;
	json_t *body; /* the parsed JSON object, or NULL */
	int64_t now;
	struct strbuf *out; /* == &req->resp.body */
	struct jsonw w;     /* writes into out */
};

struct api_config {
	const char *db_url;
	const char *web_root;
	const char *data_dir;   /* evidence files, stored by content hash */
	int reply_horizon_days; /* a new 督办单's reply date: at most this many days from today */
	size_t answer_cache_bytes; /* memory for the answers of API_CACHED routes (0 = none) */
	const char *notice_organ; /* 发文机关 of 督办单 (NULL: core/notice.h's NOTICE_ORGAN) */
	const char *notice_code; /* 机关代字 of their numbers (NULL: NOTICE_CODE) */
	int pow_bits;            /* zero bits a public comment's proof of work needs (core/pow.h) */
	/* Tests only: a file holding epoch seconds that consultation windows are judged at
	 * instead of the clock (NULL: the clock), so that a window's edges can be tested. */
	const char *clock_file;
};

/* Sets up the API (libsodium, the login dummy hash) and fills the router. */
int api_init(const struct api_config *cfg, struct http_router *router);
/* The directory evidence files live in. */
const char *api_data_dir(void);
/* How many days from today a new 督办单's reply date may be (api_config). */
int api_reply_horizon_days(void);
/* The configuration api_init was given (modules read their settings from it). */
const struct api_config *api_config(void);
/* Zero bits of a public comment's proof of work (api_config). */
int api_pow_bits(void);
/* The time consultation windows are judged at for this request: c->now, or the test clock
 * file's (api_config.clock_file) when one is given and readable. */
int64_t api_window_clock(struct api_ctx *c);
/* The router the API was registered in (for /metrics). */
const struct http_router *api_router(void);
/* Closes this process's database connections (call after the server stopped). */
void api_shutdown(void);

/* Answers an error; returns -1 so handlers can `return api_error(...)`. */
int api_error(struct api_ctx *c, int status, const char *code, const char *message,
              const char *field);
/* Maps a store error code to its one status: KFQ_ENOTFOUND 404, KFQ_ECONFLICT and KFQ_ESTATE
 * 409, KFQ_ECONSTRAINT 400, KFQ_EBUSY (a lock timeout) 503 with Retry-After, others 500. */
int api_store_error(struct api_ctx *c, int rc);
/* Finishes a JSON answer written through c->w. */
int api_ok(struct api_ctx *c, int status);

/* What a refused body gets: a 400 with these. Strings are arena or static. */
struct api_body_error {
	const char *code;
	const char *message;
	const char *field; /* JSON Pointer or NULL */
};

/* Parses and checks a JSON body against fields: an object, no unknown or duplicate keys, the
 * declared types and sizes, required fields present. On success *out is the object (released
 * with the arena) or NULL for an allowed empty body. Pure apart from the arena. */
int api_body_validate(const struct api_field *fields, const char *buf, size_t len, struct arena *a,
                      json_t **out, struct api_body_error *e);

/* Checks one query parameter against a route's declarations (an empty value means absent):
 * 0, or -1 with e filled for an undeclared one (unknown_parameter), an integer that is not
 * plain digits within its range, or text longer than declared, with control characters or
 * not UTF-8 (invalid_parameter). Pure apart from the arena. */
int api_query_check(const struct api_field *decl, const char *key, const char *value,
                    struct arena *a, struct api_body_error *e);

/* Body accessors (after validation); NULL / 0 / false when absent or null. */
const char *api_body_str(struct api_ctx *c, const char *name);
bool api_body_has(struct api_ctx *c, const char *name);
/* name is in the body with a value: neither left out nor null (an optional text of blanks is
 * null by then, DECISIONS 299). */
bool api_body_given(struct api_ctx *c, const char *name);
int64_t api_body_int(struct api_ctx *c, const char *name);
bool api_body_bool(struct api_ctx *c, const char *name);
/* Arena arrays of an array field. */
const char **api_body_strs(struct api_ctx *c, const char *name, int *n);
int64_t *api_body_ints(struct api_ctx *c, const char *name, int *n);

/* Query parameters, already checked against the route's declarations (entry answers 400 for
 * an undeclared one, a number out of its range or text too long): an integer (def when absent
 * or empty), or text (NULL when absent or empty). */
int64_t api_query_int(struct api_ctx *c, const char *name, int64_t def);
const char *api_query_str(struct api_ctx *c, const char *name);
/* page (1-based) and page_size (default 20) as an offset and a limit (API_QPAGE). */
void api_query_page(struct api_ctx *c, int64_t *offset, int64_t *limit);
/* A list answer: {"items":[…],"total":N,"page":P,"page_size":S}. api_page_begin opens the
 * object (unless the handler opened it to write members of its own first) and the items
 * array; api_page_end closes both, with page and page_size only for a paged list (limit > 0). */
void api_page_begin(struct api_ctx *c);
void api_page_end(struct api_ctx *c, int64_t total, int64_t offset, int64_t limit);
/* The :id path parameter as a positive integer (404 if malformed). */
int api_path_id(struct api_ctx *c, int64_t *id);

/* Data scope of the signed-in user: as the store's lists apply it in SQL, and as the ids of
 * the organizations it covers (*ids NULL = all), for checking one row. */
void api_scope(struct api_ctx *c, struct store_scope *out);
int api_scope_orgs(struct api_ctx *c, int64_t **ids, int *n);
/* The ids of another scope (a route may widen the caller's: see notice.c). */
int api_scope_orgs_of(struct api_ctx *c, const struct store_scope *scope, int64_t **ids, int *n);
bool api_scope_allows(const int64_t *ids, int n, int64_t org_id);
/* Answers the zones a scope covers, by name ({items: [{id, name, is_sample}], total}), for a
 * module's zone pickers (api/org.c). */
int api_zone_list(struct api_ctx *c, const struct store_scope *scope);
/* The check of one record (an :id route) against a scope (the caller's when scope is NULL): 0
 * when the scope covers org_id, else the very 404 a missing record gets, so that an id never
 * tells another organization's record from one that does not exist. */
int api_scope_check(struct api_ctx *c, const struct store_scope *scope, int64_t org_id);

/* Writes "capabilities" (codes the user's organization holds) and "permissions" (names of
 * the role's permission bits) into the object open in c->w: the session's rights, from which
 * the web client builds its menus. 0, or -1 after answering a store error. */
int api_write_rights(struct api_ctx *c, const struct store_user *u);

/* Limiters (api/ratelimit.c, the rule in core/ratelimit.h, the state shared by every process
 * on the database). Each returns 0, or -1 after answering a database error. */
/* *wait: the seconds key must wait before its next event (0: go on). */
int api_ratelimit_wait(struct api_ctx *c, const char *key, int64_t *wait);
/* Counts one event of key; *block: the block it started (seconds), 0 when none. */
int api_ratelimit_hit(struct api_ctx *c, const char *key, const struct ratelimit_policy *p,
                      int64_t *block);
/* Forgets key, or with prefix every key that starts with it. */
int api_ratelimit_forget(struct api_ctx *c, const char *key, bool prefix);

/* Counters of the login for /metrics: argon2id hashes against the dummy (unknown and locked
 * names), and attempts refused by the limiters. */
void api_login_metrics_write(struct strbuf *sb);
/* Counters of the sessions recalled from the connection and of those found changed. */
void api_session_metrics_write(struct strbuf *sb);
/* Waits for the confirmation of a recalled session (c->recalled), for what needs the session
 * confirmed before it goes on (its audit head); -1 (answered) when it was not confirmed. */
int api_session_confirmed(struct api_ctx *c);

/* The hex SHA-256 of a session token: what the sessions table stores. */
void api_token_hash(const char *token, char out[65]);

/* An upload route's file (c->req->upload): the whole of it in arena memory (for texts within
 * the route's cap), or its first and last 64 KiB (what a check of its type needs). Answer 500
 * on a read error. */
int api_upload_text(struct api_ctx *c, const char **text, size_t *len);
int api_upload_sample(struct api_ctx *c, const char **buf, size_t *len);

/* Sends a file (fd, owned by the response from now on) as a download named `filename`. */
int api_send_file(struct api_ctx *c, int fd, uint64_t size, const char *content_type,
                  const char *filename);

/* Route tables, one per file (each ends with a {NULL} route). A new module adds its table
 * here and to api_tables in api.c. */
extern const struct api_route api_session_routes[];
extern const struct api_route api_org_routes[];
extern const struct api_route api_user_routes[];
extern const struct api_route api_audit_routes[];
extern const struct api_route api_misc_routes[];
extern const struct api_route api_task_routes[];
extern const struct api_route api_plan_routes[];
extern const struct api_route api_milestone_routes[];
extern const struct api_route api_report_routes[];
extern const struct api_route api_board_routes[];
extern const struct api_route api_notice_routes[];
extern const struct api_route api_capability_routes[];
extern const struct api_route api_role_routes[];
extern const struct api_route api_import_routes[];
extern const struct api_route api_inbox_routes[];
extern const struct api_route api_todo_routes[];
extern const struct api_route api_role_change_routes[];
extern const struct api_route api_attachment_routes[];
extern const struct api_route api_briefing_routes[];
extern const struct api_route api_enterprise_routes[];
extern const struct api_route api_industry_routes[];
extern const struct api_route api_arrangement_routes[];
extern const struct api_route api_revshare_routes[];
extern const struct api_route api_power_routes[];
extern const struct api_route api_delegation_routes[];
extern const struct api_route api_duty_routes[];
extern const struct api_route api_affairs_routes[];
extern const struct api_route api_consult_routes[];
extern const struct api_route api_consult_public_routes[];
extern const struct api_route api_consult_report_routes[];
extern const struct api_route api_budget_routes[];
extern const struct api_route api_budget_perf_routes[];
extern const struct api_route api_staffing_routes[];
extern const struct api_route api_person_routes[];
extern const struct api_route api_pay_routes[];
extern const struct api_route api_fault_routes[];
extern const struct api_route api_leader_routes[];
extern const struct api_route api_norm_routes[];
extern const struct api_route api_assess_routes[];
extern const struct api_route api_kpi_routes[];
extern const struct api_route api_pay_whatif_routes[];
extern const struct api_route api_boundary_routes[];
extern const struct api_route api_parcel_routes[];
extern const struct api_route api_land_case_routes[];
extern const struct api_route api_mujun_routes[];
extern const struct api_route api_building_routes[];
extern const struct api_route api_project_routes[];
extern const struct api_route api_platform_routes[];
extern const struct api_route api_platform_risk_routes[];
extern const struct api_route api_industry_plan_routes[];
extern const struct api_route api_invest_routes[];
/* Every table above, in the order they are registered; NULL-terminated. */
extern const struct api_route *const api_tables[];

#endif

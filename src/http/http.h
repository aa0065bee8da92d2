/* http.h - the transport: requests, responses, the route table and the server.
 * http/ knows bytes, methods, paths, headers and status codes only; sessions, roles and data
 * scope belong to api/. A request and everything it allocates lives in req->arena, released
 * in one step when libmicrohttpd reports the request complete (the response sent or the
 * connection gone). */
#ifndef KFQ_HTTP_HTTP_H
#define KFQ_HTTP_HTTP_H

#include "http/limits.h"
#include "util/arena.h"
#include "util/strbuf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct http_req;
typedef int (*http_handler)(struct http_req *req);

/* One declared route. pattern segments ":name" capture a path parameter. */
struct http_route {
	const char *method;  /* "GET", "POST", "PUT", "DELETE" */
	const char *pattern; /* "/api/orgs/:id" */
	/* Called once the whole request is in: the body in memory (body, body_len) or, for
	 * body_to_file routes, in req->upload. */
	http_handler handler;
	/* Called as soon as the headers are complete, before any of the body is read: returns 0
	 * to go on, nonzero when it has answered (req->resp); the body is then never read. The
	 * route layer decides there who is asking (http/ knows no sessions); NULL = no check. */
	http_handler check;
	const void *data; /* opaque to http/: the api layer's route spec */
	size_t max_body;  /* the body cap of this route; 413 beyond */
	/* false: the body is held in memory, counted against the process's cap on bodies in
	 * memory (503 past it); true: it streams to an unnamed temporary file (req->upload) */
	bool body_to_file;
};

struct http_header {
	const char *name;
	const char *value;
};

struct http_resp {
	int status;
	struct strbuf body;       /* heap; handed to libmicrohttpd when sent */
	const char *content_type; /* static or arena string */
	struct http_header headers[HTTP_MAX_HEADERS_OUT];
	int nheaders;
	int fd;        /* >= 0: send this file instead of body (closed by the server) */
	uint64_t size; /* file size when fd >= 0 */
};

/* A body that went to a temporary file (routes with body_to_file). */
struct http_upload {
	int fd;          /* -1 when none; positioned at 0; owned by the request (closed with it) */
	uint64_t size;   /* bytes received */
	char sha256[65]; /* lowercase hex SHA-256 of those bytes, computed as they arrived */
};

struct http_req {
	struct arena arena;
	const char *method;
	const char *path;               /* decoded path, no query */
	const struct http_route *route; /* NULL when unmatched */
	const char *param_names[HTTP_MAX_PARAMS];
	const char *param_values[HTTP_MAX_PARAMS];
	int nparams;
	/* The declared Content-Length; -1 when a body comes without one (chunked), 0 when the
	 * request has no body. Known when the route's check runs. */
	int64_t content_length;
	/* Set by the route's check to hold this request to less than the route's max_body (0: the
	 * route's): one upload route serving kinds of file with caps of their own. */
	size_t body_cap;
	char *body; /* in-memory bodies: NUL-terminated, arena-owned */
	size_t body_len;
	struct http_upload upload;
	void *ctx; /* the route layer's state from its check to its handler (arena memory) */
	char client_addr[48];
	bool tls;
	void *conn; /* the libmicrohttpd connection; use the accessors below */
	struct http_resp resp;
	uint64_t start_ns;
	int route_index; /* for metrics; -1 when unmatched */
};

/* Accessors; returned strings live as long as the request. */
const char *http_header(struct http_req *req, const char *name);
const char *http_query(struct http_req *req, const char *name);
const char *http_cookie(struct http_req *req, const char *name);
const char *http_param(struct http_req *req, const char *name);
/* Calls fn for every query argument; stops and returns fn's nonzero result. */
int http_query_each(struct http_req *req, int (*fn)(void *arg, const char *key, const char *value),
                    void *arg);

/* Response helpers. */
void http_resp_header(struct http_req *req, const char *name, const char *value);
void http_resp_json(struct http_req *req, int status); /* body already in req->resp.body */
/* {"error":{"code","message","field"}}; field may be NULL. */
void http_resp_error(struct http_req *req, int status, const char *code, const char *message,
                     const char *field);

/* The routes whose patterns share their first two path segments ("/api/plans"), in table
 * order: matching a request compares only the routes of its group. */
struct http_route_group {
	const char *key; /* points into the first route's pattern; keylen bytes */
	size_t keylen;
	int *routes; /* indexes into http_router.routes (heap) */
	int n, cap;
};

/* The route table: filled once at start-up, read-only afterwards; owns its memory (heap),
 * which http_router_release frees. Zero-initialised is empty. */
struct http_router {
	struct http_route *routes; /* in the order they were added */
	int nroutes, cap;
	struct http_route_group *groups; /* sorted by key */
	int ngroups, gcap;
};

/* Adds a route. The pattern's first two segments must be literal ("/api/plans/:id", not
 * "/api/:x"); more than HTTP_MAX_ROUTES routes, or a parameter there, is fatal. */
void http_router_add(struct http_router *r, const struct http_route *route);
void http_router_release(struct http_router *r);
/* Finds the route for method+path and fills req params. Returns the route index, or -1 with
 * *path_matched set when some other method would match (405), or -1 and false (404). */
int http_router_match(const struct http_router *r, struct http_req *req, bool *path_matched);
/* The methods declared for req->path, as an Allow header value ("GET, POST"); arena memory. */
const char *http_router_allowed(const struct http_router *r, struct http_req *req);

struct http_server_config {
	const char *listen;    /* "127.0.0.1:8080" */
	const char *web_root;  /* directory of the built web app; NULL serves no files */
	const char *spool_dir; /* where bodies of body_to_file routes are received */
	int threads;           /* worker threads */
	bool access_log;       /* JSON lines on stderr */
	/* Trust X-Forwarded-For / X-Forwarded-Proto when the peer is loopback (nginx in front);
	 * such a peer is also exempt from the per-address connection limit. */
	bool trust_proxy;
	int max_connections; /* concurrent connections; past it a new one is answered 503 */
	int max_per_addr;    /* concurrent connections of one client address; past it 429 */
	int header_timeout;  /* seconds from accept (or the last answer) to complete headers */
	int body_min_rate;   /* bytes per second a body must average after header_timeout */
	int body_memory_mib; /* MiB of in-memory bodies for the whole process; 503 past it */
	int drain_seconds;   /* on SIGTERM, at most this long to answer what was received */
};

/* The defaults of limits.h. */
void http_server_config_init(struct http_server_config *cfg);
/* listen is what http_serve can listen on: HOST:PORT, HOST an IPv4 address or localhost. */
bool http_listen_valid(const char *listen);

/* Serves until SIGTERM/SIGINT, then refuses new connections, answers every request received
 * in part or whole (for at most drain_seconds), and returns KFQ_OK.
 * `ready` (may be NULL) is called once the socket is listening, with the bound port. */
int http_serve(const struct http_server_config *cfg, const struct http_router *router,
               void (*ready)(int port));

/* Writes one whole line (with its newline) to the log the access lines go to (stderr), even
 * when access lines are off: for lines about the server rather than a request. */
void http_log_line(const char *line, size_t len);

/* Metrics (Prometheus text) of this process, appended to sb: requests by route and status,
 * latency, connections open, refused and cut, bodies in memory. */
void http_metrics_write(const struct http_router *router, struct strbuf *sb);
void http_metrics_record(int route_index, int status, uint64_t ns);

/* Static files from web_root with SPA fallback; returns 0 if it answered, -1 if not found. */
int http_static_serve(struct http_req *req, const char *web_root);

uint64_t http_now_ns(void);

#endif

/* server.c - libmicrohttpd glue: one request object per HTTP request, the route's check before
 * any body is read, bodies into memory (capped per route and for the whole process) or into a
 * temporary file, routing, responses, access log, graceful shutdown. The connection guard
 * (guard.c) accepts the sockets and keeps the deadlines. Must not know about sessions, roles or
 * the database: route checks and handlers (api/) do. */
#include "http/http.h"

#include "http/guard.h"
#include "util/jsonw.h"
#include "util/log.h"
#include "util/spool.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct server {
	const struct http_server_config *cfg;
	const struct http_router *router;
	struct guard *guard;
	atomic_bool draining; /* SIGTERM came: every answer closes its connection */
};

/* Per-request state kept between libmicrohttpd's calls of the access handler. */
struct reqstate {
	struct http_req req;
	struct strbuf body; /* an in-memory body, growing while it arrives */
	struct spool spool; /* a body_to_file route's body; fd -1 otherwise */
	size_t cap;         /* body limit for this route */
	size_t reserved;    /* bytes of the process's body memory this request holds */
	bool too_large;     /* more than cap arrived: the rest is read and dropped */
	bool no_memory;     /* the process's body memory ran out: 503 at the end */
	bool spool_failed;  /* the temporary file could not be written: 500 at the end */
	bool refused;       /* the check or a limit answered; sent with the next call */
	bool answered;      /* a response was queued */
};

uint64_t http_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

const char *http_header(struct http_req *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *http_query(struct http_req *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *http_cookie(struct http_req *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
}

struct each_ctx {
	int (*fn)(void *, const char *, const char *);
	void *arg;
	int rc;
};

static enum MHD_Result each_cb(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *value)
{
	struct each_ctx *c = cls;

	(void)kind;
	c->rc = c->fn(c->arg, key, value ? value : "");
	return c->rc ? MHD_NO : MHD_YES;
}

int http_query_each(struct http_req *req, int (*fn)(void *, const char *, const char *), void *arg)
{
	struct each_ctx c = {fn, arg, 0};

	MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, each_cb, &c);
	return c.rc;
}

void http_resp_header(struct http_req *req, const char *name, const char *value)
{
	struct http_resp *r = &req->resp;

	if (r->nheaders >= HTTP_MAX_HEADERS_OUT)
		fatal("http: more than %d response headers", HTTP_MAX_HEADERS_OUT);
	r->headers[r->nheaders].name = name;
	r->headers[r->nheaders++].value = value;
}

void http_resp_json(struct http_req *req, int status)
{
	req->resp.status = status;
	req->resp.content_type = "application/json; charset=utf-8";
}

void http_resp_error(struct http_req *req, int status, const char *code, const char *message,
                     const char *field)
{
	struct jsonw w;

	strbuf_reset(&req->resp.body);
	jsonw_init(&w, &req->resp.body);
	jsonw_obj_open(&w);
	jsonw_key(&w, "error");
	jsonw_obj_open(&w);
	jsonw_kstr(&w, "code", code);
	jsonw_kstr(&w, "message", message);
	jsonw_kstr(&w, "field", field);
	jsonw_obj_close(&w);
	jsonw_obj_close(&w);
	http_resp_json(req, status);
}

static void client_addr(struct http_req *req, const struct http_server_config *cfg)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;
	bool loopback = false;

	strcpy(req->client_addr, "unknown");
	if (sa && sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;
		inet_ntop(AF_INET, &in->sin_addr, req->client_addr, sizeof(req->client_addr));
		loopback = (ntohl(in->sin_addr.s_addr) >> 24) == 127;
	} else if (sa && sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)sa;
		inet_ntop(AF_INET6, &in6->sin6_addr, req->client_addr, sizeof(req->client_addr));
		loopback = IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
	}
	if (!cfg->trust_proxy || !loopback)
		return;
	const char *xff = http_header(req, "X-Forwarded-For");
	if (xff && *xff) {
		/* the proxy appends the peer it saw: take the last element */
		const char *last = strrchr(xff, ',');
		last = last ? last + 1 : xff;
		while (*last == ' ')
			last++;
		snprintf(req->client_addr, sizeof(req->client_addr), "%s", last);
	}
	const char *proto = http_header(req, "X-Forwarded-Proto");
	req->tls = proto && !strcmp(proto, "https");
}

void http_log_line(const char *line, size_t len)
{
	/* one write(2) per line keeps lines whole across threads */
	if (write(STDERR_FILENO, line, len) < 0)
		errno = 0;
}

static void access_log(const struct http_req *req, size_t bytes, uint64_t ns)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	char ts[32];
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
	jsonw_init(&w, &sb);
	jsonw_obj_open(&w);
	jsonw_kstr(&w, "time", ts);
	jsonw_kstr(&w, "addr", req->client_addr);
	jsonw_kstr(&w, "method", req->method);
	jsonw_kstr(&w, "path", req->path);
	jsonw_kstr(&w, "route", req->route ? req->route->pattern : NULL);
	jsonw_kint(&w, "status", req->resp.status);
	jsonw_kint(&w, "bytes", (int64_t)bytes);
	jsonw_kint(&w, "us", (int64_t)(ns / 1000));
	jsonw_obj_close(&w);
	strbuf_addch(&sb, '\n');
	http_log_line(sb.buf, sb.len);
	strbuf_release(&sb);
}

static enum MHD_Result send_resp(struct server *s, struct reqstate *st)
{
	struct http_req *req = &st->req;
	struct http_resp *r = &req->resp;
	struct MHD_Response *mr;
	size_t bytes;
	enum MHD_Result ret;

	if (r->fd >= 0) {
		mr = MHD_create_response_from_fd64(r->size, r->fd);
		r->fd = -1;
		bytes = (size_t)r->size;
	} else {
		size_t len;
		char *buf = strbuf_detach(&r->body, &len);
		mr = MHD_create_response_from_buffer(len, buf, MHD_RESPMEM_MUST_FREE);
		bytes = len;
	}
	if (!mr)
		fatal("http: cannot create response");
	if (r->content_type)
		MHD_add_response_header(mr, MHD_HTTP_HEADER_CONTENT_TYPE, r->content_type);
	MHD_add_response_header(mr, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(mr, "X-Frame-Options", "DENY");
	MHD_add_response_header(mr, "Referrer-Policy", "same-origin");
	MHD_add_response_header(mr, "Content-Security-Policy",
	                        "default-src 'self'; style-src 'self' 'unsafe-inline'; "
	                        "img-src 'self' data: blob:; font-src 'self' data:; "
	                        "frame-ancestors 'none'");
	for (int i = 0; i < r->nheaders; i++)
		MHD_add_response_header(mr, r->headers[i].name, r->headers[i].value);
	/* the client learns that the connection ends here, rather than sending its next request
	 * on it as the guard closes it */
	if (atomic_load(&s->draining))
		MHD_add_response_header(mr, MHD_HTTP_HEADER_CONNECTION, "close");
	ret = MHD_queue_response(req->conn, (unsigned)r->status, mr);
	MHD_destroy_response(mr);
	uint64_t ns = http_now_ns() - req->start_ns;
	http_metrics_record(req->route_index, r->status, ns);
	if (s->cfg->access_log)
		access_log(req, bytes, ns);
	return ret;
}

/* Answers a request no route matched: a static file, 405 or 404. */
static void unmatched(struct server *s, struct http_req *req)
{
	bool path_matched = false;

	(void)http_router_match(s->router, req, &path_matched);
	if (strncmp(req->path, "/api/", 5) != 0 &&
	    (!strcmp(req->method, "GET") || !strcmp(req->method, "HEAD")) && s->cfg->web_root &&
	    http_static_serve(req, s->cfg->web_root) == 0)
		return;
	if (path_matched) {
		http_resp_error(req, 405, "method_not_allowed", "不支持该请求方法", NULL);
		http_resp_header(req, "Allow", http_router_allowed(s->router, req));
	} else
		http_resp_error(req, 404, "not_found", "请求的资源不存在", NULL);
}

static void too_large(struct reqstate *st)
{
	struct http_req *req = &st->req;
	size_t mib = st->cap / (1024 * 1024), kib = st->cap / 1024;

	http_resp_error(req, 413, "body_too_large",
	                mib ? arena_printf(&req->arena, "请求内容过大（不超过 %zu MiB）", mib)
	                    : arena_printf(&req->arena, "请求内容过大（不超过 %zu KiB）", kib),
	                NULL);
}

static void no_memory(struct http_req *req)
{
	http_resp_header(req, "Retry-After", "1");
	http_resp_error(req, 503, "server_busy", "服务器繁忙，请稍后重试", NULL);
}

/* The whole request is in: hands it to the route's handler. */
static void dispatch(struct server *s, struct reqstate *st)
{
	struct http_req *req = &st->req;

	if (st->too_large) {
		too_large(st);
		return;
	}
	if (st->no_memory) {
		no_memory(req);
		return;
	}
	if (st->spool.fd >= 0) {
		if (st->spool_failed || spool_finish(&st->spool, req->upload.sha256) != 0) {
			log_error("http: cannot receive an upload into %s: %s", s->cfg->spool_dir,
			          strerror(errno));
			http_resp_error(req, 500, "storage_failed", "文件接收失败", NULL);
			return;
		}
		req->upload.fd = st->spool.fd;
		req->upload.size = st->spool.size;
	}
	req->body = st->body.buf;
	req->body_len = st->body.len;
	req->route->handler(req);
}

static void free_body(void *p)
{
	struct strbuf *sb = p;
	strbuf_release(sb);
}

static void close_spool(void *p)
{
	spool_close(p);
}

static struct reqstate *begin(struct server *s, struct MHD_Connection *conn, const char *url,
                              const char *method)
{
	struct reqstate *st = xcalloc(1, sizeof(*st));
	struct http_req *req = &st->req;
	bool path_matched;

	arena_init(&req->arena);
	strbuf_init(&st->body, 0);
	strbuf_init(&req->resp.body, 0);
	arena_defer(&req->arena, free_body, &st->body);
	arena_defer(&req->arena, free_body, &req->resp.body);
	st->spool.fd = -1;
	arena_defer(&req->arena, close_spool, &st->spool);
	req->start_ns = http_now_ns();
	req->conn = conn;
	req->method = arena_strdup(&req->arena, method);
	req->path = arena_strdup(&req->arena, url);
	req->resp.fd = -1;
	req->resp.status = 500;
	req->upload.fd = -1;
	client_addr(req, s->cfg);
	req->route_index = http_router_match(s->router, req, &path_matched);
	st->cap = req->route ? req->route->max_body : HTTP_JSON_BODY_MAX;
	return st;
}

/* The declared length of the body: -1 when one comes without a length (chunked). */
static int64_t declared_length(struct MHD_Connection *conn)
{
	const char *cl =
	    MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	const char *te =
	    MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);
	char *end;

	if (cl) {
		unsigned long long n = strtoull(cl, &end, 10);
		return n > INT64_MAX ? INT64_MAX : (int64_t)n;
	}
	return te ? -1 : 0;
}

/* The headers are complete and no byte of the body has been read: everything that can be
 * refused is refused here. Returns true when a response is ready (st->refused). */
static bool headers_in(struct server *s, struct reqstate *st)
{
	struct http_req *req = &st->req;
	int64_t len = declared_length(req->conn);

	req->content_length = len;
	if (!req->route) {
		unmatched(s, req);
		return st->refused = true;
	}
	if (len > 0 && (uint64_t)len > st->cap) {
		too_large(st);
		return st->refused = true;
	}
	if (req->route->check && req->route->check(req) != 0)
		return st->refused = true;
	if (req->body_cap && req->body_cap < st->cap) {
		st->cap = req->body_cap;
		if (len > 0 && (uint64_t)len > st->cap) {
			too_large(st);
			return st->refused = true;
		}
	}
	if (len == 0)
		return false;
	if (req->route->body_to_file) {
		if (spool_open(&st->spool, s->cfg->spool_dir) != 0) {
			log_error("http: cannot open a temporary file in %s: %s", s->cfg->spool_dir,
			          strerror(errno));
			http_resp_error(req, 500, "storage_failed", "文件接收失败", NULL);
			return st->refused = true;
		}
	} else if (len > 0) {
		/* the whole declared body is reserved before any of it is read */
		if (!guard_body_reserve(s->guard, (size_t)len)) {
			no_memory(req);
			return st->refused = true;
		}
		st->reserved = (size_t)len;
	}
	return false;
}

static void body_in(struct server *s, struct reqstate *st, const char *data, size_t n)
{
	guard_body_bytes(s->guard, st->req.conn, n);
	if (st->too_large || st->no_memory || st->spool_failed)
		return;
	if ((st->spool.fd >= 0 ? st->spool.size : st->body.len) + n > st->cap) {
		st->too_large = true;
		return;
	}
	if (st->spool.fd >= 0) {
		st->spool_failed = spool_write(&st->spool, data, n) != 0;
		return;
	}
	/* a body without a declared length is reserved as it comes */
	if (st->body.len + n > st->reserved) {
		size_t more = st->body.len + n - st->reserved;
		if (!guard_body_reserve(s->guard, more)) {
			st->no_memory = true;
			return;
		}
		st->reserved += more;
	}
	strbuf_add(&st->body, data, n);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
	struct server *s = cls;
	struct reqstate *st = *con_cls;

	(void)version;
	if (!st) {
		/* first, since the route's check may wait for the database: that is not the
		 * client's time */
		guard_headers_done(s->guard, conn);
		st = begin(s, conn, url, method);
		*con_cls = st;
		bool refused = headers_in(s, st);
		if (!refused && st->req.content_length != 0)
			guard_body_begins(s->guard, conn);
		/* a refusal is sent now only when a body would follow: libmicrohttpd then closes
		 * the connection without reading it. Without a body it waits for the next call,
		 * which comes at once, so that the connection can be kept alive. */
		if (refused && st->req.content_length != 0) {
			st->answered = true;
			guard_answered_early(s->guard, conn);
			return send_resp(s, st);
		}
		return MHD_YES;
	}
	if (*upload_size) {
		body_in(s, st, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	if (st->answered)
		return MHD_YES;
	st->answered = true;
	guard_body_done(s->guard, conn);
	if (!st->refused)
		dispatch(s, st);
	return send_resp(s, st);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	struct server *s = cls;
	struct reqstate *st = *con_cls;

	(void)toe;
	if (!st)
		return;
	guard_request_done(s->guard, conn);
	if (st->reserved)
		guard_body_release(s->guard, st->reserved);
	if (st->req.resp.fd >= 0)
		close(st->req.resp.fd);
	arena_release(&st->req.arena);
	free(st);
	*con_cls = NULL;
}

void http_server_config_init(struct http_server_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->listen = "127.0.0.1:8080";
	cfg->spool_dir = "var/files/tmp";
	cfg->threads = 2;
	cfg->access_log = true;
	cfg->max_connections = HTTP_CONNECTION_MAX;
	cfg->max_per_addr = HTTP_PER_ADDR_MAX;
	cfg->header_timeout = HTTP_HEADER_TIMEOUT_SECONDS;
	cfg->body_min_rate = HTTP_BODY_MIN_RATE;
	cfg->body_memory_mib = HTTP_BODY_MEMORY_MIB;
	cfg->drain_seconds = HTTP_DRAIN_SECONDS;
}

static int parse_listen(const char *listen, struct sockaddr_in *sa)
{
	char host[64];
	const char *colon = strrchr(listen, ':');
	char *end;

	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	if (!colon || (size_t)(colon - listen) >= sizeof(host))
		return KFQ_EINVAL;
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = 0;
	unsigned long port = strtoul(colon + 1, &end, 10);
	if (*end || colon[1] == 0 || port > 65535)
		return KFQ_EINVAL;
	sa->sin_port = htons((uint16_t)port);
	if (!strcmp(host, "localhost"))
		strcpy(host, "127.0.0.1");
	if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
		return KFQ_EINVAL;
	return KFQ_OK;
}

bool http_listen_valid(const char *listen)
{
	struct sockaddr_in sa;

	return parse_listen(listen, &sa) == KFQ_OK;
}

/* The listening socket (the guard accepts on it). Returns the descriptor and the bound port,
 * or -1 with errno set. */
static int listen_on(struct sockaddr_in *sa, int *port)
{
	socklen_t len = sizeof(*sa);
	int one = 1;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    bind(fd, (struct sockaddr *)sa, sizeof(*sa)) != 0 || listen(fd, SOMAXCONN) != 0 ||
	    getsockname(fd, (struct sockaddr *)sa, &len) != 0) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	*port = ntohs(sa->sin_port);
	return fd;
}

/* Waits for the guard's drain, at most `seconds`; a second SIGTERM or SIGINT (a second Ctrl-C)
 * cuts it short (DECISIONS 202). The signals stay blocked, so the wait is in steps of
 * HTTP_GUARD_TICK_MS, each a look at whether one came. */
static void drain(struct guard *g, const sigset_t *set, int seconds)
{
	const struct timespec none = {0, 0};
	struct timespec end, step;
	bool last = false;
	int left;

	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += seconds;
	while (!last) {
		clock_gettime(CLOCK_MONOTONIC, &step);
		step.tv_nsec += HTTP_GUARD_TICK_MS * 1000000L;
		if (step.tv_nsec >= 1000000000L) {
			step.tv_sec++;
			step.tv_nsec -= 1000000000L;
		}
		last = step.tv_sec > end.tv_sec ||
		       (step.tv_sec == end.tv_sec && step.tv_nsec >= end.tv_nsec);
		if ((left = guard_drain(g, last ? &end : &step)) == 0)
			return;
		if (!last && sigtimedwait(set, NULL, &none) > 0) {
			log_error("serve: a second signal: closing the %d connection(s) still open",
			          left);
			return;
		}
	}
	log_error("serve: %d connection(s) still open after %d s of draining: closing them", left,
	          seconds);
}

int http_serve(const struct http_server_config *cfg, const struct http_router *router,
               void (*ready)(int port))
{
	struct server s = {.cfg = cfg, .router = router};
	struct guard_config gc = {
	    .max_connections = cfg->max_connections,
	    .max_per_addr = cfg->max_per_addr,
	    .header_timeout = cfg->header_timeout,
	    .body_min_rate = cfg->body_min_rate,
	    .body_memory_mib = cfg->body_memory_mib,
	    .threads = cfg->threads > 0 ? cfg->threads : 2,
	    .exempt_loopback = cfg->trust_proxy,
	};
	struct sockaddr_in sa;
	struct MHD_Daemon *d;
	sigset_t set;
	int sig, lfd, port, rc = KFQ_OK;

	if (parse_listen(cfg->listen, &sa) != KFQ_OK) {
		log_error("serve: --listen '%s' is not HOST:PORT (an IPv4 address)", cfg->listen);
		return KFQ_EINVAL;
	}
	/* block the signals in every thread, then wait for them here */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	s.guard = guard_new(&gc);
	lfd = listen_on(&sa, &port);
	if (lfd < 0) {
		log_error("serve: cannot listen on %s: %s", cfg->listen, strerror(errno));
		guard_free(s.guard);
		return KFQ_EIO;
	}
	/* HTTP_HEADER_POOL is above 32 KiB on purpose: libmicrohttpd then maps each connection's
	 * pool on its own and unmaps it when the connection closes, so that the memory of a crowd
	 * of connections goes back to the system when the crowd leaves, instead of staying in
	 * malloc's heaps as pools of up to 32 KiB would */
	d = MHD_start_daemon(
	    MHD_USE_NO_LISTEN_SOCKET | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
	        MHD_USE_ITC | MHD_USE_ERROR_LOG,
	    0, NULL, NULL, on_request, &s, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)gc.threads,
	    MHD_OPTION_CONNECTION_LIMIT, guard_mhd_limit(s.guard), MHD_OPTION_CONNECTION_TIMEOUT,
	    (unsigned)HTTP_TIMEOUT_SECONDS, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
	    (size_t)HTTP_HEADER_POOL, MHD_OPTION_NOTIFY_COMPLETED, on_completed, &s,
	    MHD_OPTION_NOTIFY_CONNECTION, guard_notify, s.guard, MHD_OPTION_END);
	if (!d) {
		log_error("serve: cannot start the HTTP server: %s", strerror(errno));
		close(lfd);
		guard_free(s.guard);
		return KFQ_EIO;
	}
	if (guard_start(s.guard, lfd, d) != KFQ_OK) {
		close(lfd);
		rc = KFQ_EIO;
		goto stop;
	}
	if (ready)
		ready(port);
	if (sigwait(&set, &sig) != 0)
		sig = SIGTERM;
	/* every request received, in part or whole, is answered before libmicrohttpd stops
	 * (DECISIONS 198) */
	atomic_store(&s.draining, true);
	drain(s.guard, &set, cfg->drain_seconds);
	guard_stop(s.guard);
stop:
	MHD_stop_daemon(d);
	guard_free(s.guard);
	return rc;
}

/* server.c - libmicrohttpd glue: one request object per HTTP request, body buffering with caps,
 * routing, responses, access log, graceful shutdown. Must not know about sessions, roles or
 * the database: route handlers (api/) do. */
#include "http/http.h"

#include "util/jsonw.h"
#include "util/log.h"

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
	atomic_int active; /* requests begun and not completed, for graceful shutdown */
};

/* Per-request state kept between libmicrohttpd's calls of the access handler. */
struct reqstate {
	struct http_req req;
	struct strbuf body; /* grows while the upload arrives */
	size_t cap;         /* body limit for this route */
	bool too_large;
	bool answered; /* a response was queued early (413 by Content-Length) */
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
	ret = MHD_queue_response(req->conn, (unsigned)r->status, mr);
	MHD_destroy_response(mr);
	uint64_t ns = http_now_ns() - req->start_ns;
	http_metrics_record(req->route_index, r->status, ns);
	if (s->cfg->access_log)
		access_log(req, bytes, ns);
	return ret;
}

static void dispatch(struct server *s, struct reqstate *st)
{
	struct http_req *req = &st->req;
	bool path_matched = false;

	if (st->too_large) {
		http_resp_error(req, 413, "body_too_large", "请求内容过大", NULL);
		return;
	}
	req->body = st->body.buf;
	req->body_len = st->body.len;
	if (req->route) {
		req->route->handler(req);
		return;
	}
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

static void free_body(void *p)
{
	struct strbuf *sb = p;
	strbuf_release(sb);
}

static struct reqstate *begin(struct server *s, struct MHD_Connection *conn, const char *url,
                              const char *method)
{
	struct reqstate *st = xcalloc(1, sizeof(*st));
	struct http_req *req = &st->req;
	bool path_matched;

	atomic_fetch_add(&s->active, 1);
	arena_init(&req->arena);
	strbuf_init(&st->body, 0);
	strbuf_init(&req->resp.body, 0);
	arena_defer(&req->arena, free_body, &st->body);
	arena_defer(&req->arena, free_body, &req->resp.body);
	req->start_ns = http_now_ns();
	req->conn = conn;
	req->method = arena_strdup(&req->arena, method);
	req->path = arena_strdup(&req->arena, url);
	req->resp.fd = -1;
	req->resp.status = 500;
	client_addr(req, s->cfg);
	req->route_index = http_router_match(s->router, req, &path_matched);
	st->cap = req->route && req->route->max_body ? req->route->max_body : HTTP_JSON_BODY_MAX;
	return st;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
	struct server *s = cls;
	struct reqstate *st = *con_cls;

	(void)version;
	if (!st) {
		st = begin(s, conn, url, method);
		*con_cls = st;
		const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
		                                             MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > st->cap) {
			/* refuse before reading the body; libmicrohttpd closes the connection */
			st->answered = true;
			http_resp_error(&st->req, 413, "body_too_large", "请求内容过大", NULL);
			return send_resp(s, st);
		}
		return MHD_YES;
	}
	if (*upload_size) {
		if (!st->too_large && st->body.len + *upload_size <= st->cap)
			strbuf_add(&st->body, upload, *upload_size);
		else
			st->too_large = true;
		*upload_size = 0;
		return MHD_YES;
	}
	if (st->answered)
		return MHD_YES;
	st->answered = true;
	dispatch(s, st);
	return send_resp(s, st);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	struct server *s = cls;
	struct reqstate *st = *con_cls;

	(void)conn;
	(void)toe;
	if (!st)
		return;
	atomic_fetch_sub(&s->active, 1);
	if (st->req.resp.fd >= 0)
		close(st->req.resp.fd);
	arena_release(&st->req.arena);
	free(st);
	*con_cls = NULL;
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

int http_serve(const struct http_server_config *cfg, const struct http_router *router,
               void (*ready)(int port))
{
	struct server s = {.cfg = cfg, .router = router};
	struct sockaddr_in sa;
	struct MHD_Daemon *d;
	sigset_t set;
	int sig;

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

	d = MHD_start_daemon(
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG, 0,
	    NULL, NULL, on_request, &s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(cfg->threads > 0 ? cfg->threads : 2),
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)HTTP_CONNECTION_MAX,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)HTTP_PER_IP_MAX,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)HTTP_TIMEOUT_SECONDS,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HTTP_HEADER_POOL,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, &s, MHD_OPTION_LISTENING_ADDRESS_REUSE,
	    (unsigned)1, MHD_OPTION_END);
	if (!d) {
		log_error("serve: cannot listen on %s: %s", cfg->listen, strerror(errno));
		return KFQ_EIO;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	if (ready)
		ready(di ? di->port : ntohs(sa.sin_port));
	if (sigwait(&set, &sig) != 0)
		sig = SIGTERM;
	/* stop accepting, let in-flight requests finish within the grace period */
	MHD_socket lsock = MHD_quiesce_daemon(d);
	/* the workers may still hold the socket until MHD_stop_daemon: shut it down now (new
	 * connections are refused at once), close it after */
	if (lsock != MHD_INVALID_SOCKET)
		shutdown(lsock, SHUT_RDWR);
	for (int i = 0; i < HTTP_SHUTDOWN_GRACE_SECONDS * 20 && atomic_load(&s.active) > 0; i++)
		usleep(50000);
	MHD_stop_daemon(d);
	if (lsock != MHD_INVALID_SOCKET)
		close(lsock);
	return KFQ_OK;
}

/* router.c - matches method + path against the declared route table and captures ":name"
 * parameters. Linear scan: the table is small and this is not where time goes.
 * Must not know what a route does or who may call it. */
#include "http/http.h"

#include "util/log.h"

#include <string.h>

void http_router_add(struct http_router *r, const struct http_route *route)
{
	if (r->nroutes >= HTTP_MAX_ROUTES)
		fatal("router: more than %d routes", HTTP_MAX_ROUTES);
	r->routes[r->nroutes++] = *route;
}

/* Matches one pattern; on success fills req params (arena copies). */
static bool match(const char *pat, const char *path, struct http_req *req)
{
	int n = 0;
	const char *names[HTTP_MAX_PARAMS], *vals[HTTP_MAX_PARAMS];
	size_t vlens[HTTP_MAX_PARAMS];

	while (*pat && *path) {
		if (*pat == ':') {
			const char *ne = strchr(pat, '/');
			const char *ve = strchr(path, '/');
			size_t nl = ne ? (size_t)(ne - pat) : strlen(pat);
			size_t vl = ve ? (size_t)(ve - path) : strlen(path);
			if (vl == 0 || n >= HTTP_MAX_PARAMS)
				return false;
			names[n] = pat + 1;
			vlens[n] = vl;
			vals[n++] = path;
			pat += nl;
			path += vl;
			continue;
		}
		if (*pat != *path)
			return false;
		pat++;
		path++;
	}
	if (*pat || *path)
		return false;
	for (int i = 0; i < n; i++) {
		const char *ne = strchr(names[i], '/');
		req->param_names[i] =
		    ne ? arena_strndup(&req->arena, names[i], (size_t)(ne - names[i])) : names[i];
		req->param_values[i] = arena_strndup(&req->arena, vals[i], vlens[i]);
	}
	req->nparams = n;
	return true;
}

int http_router_match(const struct http_router *r, struct http_req *req, bool *path_matched)
{
	*path_matched = false;
	for (int i = 0; i < r->nroutes; i++) {
		const struct http_route *rt = &r->routes[i];
		if (!match(rt->pattern, req->path, req))
			continue;
		/* HEAD is answered as GET; libmicrohttpd leaves the body out */
		bool head_as_get = !strcmp(req->method, "HEAD") && !strcmp(rt->method, "GET");
		if (strcmp(rt->method, req->method) != 0 && !head_as_get) {
			*path_matched = true;
			continue;
		}
		req->route = rt;
		return i;
	}
	req->nparams = 0;
	return -1;
}

const char *http_router_allowed(const struct http_router *r, struct http_req *req)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out;

	for (int i = 0; i < r->nroutes; i++) {
		if (!match(r->routes[i].pattern, req->path, req) ||
		    strstr(sb.buf, r->routes[i].method))
			continue;
		strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", r->routes[i].method);
	}
	req->nparams = 0;
	out = arena_strdup(&req->arena, sb.buf);
	strbuf_release(&sb);
	return out;
}

const char *http_param(struct http_req *req, const char *name)
{
	for (int i = 0; i < req->nparams; i++)
		if (!strcmp(req->param_names[i], name))
			return req->param_values[i];
	return NULL;
}

/* router.c - matches method + path against the declared route table and captures ":name"
 * parameters. Routes are grouped by their first two path segments, kept sorted: a request
 * finds its group by binary search and compares only that group's routes (a handful), however
 * many modules the table holds. Must not know what a route does or who may call it. */
#include "http/http.h"

#include "util/log.h"

#include <stdlib.h>
#include <string.h>

/* The length of the first two segments of a path or pattern: "/api/plans/7" → 10. */
static size_t key_len(const char *path)
{
	const char *p = path + (*path == '/');

	for (int seg = 0; seg < 2 && *p; seg++) {
		const char *slash = strchr(p, '/');
		if (!slash)
			return strlen(path);
		p = seg == 0 ? slash + 1 : slash;
	}
	return (size_t)(p - path);
}

/* The group of key, or where it would go (*found false). Binary search: the groups are
 * sorted by key. */
static int find_group(const struct http_router *r, const char *key, size_t len, bool *found)
{
	int lo = 0, hi = r->ngroups;

	while (lo < hi) {
		int mid = (lo + hi) / 2;
		const struct http_route_group *g = &r->groups[mid];
		size_t n = g->keylen < len ? g->keylen : len;
		int c = memcmp(g->key, key, n);
		if (c == 0)
			c = g->keylen < len ? -1 : g->keylen > len;
		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = false;
	return lo;
}

void http_router_add(struct http_router *r, const struct http_route *route)
{
	size_t len = key_len(route->pattern);
	struct http_route_group *g;
	bool found;
	int gi;

	if (r->nroutes >= HTTP_MAX_ROUTES)
		fatal("router: more than %d routes", HTTP_MAX_ROUTES);
	if (memchr(route->pattern, ':', len))
		fatal("router: %s: the first two segments must be literal", route->pattern);
	if (r->nroutes == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->routes = xrealloc(r->routes, sizeof(*r->routes) * (size_t)r->cap);
	}
	r->routes[r->nroutes] = *route;
	gi = find_group(r, route->pattern, len, &found);
	if (!found) {
		if (r->ngroups == r->gcap) {
			r->gcap = r->gcap ? r->gcap * 2 : 32;
			r->groups = xrealloc(r->groups, sizeof(*r->groups) * (size_t)r->gcap);
		}
		memmove(&r->groups[gi + 1], &r->groups[gi],
		        sizeof(*r->groups) * (size_t)(r->ngroups - gi));
		r->groups[gi] = (struct http_route_group){.key = route->pattern, .keylen = len};
		r->ngroups++;
	}
	g = &r->groups[gi];
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 8;
		g->routes = xrealloc(g->routes, sizeof(*g->routes) * (size_t)g->cap);
	}
	g->routes[g->n++] = r->nroutes++;
}

void http_router_release(struct http_router *r)
{
	for (int i = 0; i < r->ngroups; i++)
		free(r->groups[i].routes);
	free(r->groups);
	free(r->routes);
	memset(r, 0, sizeof(*r));
}

/* The group the request's path belongs to, or NULL. */
static const struct http_route_group *group_of(const struct http_router *r, const char *path)
{
	bool found;
	int gi = find_group(r, path, key_len(path), &found);

	return found ? &r->groups[gi] : NULL;
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
	const struct http_route_group *g = group_of(r, req->path);

	*path_matched = false;
	for (int k = 0; g && k < g->n; k++) {
		int i = g->routes[k];
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
	const struct http_route_group *g = group_of(r, req->path);
	struct strbuf sb = STRBUF_INIT;
	const char *out;

	for (int k = 0; g && k < g->n; k++) {
		const struct http_route *rt = &r->routes[g->routes[k]];
		if (!match(rt->pattern, req->path, req) || strstr(sb.buf, rt->method))
			continue;
		strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", rt->method);
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

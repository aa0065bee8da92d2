/* static.c - serves the built web app from a directory: content types, cache headers and the
 * single-page-app fallback to index.html. Must never serve a path outside web_root. */
#include "http/http.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
	const char *ext;
	const char *type;
} types[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".ico", "image/x-icon"},
    {".woff", "font/woff"},
    {".woff2", "font/woff2"},
    {".ttf", "font/ttf"},
    {".txt", "text/plain; charset=utf-8"},
    {".map", "application/json; charset=utf-8"},
};

static const char *content_type(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot && !strchr(dot, '/'))
		for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
			if (!strcmp(dot, types[i].ext))
				return types[i].type;
	return "application/octet-stream";
}

/* A path is safe when it is absolute and no segment is "." or ".." or hidden. */
static bool safe_path(const char *p)
{
	if (p[0] != '/')
		return false;
	for (const char *s = p; s; s = strchr(s + 1, '/'))
		if (s[1] == '.')
			return false;
	return true;
}

static int open_file(struct http_req *req, const char *web_root, const char *rel)
{
	char *full = arena_printf(&req->arena, "%s%s", web_root, rel);
	struct stat st;
	int fd = open(full, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -1;
	}
	req->resp.fd = fd;
	req->resp.size = (uint64_t)st.st_size;
	req->resp.status = 200;
	req->resp.content_type = content_type(rel);
	return 0;
}

int http_static_serve(struct http_req *req, const char *web_root)
{
	const char *p = req->path;
	const char *base = strrchr(p, '/');
	bool has_ext = base && strchr(base, '.') != NULL;

	if (!safe_path(p))
		return -1;
	if (!strcmp(p, "/"))
		p = "/index.html";
	if (open_file(req, web_root, p) == 0) {
		http_resp_header(req, "Cache-Control",
		                 !strncmp(p, "/assets/", 8) ? "public, max-age=31536000, immutable"
		                                            : "no-cache");
		return 0;
	}
	/* client-side routes (/orgs, /users/3) get the app; missing files stay 404 */
	if (has_ext)
		return -1;
	if (open_file(req, web_root, "/index.html") != 0)
		return -1;
	http_resp_header(req, "Cache-Control", "no-cache");
	return 0;
}

/* org_import.c - the organization import file's parser. Must not look anything up: whether a
 * parent or name exists is the importer's question. */
#include "core/org_import.h"

#include "core/account.h"

#include <string.h>

#define NCOLS 6

static int fail(struct org_import *out, struct arena *a, int line, const char *msg)
{
	out->error_line = line;
	out->error = arena_printf(a, "第%d行：%s", line, msg);
	return -1;
}

/* Valid UTF-8 with no control characters except TAB. */
static bool clean_text(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned c = s[i];
		size_t k = c < 0x80             ? 1
		           : (c & 0xe0) == 0xc0 ? 2
		           : (c & 0xf0) == 0xe0 ? 3
		           : (c & 0xf8) == 0xf0 ? 4
		                                : 0;
		if (!k || (k == 2 && c < 0xc2) || i + k > n)
			return false;
		for (size_t j = 1; j < k; j++)
			if ((s[i + j] & 0xc0) != 0x80)
				return false;
		if (k == 1 && c < 0x20 && c != '\t')
			return false;
		i += k;
	}
	return true;
}

static const char *cell(struct arena *a, const char *s, size_t n)
{
	while (n && (*s == ' '))
		s++, n--;
	while (n && s[n - 1] == ' ')
		n--;
	return n ? arena_strndup(a, s, n) : NULL;
}

static int parse_line(struct arena *a, struct org_import *out, int line, const char *s, size_t n,
                      struct org_import_row *r)
{
	const char *col[NCOLS] = {0};
	int ncol = 0;
	size_t start = 0;

	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '\t')
			continue;
		if (ncol == NCOLS)
			return fail(out, a, line, "列数过多（应为6列，以制表符分隔）");
		col[ncol++] = cell(a, s + start, i - start);
		start = i + 1;
	}
	memset(r, 0, sizeof(*r));
	r->line = line;
	r->name = col[0];
	r->type = col[1];
	r->parent = col[2];
	r->level = col[3];
	if (!r->name)
		return fail(out, a, line, "缺少机构名称");
	if (strlen(r->name) > 100)
		return fail(out, a, line, "机构名称过长（最多100字节）");
	if (!r->type || !account_org_type_valid(r->type))
		return fail(out, a, line,
		            "机构类型应为 city_department、county、zone、platform_company 或 "
		            "supervisory_body");
	if (r->level && strcmp(r->type, "zone") != 0)
		return fail(out, a, line, "只有开发区（zone）可以填写级别");
	if (!strcmp(r->type, "zone") && (!r->level || !account_zone_level_valid(r->level)))
		return fail(out, a, line, "开发区级别应为 national、provincial 或 municipal");
	if (r->parent && !strcmp(r->parent, r->name))
		return fail(out, a, line, "上级机构不能是自己");
	if (col[4]) {
		const char *p = col[4];
		r->aliases = arena_alloc(a, sizeof(char *) * ORG_IMPORT_MAX_ALIASES);
		while (*p) {
			const char *bar = strchr(p, '|');
			size_t len = bar ? (size_t)(bar - p) : strlen(p);
			const char *al = cell(a, p, len);
			if (!al)
				return fail(out, a, line, "别名不能为空（两个 | 之间没有内容）");
			if (r->naliases == ORG_IMPORT_MAX_ALIASES)
				return fail(out, a, line, "别名过多（最多20个）");
			r->aliases[r->naliases++] = al;
			p += len + (bar ? 1 : 0);
			if (bar && !*p)
				return fail(out, a, line, "别名不能为空（末尾多了 |）");
		}
	}
	if (col[5] && !strcmp(col[5], "1"))
		r->is_sample = true;
	else if (col[5] && !strcmp(col[5], "是"))
		r->is_sample = true;
	else if (col[5] && strcmp(col[5], "0") != 0 && strcmp(col[5], "否") != 0)
		return fail(out, a, line, "示例标记应为 1/0 或 是/否");
	return 0;
}

int org_import_parse(const char *buf, size_t len, struct arena *a, struct org_import *out)
{
	int line = 0, cap = 0;
	size_t pos = 0;

	memset(out, 0, sizeof(*out));
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		pos = 3;
	while (pos < len) {
		const char *s = buf + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		pos += n + (nl ? 1 : 0);
		line++;
		if (n && s[n - 1] == '\r')
			n--;
		if (!clean_text((const unsigned char *)s, n))
			return fail(out, a, line, "含有控制字符或无效的 UTF-8");
		size_t k = 0;
		while (k < n && (s[k] == ' ' || s[k] == '\t'))
			k++;
		if (k == n || s[k] == '#')
			continue;
		if (out->nrows == 0 && n >= 5 && !memcmp(s, "name\t", 5))
			continue;
		if (out->nrows == ORG_IMPORT_MAX_ROWS)
			return fail(out, a, line, "行数过多（最多10000行）");
		if (out->nrows == cap)
			out->rows = arena_grow(a, out->rows, sizeof(*out->rows), &cap);
		if (parse_line(a, out, line, s, n, &out->rows[out->nrows]) != 0)
			return -1;
		out->nrows++;
	}
	for (int i = 0; i < out->nrows; i++)
		for (int j = 0; j < i; j++)
			if (!strcmp(out->rows[i].name, out->rows[j].name))
				return fail(
				    out, a, out->rows[i].line,
				    arena_printf(a, "机构名称与第%d行重复", out->rows[j].line));
	return 0;
}

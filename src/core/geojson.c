/* geojson.c - the GeoJSON reader and writer: a small JSON parser into an arena tree, then the
 * geometry read from it with its coordinates checked. Must not judge geometry (core/geo.c) nor
 * convert coordinates. */
#include "core/geojson.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum jkind { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jval {
	enum jkind kind;
	double num;
	const char *str; /* J_STR; object keys too */
	struct jval **items;
	const char **keys; /* J_OBJ */
	int n;
};

struct parser {
	const char *p, *end;
	struct arena *a;
	struct geojson_error *e;
	int positions;
};

static int fail(struct geojson_error *e, const char *msg)
{
	snprintf(e->message, sizeof(e->message), "%s", msg);
	return -1;
}

static void skip_ws(struct parser *ps)
{
	while (ps->p < ps->end &&
	       (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

static struct jval *value(struct parser *ps, int depth);

/* A string's contents: escapes other than \uXXXX kept as their character; \u escapes are not
 * needed by anything the reader looks at (type names, crs names), so they are kept as '?'. */
static const char *string(struct parser *ps)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;

	ps->p++;
	while (ps->p < ps->end && *ps->p != '"') {
		unsigned char ch = (unsigned char)*ps->p;
		if (ch < 0x20)
			break;
		if (ch == '\\') {
			if (++ps->p >= ps->end)
				break;
			if (*ps->p == 'u') {
				if (ps->end - ps->p < 5)
					break;
				ps->p += 4;
				ch = '?';
			} else {
				ch = (unsigned char)*ps->p;
			}
		}
		strbuf_addch(&sb, ch);
		ps->p++;
	}
	if (ps->p >= ps->end || *ps->p != '"') {
		strbuf_release(&sb);
		fail(ps->e, "GeoJSON 格式错误：字符串未结束");
		return NULL;
	}
	ps->p++;
	s = arena_strndup(ps->a, sb.buf ? sb.buf : "", sb.len);
	strbuf_release(&sb);
	return s;
}

static struct jval *number(struct parser *ps)
{
	char buf[64];
	size_t n = 0;
	char *endp;
	struct jval *v;

	while (ps->p + n < ps->end && n < sizeof(buf) - 1 && strchr("+-0123456789.eE", ps->p[n]))
		n++;
	memcpy(buf, ps->p, n);
	buf[n] = 0;
	v = arena_zalloc(ps->a, sizeof(*v));
	v->kind = J_NUM;
	v->num = strtod(buf, &endp);
	if (n == 0 || *endp || !isfinite(v->num)) {
		fail(ps->e, "GeoJSON 格式错误：数字无效");
		return NULL;
	}
	ps->p += n;
	return v;
}

static bool word(struct parser *ps, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, w, n) != 0)
		return false;
	ps->p += n;
	return true;
}

/* An array or object's members, into v. */
static struct jval *container(struct parser *ps, int depth, bool obj)
{
	struct jval *v = arena_zalloc(ps->a, sizeof(*v));
	int cap = 0, kcap = 0;
	char close = obj ? '}' : ']';

	v->kind = obj ? J_OBJ : J_ARR;
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return v;
	}
	for (;;) {
		const char *key = NULL;
		struct jval *item;

		skip_ws(ps);
		if (obj) {
			if (ps->p >= ps->end || *ps->p != '"') {
				fail(ps->e, "GeoJSON 格式错误：对象的键应为字符串");
				return NULL;
			}
			if (!(key = string(ps)))
				return NULL;
			skip_ws(ps);
			if (ps->p >= ps->end || *ps->p != ':') {
				fail(ps->e, "GeoJSON 格式错误：缺少冒号");
				return NULL;
			}
			ps->p++;
		}
		if (!(item = value(ps, depth + 1)))
			return NULL;
		if (v->n == cap)
			v->items = arena_grow(ps->a, v->items, sizeof(*v->items), &cap);
		if (obj) {
			if (v->n == kcap)
				v->keys = arena_grow(ps->a, v->keys, sizeof(*v->keys), &kcap);
			v->keys[v->n] = key;
		}
		v->items[v->n++] = item;
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == close) {
			ps->p++;
			return v;
		}
		fail(ps->e,
		     obj ? "GeoJSON 格式错误：对象未正确结束" : "GeoJSON 格式错误：数组未正确结束");
		return NULL;
	}
}

static struct jval *value(struct parser *ps, int depth)
{
	struct jval *v;

	if (depth > GEOJSON_MAX_DEPTH) {
		fail(ps->e, "GeoJSON 嵌套层次过深");
		return NULL;
	}
	skip_ws(ps);
	if (ps->p >= ps->end) {
		fail(ps->e, "GeoJSON 格式错误：内容不完整");
		return NULL;
	}
	switch (*ps->p) {
	case '{':
		return container(ps, depth, true);
	case '[':
		return container(ps, depth, false);
	case '"':
		v = arena_zalloc(ps->a, sizeof(*v));
		v->kind = J_STR;
		return (v->str = string(ps)) ? v : NULL;
	default:
		break;
	}
	v = arena_zalloc(ps->a, sizeof(*v));
	if (word(ps, "null"))
		return v;
	if (word(ps, "true") || word(ps, "false")) {
		v->kind = J_BOOL;
		return v;
	}
	return number(ps);
}

static const struct jval *member(const struct jval *o, const char *key)
{
	for (int i = 0; o && o->kind == J_OBJ && i < o->n; i++)
		if (!strcmp(o->keys[i], key))
			return o->items[i];
	return NULL;
}

static const char *type_of(const struct jval *o)
{
	const struct jval *t = member(o, "type");
	return t && t->kind == J_STR ? t->str : NULL;
}

int geo_in_china(double lon, double lat)
{
	return lon >= GEO_CN_LON_MIN && lon <= GEO_CN_LON_MAX && lat >= GEO_CN_LAT_MIN &&
	       lat <= GEO_CN_LAT_MAX;
}

static int position(struct parser *ps, const struct jval *v, struct geo_point *out)
{
	char msg[200];
	double lon, lat;

	if (!v || v->kind != J_ARR || v->n < 2 || v->n > 3)
		return fail(ps->e, "坐标应为 [经度, 纬度] 数组");
	for (int i = 0; i < v->n; i++)
		if (v->items[i]->kind != J_NUM)
			return fail(ps->e, "坐标应为数字");
	if (++ps->positions > GEOJSON_MAX_POSITIONS)
		return fail(ps->e, "坐标点过多（最多 200000 个）");
	lon = v->items[0]->num;
	lat = v->items[1]->num;
	if (geo_in_china(lon, lat)) {
		out->lon = lon;
		out->lat = lat;
		return 0;
	}
	if (geo_in_china(lat, lon))
		snprintf(msg, sizeof(msg),
		         "坐标 [%.6f, %.6f] 的顺序颠倒：GeoJSON 应为经度在前、纬度在后", lon, lat);
	else if (fabs(lon) > 1000 || fabs(lat) > 1000)
		snprintf(msg, sizeof(msg),
		         "坐标 [%.3f, %.3f] 不是经纬度（像是以米为单位的投影坐标），"
		         "请提供 CGCS2000 经纬度",
		         lon, lat);
	else
		snprintf(msg, sizeof(msg), "坐标 [%.6f, %.6f] 不在中国境内", lon, lat);
	return fail(ps->e, msg);
}

static int ring(struct parser *ps, const struct jval *v, struct geo_ring *out)
{
	if (!v || v->kind != J_ARR)
		return fail(ps->e, "多边形的环应为坐标数组");
	if (v->n < 4)
		return fail(ps->e, "多边形的环至少需要 4 个坐标点（首尾相同）");
	out->n = v->n;
	out->pts = arena_alloc(ps->a, sizeof(*out->pts) * (size_t)v->n);
	for (int i = 0; i < v->n; i++)
		if (position(ps, v->items[i], &out->pts[i]) != 0)
			return -1;
	if (out->pts[0].lon != out->pts[v->n - 1].lon || out->pts[0].lat != out->pts[v->n - 1].lat)
		return fail(ps->e, "多边形的环未闭合：首尾坐标应相同");
	return 0;
}

static int polygon(struct parser *ps, const struct jval *v, struct geo_polygon *out)
{
	if (!v || v->kind != J_ARR || v->n < 1)
		return fail(ps->e, "Polygon 的 coordinates 应为至少一个环的数组");
	out->nrings = v->n;
	out->rings = arena_alloc(ps->a, sizeof(*out->rings) * (size_t)v->n);
	for (int i = 0; i < v->n; i++)
		if (ring(ps, v->items[i], &out->rings[i]) != 0)
			return -1;
	return 0;
}

/* Appends the polygons of a Polygon or MultiPolygon object to out (a growing array). */
static int polygons(struct parser *ps, const struct jval *g, struct geo_shape *out, int *cap)
{
	const char *type = type_of(g);
	const struct jval *c = member(g, "coordinates");
	bool multi;

	if (!type || (strcmp(type, "Polygon") != 0 && strcmp(type, "MultiPolygon") != 0))
		return fail(ps->e, "边界应为 Polygon 或 MultiPolygon");
	multi = !strcmp(type, "MultiPolygon");
	if (!c || c->kind != J_ARR || (multi && c->n < 1))
		return fail(ps->e, "缺少 coordinates 坐标数组");
	for (int i = 0; i < (multi ? c->n : 1); i++) {
		if (out->npolys == *cap)
			out->polys = arena_grow(ps->a, out->polys, sizeof(*out->polys), cap);
		if (polygon(ps, multi ? c->items[i] : c, &out->polys[out->npolys]) != 0)
			return -1;
		out->npolys++;
	}
	return 0;
}

static int crs_check(struct parser *ps, const struct jval *root)
{
	const struct jval *crs = member(root, "crs");
	const struct jval *name = member(member(crs, "properties"), "name");
	static const char *const ok[] = {"EPSG:4490", "urn:ogc:def:crs:EPSG::4490",
	                                 "urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326",
	                                 "urn:ogc:def:crs:EPSG::4326"};

	if (!crs || crs->kind == J_NULL)
		return 0;
	for (size_t i = 0; name && name->kind == J_STR && i < sizeof(ok) / sizeof(ok[0]); i++)
		if (!strcmp(name->str, ok[i]))
			return 0;
	return fail(ps->e, "坐标系应为 CGCS2000（EPSG:4490）经纬度");
}

static int geometry(struct parser *ps, const struct jval *g, struct geo_shape *out)
{
	const char *type = type_of(g);
	int cap = 0;

	if (!type)
		return fail(ps->e, "缺少 type 成员");
	if (!strcmp(type, "Point")) {
		out->kind = GEO_POINT;
		return position(ps, member(g, "coordinates"), &out->point);
	}
	out->kind = strcmp(type, "Polygon") ? GEO_MULTIPOLYGON : GEO_POLYGON;
	if (!strcmp(type, "Polygon") || !strcmp(type, "MultiPolygon"))
		return polygons(ps, g, out, &cap);
	return fail(ps->e, "几何类型应为 Point、Polygon 或 MultiPolygon");
}

int geojson_read(const char *text, size_t len, struct arena *a, struct geo_shape *out,
                 struct geojson_error *e)
{
	struct parser ps = {.p = text, .end = text + len, .a = a, .e = e};
	const struct jval *root;
	const char *type;

	memset(out, 0, sizeof(*out));
	e->message[0] = 0;
	if (!(root = value(&ps, 0)))
		return -1;
	skip_ws(&ps);
	if (ps.p != ps.end)
		return fail(e, "GeoJSON 格式错误：末尾有多余内容");
	if (root->kind != J_OBJ)
		return fail(e, "GeoJSON 应为对象");
	if (crs_check(&ps, root) != 0)
		return -1;
	if (!(type = type_of(root)))
		return fail(e, "缺少 type 成员");
	if (!strcmp(type, "Feature")) {
		const struct jval *g = member(root, "geometry");
		if (!g || g->kind != J_OBJ)
			return fail(e, "Feature 缺少 geometry");
		return geometry(&ps, g, out);
	}
	if (!strcmp(type, "FeatureCollection")) {
		const struct jval *fs = member(root, "features");
		int cap = 0;
		if (!fs || fs->kind != J_ARR || fs->n < 1)
			return fail(e, "FeatureCollection 应至少包含一个要素");
		out->kind = GEO_MULTIPOLYGON;
		for (int i = 0; i < fs->n; i++) {
			const struct jval *g = member(fs->items[i], "geometry");
			if (!g || g->kind != J_OBJ)
				return fail(e, "要素缺少 geometry");
			if (polygons(&ps, g, out, &cap) != 0)
				return -1;
		}
		return 0;
	}
	return geometry(&ps, root, out);
}

/* ---- writing ---- */

static void num(struct strbuf *sb, double v)
{
	char buf[40];

	snprintf(buf, sizeof(buf), "%.15g", v);
	if (strtod(buf, NULL) != v)
		snprintf(buf, sizeof(buf), "%.17g", v);
	strbuf_addstr(sb, buf);
}

static void pos(struct strbuf *sb, const struct geo_point *p)
{
	strbuf_addch(sb, '[');
	num(sb, p->lon);
	strbuf_addch(sb, ',');
	num(sb, p->lat);
	strbuf_addch(sb, ']');
}

static void poly(struct strbuf *sb, const struct geo_polygon *p)
{
	strbuf_addch(sb, '[');
	for (int r = 0; r < p->nrings; r++) {
		strbuf_addstr(sb, r ? ",[" : "[");
		for (int i = 0; i < p->rings[r].n; i++) {
			if (i)
				strbuf_addch(sb, ',');
			pos(sb, &p->rings[r].pts[i]);
		}
		strbuf_addch(sb, ']');
	}
	strbuf_addch(sb, ']');
}

void geojson_write(struct strbuf *sb, const struct geo_shape *s)
{
	switch (s->kind) {
	case GEO_POINT:
		strbuf_addstr(sb, "{\"type\":\"Point\",\"coordinates\":");
		pos(sb, &s->point);
		break;
	case GEO_POLYGON:
		strbuf_addstr(sb, "{\"type\":\"Polygon\",\"coordinates\":");
		poly(sb, &s->polys[0]);
		break;
	case GEO_MULTIPOLYGON:
		strbuf_addstr(sb, "{\"type\":\"MultiPolygon\",\"coordinates\":[");
		for (int i = 0; i < s->npolys; i++) {
			if (i)
				strbuf_addch(sb, ',');
			poly(sb, &s->polys[i]);
		}
		strbuf_addch(sb, ']');
		break;
	}
	strbuf_addch(sb, '}');
}

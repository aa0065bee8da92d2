/* xlsx_scan.c - the worksheet's XML scanner (xlsx_scan.h): a byte state machine that keeps its
 * place between chunks, so that neither a tag nor a text has to fit in one. Text the caller does
 * not want is skipped with memchr; only the attributes r, t, s and ref are kept.
 * Must not know what the elements mean. */
#include "util/xlsx_scan.h"

#include <string.h>

enum {
	S_TEXT,    /* character data */
	S_ENT,     /* an entity reference in captured text */
	S_LT,      /* after '<' */
	S_NAME,    /* a start tag's name */
	S_TAG,     /* between a start tag's attributes */
	S_ANAME,   /* an attribute's name */
	S_AEQ,     /* before '=' */
	S_AQ,      /* before the opening quote */
	S_AVAL,    /* an attribute's value */
	S_EMPTYGT, /* after the '/' of "<x/>" */
	S_ENDNAME, /* an end tag's name */
	S_ENDWS,   /* blanks before an end tag's '>' */
	S_BANG,    /* after "<!" */
	S_COMMENT, /* in "<!-- -->" */
	S_CDATA,   /* in "<![CDATA[ ]]>" */
	S_PI,      /* in "<? ?>" */
};

#define E_SYNTAX "文件已损坏：工作表的 XML 格式错误"

static bool blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Bytes that end a name. */
static bool name_end(unsigned char c)
{
	return blank(c) || c == '/' || c == '>' || c == '=' || c == '<' || c == '"' || c == '\'';
}

static int refuse(struct xscan *sc, const char *why)
{
	sc->error = why;
	return XSCAN_ERROR;
}

void xscan_init(struct xscan *sc, const struct xscan_ops *ops, void *ud, int max_depth)
{
	memset(sc, 0, sizeof(*sc));
	sc->ops = ops;
	sc->ud = ud;
	sc->max_depth = max_depth > 64 ? 64 : max_depth;
	sc->state = S_TEXT;
}

static const char *local_name(const char *q)
{
	const char *colon = strchr(q, ':');

	return colon ? colon + 1 : q;
}

/* ---- captured text: UTF-8 checked, line ends normalized ---- */

/* Checks n bytes of captured text and hands them on, "\r\n" and "\r" as "\n". UTF-8 is checked
 * as RFC 3629 has it (no overlong forms, no surrogates, nothing past U+10FFFF), across pieces. */
static int put_text(struct xscan *sc, const char *s, size_t n)
{
	size_t run = 0;
	int rc;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (sc->utf8_need) {
			if (c < sc->utf8_lo || c > sc->utf8_hi)
				return refuse(sc, "工作表中有无效的 UTF-8 文字");
			sc->utf8_need--;
			sc->utf8_lo = 0x80;
			sc->utf8_hi = 0xbf;
			run++;
			continue;
		}
		if (c == '\r' || (c == '\n' && sc->seen_cr)) {
			if (run && (rc = sc->ops->text(sc->ud, s + i - run, run)) != XSCAN_GO)
				return rc;
			run = 0;
			if (c == '\r' && (rc = sc->ops->text(sc->ud, "\n", 1)) != XSCAN_GO)
				return rc;
			sc->seen_cr = c == '\r';
			continue;
		}
		sc->seen_cr = false;
		if (c < 0x20 && c != '\t' && c != '\n')
			return refuse(sc, "工作表中有 XML 不允许的控制字符");
		if (c >= 0x80) {
			if (c < 0xc2 || c > 0xf4)
				return refuse(sc, "工作表中有无效的 UTF-8 文字");
			sc->utf8_need = c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3;
			sc->utf8_lo = c == 0xe0 ? 0xa0 : c == 0xf0 ? 0x90 : 0x80;
			sc->utf8_hi = c == 0xed ? 0x9f : c == 0xf4 ? 0x8f : 0xbf;
		}
		run++;
	}
	if (run)
		return sc->ops->text(sc->ud, s + n - run, run);
	return XSCAN_GO;
}

static void utf8_put(unsigned long cp, char out[4], size_t *n)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		*n = 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		*n = 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		*n = 3;
	} else {
		out[0] = (char)(0xf0 | cp >> 18);
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[3] = (char)(0x80 | (cp & 0x3f));
		*n = 4;
	}
}

/* The entity in sc->ent (without '&' and ';'): the five XML predefines and character
 * references to characters XML allows. */
static int put_entity(struct xscan *sc)
{
	static const struct {
		const char *name;
		char c;
	} predef[] = {{"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}};
	unsigned long cp = 0;
	char out[4];
	size_t n;

	sc->ent[sc->ent_len] = 0;
	for (size_t i = 0; i < sizeof(predef) / sizeof(predef[0]); i++)
		if (!strcmp(sc->ent, predef[i].name))
			return sc->ops->text(sc->ud, &predef[i].c, 1);
	if (sc->ent[0] != '#' || sc->ent_len < 2)
		return refuse(sc, "工作表中有未定义的 XML 实体");
	bool hex = sc->ent[1] == 'x';
	const char *p = sc->ent + (hex ? 2 : 1);
	if (!*p)
		return refuse(sc, E_SYNTAX);
	for (; *p; p++) {
		int d = *p >= '0' && *p <= '9'          ? *p - '0'
		        : hex && *p >= 'a' && *p <= 'f' ? *p - 'a' + 10
		        : hex && *p >= 'A' && *p <= 'F' ? *p - 'A' + 10
		                                        : -1;
		if (d < 0)
			return refuse(sc, E_SYNTAX);
		cp = cp * (hex ? 16 : 10) + (unsigned long)d;
		if (cp > 0x10ffff)
			return refuse(sc, "工作表中有 XML 不允许的字符");
	}
	if (!(cp == 0x9 || cp == 0xa || cp == 0xd || (cp >= 0x20 && cp <= 0xd7ff) ||
	      (cp >= 0xe000 && cp <= 0xfffd) || cp >= 0x10000))
		return refuse(sc, "工作表中有 XML 不允许的字符");
	utf8_put(cp, out, &n);
	return sc->ops->text(sc->ud, out, n);
}

/* ---- tags ---- */

static int tag_start(struct xscan *sc)
{
	size_t off = sc->stack_off[sc->depth], n = strlen(sc->tagname);
	int rc;

	if (sc->root_done)
		return refuse(sc, E_SYNTAX);
	if (sc->depth >= sc->max_depth)
		return refuse(sc, "XML 嵌套过深");
	memcpy(sc->stack + off, sc->tagname, n + 1);
	sc->stack_off[++sc->depth] = off + n + 1;
	sc->tag.name = local_name(sc->tagname);
	rc = sc->ops->start(sc->ud, &sc->tag);
	sc->state = S_TEXT;
	return rc;
}

/* Closes the innermost element, whose qualified name must be `name`. */
static int tag_end(struct xscan *sc, const char *name)
{
	if (sc->depth == 0 || strcmp(sc->stack + sc->stack_off[sc->depth - 1], name) != 0)
		return refuse(sc, "文件已损坏：工作表的 XML 元素没有正确闭合");
	sc->depth--;
	sc->root_done = sc->depth == 0;
	sc->state = S_TEXT;
	return sc->ops->end(sc->ud, local_name(name));
}

/* The attribute named in sc->name: one of those kept, or NULL. */
static struct xscan_attr *attr_of(struct xscan *sc)
{
	const char *l;

	sc->name[sc->name_len] = 0;
	l = local_name(sc->name);
	/* xmlns:r declares a prefix, it is no attribute r */
	if (l[0] && !l[1] && strncmp(sc->name, "xmlns:", 6) != 0) {
		if (l[0] == 'r')
			return &sc->tag.r;
		if (l[0] == 't')
			return &sc->tag.t;
		if (l[0] == 's')
			return &sc->tag.s;
	}
	if (!strcmp(l, "ref") && l == sc->name)
		return &sc->tag.ref;
	return NULL;
}

static int name_byte(struct xscan *sc, char *buf, unsigned char c)
{
	if (c == 0)
		return refuse(sc, E_SYNTAX);
	if (sc->name_len == XSCAN_NAME_MAX)
		return refuse(sc, "工作表的 XML 名称过长");
	buf[sc->name_len++] = (char)c;
	return XSCAN_GO;
}

/* After "<!": a comment, a CDATA section, or a declaration OOXML never has. */
static int bang(struct xscan *sc, unsigned char c)
{
	sc->ent[sc->ent_len++] = (char)c;
	sc->ent[sc->ent_len] = 0;
	if (!strcmp(sc->ent, "--")) {
		sc->state = S_COMMENT;
		sc->tail = 0;
	} else if (!strcmp(sc->ent, "[CDATA[")) {
		sc->state = S_CDATA;
		sc->tail = 0;
	} else if (!strncmp("DOCTYPE", sc->ent, sc->ent_len)) {
		if (sc->ent_len == 7)
			return refuse(sc, "XML 含有文档类型声明（DTD），已拒绝");
	} else if (!strncmp("ENTITY", sc->ent, sc->ent_len)) {
		if (sc->ent_len == 6)
			return refuse(sc, "XML 含有实体声明，已拒绝");
	} else if (strncmp("--", sc->ent, sc->ent_len) &&
	           strncmp("[CDATA[", sc->ent, sc->ent_len)) {
		return refuse(sc, E_SYNTAX);
	}
	return XSCAN_GO;
}

/* The CDATA byte c: "]]>" ends the section; other bytes are text. */
static int cdata(struct xscan *sc, unsigned char c)
{
	int rc;

	if (c == ']') {
		if (sc->tail < 2) {
			sc->tail++;
			return XSCAN_GO;
		}
		return sc->capture ? put_text(sc, "]", 1) : XSCAN_GO;
	}
	if (c == '>' && sc->tail == 2) {
		sc->state = S_TEXT;
		return XSCAN_GO;
	}
	if (sc->capture && sc->tail && (rc = put_text(sc, "]]", (size_t)sc->tail)) != XSCAN_GO)
		return rc;
	sc->tail = 0;
	return sc->capture ? put_text(sc, (const char *)&c, 1) : XSCAN_GO;
}

/* The text from s up to the next '<' (or the chunk's end): skipped, or handed on. */
static int text(struct xscan *sc, const char *s, size_t n, size_t *taken)
{
	const char *lt = memchr(s, '<', n);
	size_t len = lt ? (size_t)(lt - s) : n, done = 0;
	int rc;

	*taken = len;
	if (!sc->capture)
		return XSCAN_GO;
	while (done < len) {
		const char *amp = memchr(s + done, '&', len - done);
		size_t run = amp ? (size_t)(amp - (s + done)) : len - done;
		if (run && (rc = put_text(sc, s + done, run)) != XSCAN_GO)
			return rc;
		done += run;
		if (amp) {
			if (sc->utf8_need)
				return refuse(sc, "工作表中有无效的 UTF-8 文字");
			/* the entity is read byte by byte in S_ENT */
			*taken = done + 1;
			sc->state = S_ENT;
			sc->ent_len = 0;
			return XSCAN_GO;
		}
	}
	return XSCAN_GO;
}

/* One byte of markup in state sc->state. */
static int markup(struct xscan *sc, unsigned char c)
{
	switch (sc->state) {
	case S_ENT:
		if (c == ';') {
			sc->state = S_TEXT;
			return put_entity(sc);
		}
		if (sc->ent_len == sizeof(sc->ent) - 1)
			return refuse(sc, E_SYNTAX);
		sc->ent[sc->ent_len++] = (char)c;
		return XSCAN_GO;
	case S_LT:
		if (sc->capture && sc->utf8_need)
			return refuse(sc, "工作表中有无效的 UTF-8 文字");
		sc->name_len = 0;
		if (c == '/') {
			sc->state = S_ENDNAME;
		} else if (c == '?') {
			sc->state = S_PI;
			sc->tail = 0;
		} else if (c == '!') {
			sc->state = S_BANG;
			sc->ent_len = 0;
		} else if (name_end(c)) {
			return refuse(sc, E_SYNTAX);
		} else {
			sc->state = S_NAME;
			sc->tag.r.present = sc->tag.t.present = sc->tag.s.present = false;
			sc->tag.ref.present = false;
			return name_byte(sc, sc->tagname, c);
		}
		return XSCAN_GO;
	case S_NAME:
		if (!name_end(c))
			return name_byte(sc, sc->tagname, c);
		sc->tagname[sc->name_len] = 0;
		sc->state = S_TAG;
		return markup(sc, c);
	case S_TAG:
		if (blank(c))
			return XSCAN_GO;
		if (c == '>')
			return tag_start(sc);
		if (c == '/') {
			sc->state = S_EMPTYGT;
			return XSCAN_GO;
		}
		if (name_end(c))
			return refuse(sc, E_SYNTAX);
		sc->state = S_ANAME;
		sc->name_len = 0;
		return name_byte(sc, sc->name, c);
	case S_ANAME:
		if (!name_end(c))
			return name_byte(sc, sc->name, c);
		sc->attr = attr_of(sc);
		sc->state = S_AEQ;
		return markup(sc, c);
	case S_AEQ:
		if (blank(c))
			return XSCAN_GO;
		if (c != '=')
			return refuse(sc, E_SYNTAX);
		sc->state = S_AQ;
		return XSCAN_GO;
	case S_AQ:
		if (blank(c))
			return XSCAN_GO;
		if (c != '"' && c != '\'')
			return refuse(sc, E_SYNTAX);
		sc->quote_dq = c == '"';
		if (sc->attr) {
			sc->attr->present = true;
			sc->attr->len = 0;
			sc->attr->v[0] = 0;
		}
		sc->state = S_AVAL;
		return XSCAN_GO;
	case S_AVAL:
		if (c == (sc->quote_dq ? '"' : '\'')) {
			sc->state = S_TAG;
			return XSCAN_GO;
		}
		if (c == '<' || (c < 0x20 && !blank(c)))
			return refuse(sc, E_SYNTAX);
		if (sc->attr) {
			if (sc->attr->len < XSCAN_ATTR_MAX) {
				sc->attr->v[sc->attr->len] = (char)c;
				sc->attr->v[sc->attr->len + 1] = 0;
			}
			sc->attr->len++;
		}
		return XSCAN_GO;
	case S_EMPTYGT: {
		int rc;
		if (c != '>')
			return refuse(sc, E_SYNTAX);
		if ((rc = tag_start(sc)) != XSCAN_GO)
			return rc;
		return tag_end(sc, sc->tagname);
	}
	case S_ENDNAME:
		if (!name_end(c))
			return name_byte(sc, sc->name, c);
		sc->name[sc->name_len] = 0;
		if (c == '>')
			return tag_end(sc, sc->name);
		if (!blank(c))
			return refuse(sc, E_SYNTAX);
		sc->state = S_ENDWS;
		return XSCAN_GO;
	case S_ENDWS:
		if (blank(c))
			return XSCAN_GO;
		return c == '>' ? tag_end(sc, sc->name) : refuse(sc, E_SYNTAX);
	case S_BANG:
		return bang(sc, c);
	case S_COMMENT:
		if (c == '>' && sc->tail >= 2)
			sc->state = S_TEXT;
		sc->tail = c == '-' ? sc->tail + 1 : 0;
		return XSCAN_GO;
	case S_CDATA:
		return cdata(sc, c);
	case S_PI:
		if (c == '>' && sc->tail)
			sc->state = S_TEXT;
		sc->tail = c == '?';
		return XSCAN_GO;
	default:
		return refuse(sc, E_SYNTAX);
	}
}

/* The bytes from s that only lengthen the name or attribute value being read (most of a tag),
 * taken in one step instead of one markup() call each; 0 when the state has no such run. */
static int run(struct xscan *sc, const char *s, size_t n, size_t *taken)
{
	size_t k = 0;

	*taken = 0;
	if (sc->state == S_AVAL) {
		unsigned char q = sc->quote_dq ? '"' : '\'';
		while (k < n && (unsigned char)s[k] != q && s[k] != '<' &&
		       ((unsigned char)s[k] >= 0x20 || blank((unsigned char)s[k])))
			k++;
		if (sc->attr) {
			size_t at = sc->attr->len < XSCAN_ATTR_MAX ? sc->attr->len : XSCAN_ATTR_MAX;
			size_t copy = k < XSCAN_ATTR_MAX - at ? k : XSCAN_ATTR_MAX - at;
			memcpy(sc->attr->v + at, s, copy);
			sc->attr->v[at + copy] = 0;
			sc->attr->len += k;
		}
	} else if (sc->state == S_NAME || sc->state == S_ANAME || sc->state == S_ENDNAME) {
		char *name = sc->state == S_NAME ? sc->tagname : sc->name;
		while (k < n && s[k] && !name_end((unsigned char)s[k]))
			k++;
		if (sc->name_len + k > XSCAN_NAME_MAX)
			return refuse(sc, "工作表的 XML 名称过长");
		memcpy(name + sc->name_len, s, k);
		sc->name_len += k;
	}
	*taken = k;
	return XSCAN_GO;
}

int xscan_feed(struct xscan *sc, const char *buf, size_t len, size_t *used)
{
	size_t i = 0, taken;
	int rc;

	while (i < len) {
		if (sc->state == S_TEXT) {
			if ((rc = text(sc, buf + i, len - i, &taken)) != XSCAN_GO)
				goto stop;
			i += taken;
			if (i < len && sc->state == S_TEXT) {
				sc->state = S_LT; /* buf[i] is '<' */
				i++;
			}
			continue;
		}
		if ((rc = run(sc, buf + i, len - i, &taken)) != XSCAN_GO)
			goto stop;
		i += taken;
		if (i < len && (rc = markup(sc, (unsigned char)buf[i++])) != XSCAN_GO)
			goto stop;
	}
	*used = len;
	return XSCAN_GO;
stop:
	*used = i;
	if (rc == XSCAN_ERROR && !sc->error)
		sc->error = "";
	return rc;
}

int xscan_finish(struct xscan *sc)
{
	if (sc->state != S_TEXT || sc->depth || !sc->root_done || sc->utf8_need)
		return refuse(sc, "文件已损坏：工作表的 XML 不完整");
	return XSCAN_GO;
}

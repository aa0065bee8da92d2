/* filetype.c - evidence file type checks by magic bytes. Must not trust the client's
 * Content-Type. */
#include "core/filetype.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* OOXML's three: the same zip with the manifest, told apart by the folder of their parts */
enum kind { PDF, PNG, JPEG, GIF, OLE, DOCX, XLSX, PPTX, OFD };

static const struct {
	const char *ext;
	enum kind kind;
	const char *mime;
} exts[] = {
    {"pdf", PDF, "application/pdf"},
    {"png", PNG, "image/png"},
    {"jpg", JPEG, "image/jpeg"},
    {"jpeg", JPEG, "image/jpeg"},
    {"gif", GIF, "image/gif"},
    {"doc", OLE, "application/msword"},
    {"xls", OLE, "application/vnd.ms-excel"},
    {"ppt", OLE, "application/vnd.ms-powerpoint"},
    {"wps", OLE, "application/vnd.ms-works"},
    {"et", OLE, "application/vnd.ms-excel"},
    {"dps", OLE, "application/vnd.ms-powerpoint"},
    {"docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"pptx", PPTX, "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    {"ofd", OFD, "application/ofd"},
};

static bool starts(const unsigned char *b, size_t n, const char *magic, size_t m)
{
	return n >= m && memcmp(b, magic, m) == 0;
}

static bool contains(const unsigned char *b, size_t n, const char *s)
{
	size_t m = strlen(s);

	for (size_t i = 0; i + m <= n; i++)
		if (b[i] == (unsigned char)s[0] && memcmp(b + i, s, m) == 0)
			return true;
	return false;
}

static bool content_is(enum kind k, const unsigned char *b, size_t n)
{
	switch (k) {
	case PDF:
		return starts(b, n, "%PDF-", 5);
	case PNG:
		return starts(b, n, "\x89PNG\r\n\x1a\n", 8);
	case JPEG:
		return starts(b, n, "\xff\xd8\xff", 3);
	case GIF:
		return starts(b, n, "GIF87a", 6) || starts(b, n, "GIF89a", 6);
	case OLE:
		return starts(b, n, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8);
	case DOCX:
	case XLSX:
	case PPTX:
		/* a zip whose entries include the OOXML manifest and its kind's parts (the names
		 * are in the central directory at the end, which the sample holds) */
		return starts(b, n, "PK\x03\x04", 4) && contains(b, n, "[Content_Types].xml") &&
		       contains(b, n,
		                k == DOCX   ? "word/"
		                : k == XLSX ? "xl/"
		                            : "ppt/");
	case OFD:
		return starts(b, n, "PK\x03\x04", 4) && contains(b, n, "OFD.xml");
	}
	return false;
}

bool filetype_name_valid(const char *name)
{
	size_t n = name ? strlen(name) : 0;

	if (n == 0 || n > 200 || strchr(name, '/') || strchr(name, '\\'))
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			return false;
	return true;
}

enum filetype_verdict filetype_check(const char *name, const unsigned char *buf, size_t len,
                                     const char **mime)
{
	const char *dot;

	*mime = NULL;
	if (!filetype_name_valid(name))
		return FILETYPE_BAD_NAME;
	dot = strrchr(name, '.');
	if (!dot || dot == name)
		return FILETYPE_UNSUPPORTED;
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		if (strcasecmp(dot + 1, exts[i].ext) != 0)
			continue;
		if (len == 0)
			return FILETYPE_EMPTY;
		if (!content_is(exts[i].kind, buf, len))
			return FILETYPE_MISMATCH;
		*mime = exts[i].mime;
		return FILETYPE_OK;
	}
	return FILETYPE_UNSUPPORTED;
}

const char *filetype_message(enum filetype_verdict v)
{
	switch (v) {
	case FILETYPE_OK:
		return "文件类型正确";
	case FILETYPE_BAD_NAME:
		return "文件名无效（不能为空、过长或含有路径分隔符）";
	case FILETYPE_UNSUPPORTED:
		return "不支持的文件类型：仅支持 PDF、图片（PNG/JPG/GIF）、Office 与 WPS 文档、OFD";
	case FILETYPE_MISMATCH:
		return "文件内容与扩展名不符";
	case FILETYPE_EMPTY:
		return "文件为空";
	}
	return "文件类型错误";
}

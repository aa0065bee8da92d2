/* csv_read.c - a streaming CSV reader (RFC 4180 quoting, CRLF, LF or CR line ends, comma or tab
 * separated) for files saved by Excel or WPS: UTF-8 with or without a byte-order mark, GB18030
 * (GBK, what Excel and WPS write on Chinese Windows), UTF-16 with a byte-order mark ("Unicode
 * text"). Without a mark the whole file is scanned once first (textconv_sniff), so a GBK byte
 * on the last line is not mistaken for broken UTF-8 after the first rows were read.
 * A row number is a record's number, as the spreadsheet shows it (a quoted line break stays in
 * its row). Must not interpret fields: core/ does. */
#include "util/sheet_impl.h"

#include "util/log.h"
#include "util/textconv.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHUNK   65536
#define MAX_COL 16384

struct csv_read {
	int fd;
	off_t pos; /* next raw byte to read */
	const struct sheet_limits *lim;
	enum textconv_encoding enc;
	iconv_t cd; /* (iconv_t)-1 for UTF-8 */
	char raw[CHUNK];
	size_t raw_len; /* bytes not yet converted (an incomplete character) */
	char dec[CHUNK * 2 + 8];
	size_t dec_len, dec_pos;
	bool eof, done;
	char sep;
	int64_t row;
	struct strbuf field;
	struct sheet_rowbuf rb;
};

static ssize_t read_at(int fd, void *buf, size_t n, off_t off)
{
	ssize_t r;

	do
		r = pread(fd, buf, n, off);
	while (r < 0 && errno == EINTR);
	return r;
}

/* Scans the file from off to its end: UTF-8 or GB18030, or why neither. */
static int sniff(struct csv_read *r, off_t off, struct sheet_error *e)
{
	struct textconv_sniff s;
	const char *msg;
	ssize_t n;

	textconv_sniff_init(&s);
	while ((n = read_at(r->fd, r->raw, sizeof(r->raw), off)) > 0) {
		textconv_sniff_feed(&s, r->raw, (size_t)n);
		off += n;
	}
	if (n < 0)
		return KFQ_EIO;
	if (textconv_sniff_result(&s, &r->enc, &msg) != KFQ_OK)
		return sheet_fail(e, 0, "%s", msg);
	return KFQ_OK;
}

/* Converts more of the file into dec; sets eof at its end. */
static int fill(struct csv_read *r, struct sheet_error *e)
{
	ssize_t n = read_at(r->fd, r->raw + r->raw_len, sizeof(r->raw) - r->raw_len, r->pos);

	if (n < 0)
		return KFQ_EIO;
	r->pos += n;
	r->raw_len += (size_t)n;
	r->dec_pos = 0;
	r->dec_len = 0;
	if (n == 0) {
		r->eof = true;
		if (r->raw_len)
			return sheet_fail(e, r->row + 1, "文件末尾的字符不完整（编码错误）");
		return KFQ_OK;
	}
	if (r->cd == (iconv_t)-1) {
		memcpy(r->dec, r->raw, r->raw_len);
		r->dec_len = r->raw_len;
		r->raw_len = 0;
		return KFQ_OK;
	}
	/* iconv's prototype takes char ** but never writes through the input pointer */
	char *ip = r->raw, *op = r->dec;
	size_t il = r->raw_len, ol = sizeof(r->dec);
	if (iconv(r->cd, &ip, &il, &op, &ol) == (size_t)-1 && errno != EINVAL)
		return sheet_fail(e, r->row + 1, "第%lld行附近有无法识别的字符（编码错误）",
		                  (long long)r->row + 1);
	memmove(r->raw, ip, il);
	r->raw_len = il;
	r->dec_len = (size_t)(op - r->dec);
	return KFQ_OK;
}

/* The next decoded byte, or -1 at the end of the file; -2 with e filled on an error. */
static int next_byte(struct csv_read *r, struct sheet_error *e)
{
	while (r->dec_pos == r->dec_len) {
		if (r->eof)
			return -1;
		int rc = fill(r, e);
		if (rc != KFQ_OK)
			return rc == KFQ_EIO ? -3 : -2;
	}
	return (unsigned char)r->dec[r->dec_pos++];
}

static int peek_byte(struct csv_read *r, struct sheet_error *e)
{
	int c = next_byte(r, e);

	if (c >= 0)
		r->dec_pos--;
	return c;
}

/* Tab or comma: whichever the first line has more of outside quotes (comma when neither). */
static void pick_separator(struct csv_read *r)
{
	size_t commas = 0, tabs = 0;
	bool quoted = false;

	for (size_t i = 0; i < r->dec_len; i++) {
		char c = r->dec[i];
		if (c == '"')
			quoted = !quoted;
		else if (!quoted && (c == '\n' || c == '\r'))
			break;
		else if (!quoted && c == ',')
			commas++;
		else if (!quoted && c == '\t')
			tabs++;
	}
	r->sep = tabs > commas ? '\t' : ',';
}

int csv_read_open(int fd, const struct sheet_limits *lim, struct csv_read **out,
                  struct sheet_error *e)
{
	struct csv_read *r = xcalloc(1, sizeof(*r));
	unsigned char head[4] = {0};
	const char *from = NULL;
	ssize_t n;
	int rc;

	*out = NULL;
	r->fd = fd;
	r->lim = lim;
	r->cd = (iconv_t)-1;
	strbuf_init(&r->field, 64);
	sheet_rowbuf_init(&r->rb, lim);
	if ((n = read_at(fd, head, sizeof(head), 0)) < 0) {
		rc = KFQ_EIO;
		goto fail;
	}
	if (n >= 3 && !memcmp(head, "\xef\xbb\xbf", 3)) {
		r->pos = 3;
		if ((rc = sniff(r, 3, e)) != KFQ_OK)
			goto fail;
		if (r->enc != TEXTCONV_UTF8) {
			rc = sheet_fail(e, 0, "%s", TEXTCONV_MSG_ENCODING);
			goto fail;
		}
		r->enc = TEXTCONV_UTF8_BOM;
	} else if (n >= 2 && (!memcmp(head, "\xff\xfe", 2) || !memcmp(head, "\xfe\xff", 2))) {
		r->pos = 2;
		r->enc = head[0] == 0xff ? TEXTCONV_UTF16LE : TEXTCONV_UTF16BE;
		from = head[0] == 0xff ? "UTF-16LE" : "UTF-16BE";
	} else if (n >= 4 && !memcmp(head, "\x84\x31\x95\x33", 4)) {
		r->pos = 4;
		r->enc = TEXTCONV_GB18030;
		from = "GB18030";
	} else {
		if ((rc = sniff(r, 0, e)) != KFQ_OK)
			goto fail;
		if (r->enc == TEXTCONV_GB18030)
			from = "GB18030";
	}
	if (from && (r->cd = iconv_open("UTF-8", from)) == (iconv_t)-1) {
		rc = KFQ_ERR;
		goto fail;
	}
	if ((rc = fill(r, e)) != KFQ_OK)
		goto fail;
	pick_separator(r);
	*out = r;
	return KFQ_OK;
fail:
	csv_read_close(r);
	return rc;
}

/* Ends the field being read as column col of the row. */
static int end_field(struct csv_read *r, int *col, struct sheet_error *e)
{
	int rc = KFQ_OK;

	if (*col >= MAX_COL)
		return sheet_fail(e, r->row, "第%lld行的列数过多", (long long)r->row);
	if (r->field.len)
		rc = sheet_rowbuf_put(&r->rb, *col, SHEET_TEXT, false, r->field.buf, r->field.len,
		                      r->row, e);
	strbuf_reset(&r->field);
	(*col)++;
	return rc;
}

/* Reads one record into the row buffer: KFQ_ROW, KFQ_DONE at the end of the file. */
static int read_record(struct csv_read *r, struct sheet_error *e)
{
	bool quoted = false, any = false;
	int col = 0, c, rc;

	sheet_rowbuf_reset(&r->rb);
	strbuf_reset(&r->field);
	r->row++;
	for (;;) {
		c = next_byte(r, e);
		if (c == -2)
			return KFQ_EINVAL;
		if (c == -3)
			return KFQ_EIO;
		if (c == -1) {
			if (quoted)
				return sheet_fail(e, r->row, "第%lld行：引号没有闭合",
				                  (long long)r->row);
			if (!any)
				return KFQ_DONE;
			break;
		}
		any = true;
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
			return sheet_fail(e, r->row, "第%lld行含有控制字符（不是文本文件？）",
			                  (long long)r->row);
		if (quoted) {
			if (c == '"') {
				if (peek_byte(r, e) == '"')
					(void)next_byte(r, e);
				else {
					quoted = false;
					continue;
				}
			}
		} else if (c == '"' && r->field.len == 0) {
			quoted = true;
			continue;
		} else if (c == r->sep) {
			if ((rc = end_field(r, &col, e)) != KFQ_OK)
				return rc;
			continue;
		} else if (c == '\r' || c == '\n') {
			if (c == '\r' && peek_byte(r, e) == '\n')
				(void)next_byte(r, e);
			break;
		}
		if (r->field.len >= r->lim->max_cell_bytes)
			return sheet_fail(e, r->row, "第%lld行第%d列：单元格内容过长",
			                  (long long)r->row, col + 1);
		strbuf_addch(&r->field, c);
	}
	if ((rc = end_field(r, &col, e)) != KFQ_OK)
		return rc;
	return KFQ_ROW;
}

int csv_read_next(struct csv_read *r, struct sheet_row *row, struct sheet_error *e)
{
	int rc;

	if (r->done)
		return KFQ_DONE;
	do {
		rc = read_record(r, e);
		if (rc == KFQ_ROW && r->row > r->lim->max_rows)
			return sheet_fail(e, r->row, "行数超过上限（%lld行）",
			                  (long long)r->lim->max_rows);
	} while (rc == KFQ_ROW && !r->rb.any);
	if (rc != KFQ_ROW) {
		r->done = true;
		return rc;
	}
	sheet_rowbuf_finish(&r->rb, r->row, row);
	return KFQ_ROW;
}

const char *csv_read_encoding(const struct csv_read *r)
{
	return textconv_encoding_name(r->enc);
}

void csv_read_close(struct csv_read *r)
{
	if (!r)
		return;
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	strbuf_release(&r->field);
	sheet_rowbuf_release(&r->rb);
	free(r);
}

/* sheet_keep.c - the rows a first reading of a spreadsheet handed out, kept in an unnamed
 * temporary file in a compact form, so that a second reading gets them back without inflating
 * and parsing the file again (an import checks every row, then writes every row). Only the
 * file's buffer and one row's cells are held in memory; the file's size is capped.
 * Must not interpret cells.
 *
 * A row is a record: its payload's length (4 bytes, little-endian), then the payload: the row
 * number and the cell count (unsigned LEB128), then per cell a byte (the kind, and 0x10 for a
 * date style) and, unless the cell is empty, its text's length (LEB128), the text and a NUL,
 * so that the reader hands out texts straight from its buffer. */
#include "util/sheet_impl.h"

#include "util/fileio.h"
#include "util/log.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KEEP_BUF   (256 * 1024)
#define KEEP_DATE  0x10
#define KEEP_KINDS 0x0f
#define VARINT_MAX 10 /* bytes of a 64-bit LEB128 */

struct sheet_keep {
	int fd;
	uint64_t size, max;       /* bytes written to the file; its cap */
	unsigned char *buf;       /* writing: bytes not yet written; reading: bytes read ahead */
	size_t len, cap;          /* used and allocated bytes of buf */
	size_t pos;               /* reading: the next record's offset in buf */
	bool eof;                 /* reading: the file has no more bytes */
	struct sheet_cell *cells; /* reading: the row handed out */
	int cells_cap;
};

int sheet_keep_open(struct sheet_keep **out, const char *dir, uint64_t max_bytes)
{
	int fd = fileio_open_unnamed(dir);
	struct sheet_keep *k;

	*out = NULL;
	if (fd < 0)
		return KFQ_EIO;
	k = xcalloc(1, sizeof(*k));
	k->fd = fd;
	k->max = max_bytes;
	k->cap = KEEP_BUF;
	k->buf = xmalloc(k->cap);
	*out = k;
	return KFQ_OK;
}

void sheet_keep_close(struct sheet_keep *k)
{
	if (!k)
		return;
	close(k->fd);
	free(k->buf);
	free(k->cells);
	free(k);
}

static int flush(struct sheet_keep *k)
{
	if (k->len && fileio_write_all(k->fd, k->buf, k->len) != 0)
		return KFQ_EIO;
	k->len = 0;
	return KFQ_OK;
}

static unsigned char *put_varint(unsigned char *p, uint64_t v)
{
	while (v >= 0x80) {
		*p++ = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	*p++ = (unsigned char)v;
	return p;
}

int sheet_keep_put(struct sheet_keep *k, const struct sheet_row *row, struct sheet_error *e)
{
	size_t need = 4 + 2 * VARINT_MAX, payload;
	unsigned char *p, *start;
	int rc;

	for (int i = 0; i < row->ncells; i++)
		need += 1 + VARINT_MAX + strlen(row->cells[i].text) + 1;
	if (k->len + need > k->cap) {
		if ((rc = flush(k)) != KFQ_OK)
			return rc;
		/* a row larger than the buffer (rows are capped, struct sheet_limits) */
		if (need > k->cap) {
			k->cap = need;
			k->buf = xrealloc(k->buf, k->cap);
		}
	}
	start = k->buf + k->len;
	p = put_varint(start + 4, (uint64_t)row->row);
	p = put_varint(p, (uint64_t)row->ncells);
	for (int i = 0; i < row->ncells; i++) {
		const struct sheet_cell *c = &row->cells[i];
		*p++ = (unsigned char)(c->kind | (c->date_style ? KEEP_DATE : 0));
		if (c->kind == SHEET_EMPTY)
			continue;
		size_t n = strlen(c->text);
		p = put_varint(p, n);
		memcpy(p, c->text, n + 1);
		p += n + 1;
	}
	payload = (size_t)(p - start) - 4;
	start[0] = (unsigned char)payload;
	start[1] = (unsigned char)(payload >> 8);
	start[2] = (unsigned char)(payload >> 16);
	start[3] = (unsigned char)(payload >> 24);
	k->len += payload + 4;
	k->size += payload + 4;
	if (k->size > k->max)
		return sheet_fail(
		    e, row->row, "文件的内容展开后过大（超过%llu MiB），已拒绝，请分成几个文件导入",
		    (unsigned long long)(k->max >> 20));
	return KFQ_OK;
}

int sheet_keep_rewind(struct sheet_keep *k)
{
	if (flush(k) != KFQ_OK || lseek(k->fd, 0, SEEK_SET) != 0)
		return KFQ_EIO;
	k->len = k->pos = 0;
	k->eof = false;
	return KFQ_OK;
}

/* Makes `want` bytes from pos available in buf, reading on; false at the file's end. */
static int fill(struct sheet_keep *k, size_t want, bool *have)
{
	if (k->pos) {
		memmove(k->buf, k->buf + k->pos, k->len - k->pos);
		k->len -= k->pos;
		k->pos = 0;
	}
	if (want > k->cap) {
		k->cap = want;
		k->buf = xrealloc(k->buf, k->cap);
	}
	while (k->len < want && !k->eof) {
		ssize_t n = read(k->fd, k->buf + k->len, k->cap - k->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return KFQ_EIO;
		k->eof = n == 0;
		k->len += (size_t)n;
	}
	*have = k->len >= want;
	return KFQ_OK;
}

static bool get_varint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	*v = 0;
	for (int shift = 0; *p < end && shift < 64; shift += 7) {
		unsigned char b = *(*p)++;
		*v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return true;
	}
	return false;
}

/* The file is kfq's own, written just before: a record that does not decode means the disk
 * returned something else, an I/O error. */
static int broken(struct sheet_error *e)
{
	e->row = 0;
	snprintf(e->message, sizeof(e->message), "%s", "读取导入的临时文件失败");
	return KFQ_EIO;
}

int sheet_keep_next(struct sheet_keep *k, struct sheet_row *row, struct sheet_error *e)
{
	const unsigned char *p, *end;
	uint64_t rownum, ncells, n;
	size_t payload;
	bool have;

	if (k->len - k->pos < 4 && (fill(k, 4, &have) != KFQ_OK || !have))
		return k->len - k->pos == 0 && k->eof ? KFQ_DONE : broken(e);
	p = k->buf + k->pos;
	payload = (size_t)p[0] | (size_t)p[1] << 8 | (size_t)p[2] << 16 | (size_t)p[3] << 24;
	if (k->len - k->pos < 4 + payload && (fill(k, 4 + payload, &have) != KFQ_OK || !have))
		return broken(e);
	p = k->buf + k->pos + 4;
	end = p + payload;
	if (!get_varint(&p, end, &rownum) || !get_varint(&p, end, &ncells) || ncells > payload ||
	    rownum > INT64_MAX)
		return broken(e);
	if ((int)ncells > k->cells_cap) {
		k->cells_cap = (int)ncells;
		k->cells = xrealloc(k->cells, sizeof(*k->cells) * ncells);
	}
	for (uint64_t i = 0; i < ncells; i++) {
		struct sheet_cell *c = &k->cells[i];
		if (p == end || (*p & KEEP_KINDS) > SHEET_ERROR)
			return broken(e);
		c->kind = (enum sheet_cell_kind)(*p & KEEP_KINDS);
		c->date_style = (*p++ & KEEP_DATE) != 0;
		c->text = "";
		if (c->kind == SHEET_EMPTY)
			continue;
		if (!get_varint(&p, end, &n) || n >= (uint64_t)(end - p) || p[n] != 0)
			return broken(e);
		c->text = (const char *)p;
		p += n + 1;
	}
	if (p != end)
		return broken(e);
	k->pos += 4 + payload;
	row->row = (int64_t)rownum;
	row->ncells = (int)ncells;
	row->cells = k->cells;
	return KFQ_ROW;
}

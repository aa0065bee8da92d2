/* textconv.h - turns the bytes of an uploaded text file into UTF-8 with '\n' line ends:
 * strips a byte-order mark, converts UTF-16 (with a BOM) and GB18030 through iconv, and
 * refuses empty, binary and undecodable input with a Chinese message for the user.
 * Also the small UTF-8 decoding helpers the text parsers share.
 * Must not do I/O and must not depend on anything of kfq's outside util/. */
#ifndef KFQ_UTIL_TEXTCONV_H
#define KFQ_UTIL_TEXTCONV_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The encoding the input turned out to be in. */
enum textconv_encoding {
	TEXTCONV_UTF8 = 0, /* UTF-8 without a BOM (ASCII included) */
	TEXTCONV_UTF8_BOM, /* UTF-8 that started with EF BB BF */
	TEXTCONV_UTF16LE,  /* UTF-16 little-endian, announced by FF FE */
	TEXTCONV_UTF16BE,  /* UTF-16 big-endian, announced by FE FF */
	TEXTCONV_GB18030,  /* GB18030 (and so GBK and GB2312), detected, not announced */
};

/* User-facing messages of textconv_to_utf8(); policy_parse() passes them on unchanged. */
#define TEXTCONV_MSG_EMPTY    "文件为空"
#define TEXTCONV_MSG_BINARY   "不是文本文件（含有二进制内容）"
#define TEXTCONV_MSG_ENCODING "无法识别的文本编码"

struct textconv_text {
	char *text;                      /* UTF-8, only '\n' line ends, NUL-terminated; arena */
	size_t len;                      /* bytes in text, excluding the NUL */
	enum textconv_encoding encoding; /* what the input was */
	const char *error;               /* static message (one of the above) on KFQ_EINVAL */
};

/* Decodes buf[0..len) into out->text, allocated from a (the caller releases the arena).
 * CRLF and lone CR become LF, so line numbers count the same as in the input.
 * Returns KFQ_OK, or KFQ_EINVAL with out->error set when the input is empty, holds NUL or
 * other control bytes (binary), or is neither UTF-8, UTF-16 with a BOM, nor plausible GB18030.
 * Plausible GB18030 means at least half its two-byte characters lie in the GB2312 area, so
 * Latin-1 and random bytes are refused instead of turning into nonsense Chinese. */
int textconv_to_utf8(const char *buf, size_t len, struct arena *a, struct textconv_text *out);

/* Decides between UTF-8 and GB18030 for text too large to hold, fed in pieces of any size:
 * the same decision textconv_to_utf8() makes for input without a byte-order mark. */
struct textconv_sniff {
	bool control;  /* a byte that marks a binary file was seen */
	bool utf8_bad; /* not well-formed UTF-8 */
	int utf8_need; /* continuation bytes still expected */
	uint32_t cp;   /* the code point being decoded, and its smallest valid value */
	uint32_t cp_min;
	int gb_state; /* 0: between characters, 1: after a lead byte, 2+: inside a 4-byte one */
	unsigned char gb_lead;
	size_t gb_common, gb_other; /* GB2312-area two-byte characters, and every other one */
};

void textconv_sniff_init(struct textconv_sniff *s);
void textconv_sniff_feed(struct textconv_sniff *s, const void *buf, size_t n);
/* After the last piece: KFQ_OK with *enc TEXTCONV_UTF8 or TEXTCONV_GB18030, or KFQ_EINVAL with
 * *error one of TEXTCONV_MSG_BINARY, TEXTCONV_MSG_ENCODING. */
int textconv_sniff_result(const struct textconv_sniff *s, enum textconv_encoding *enc,
                          const char **error);

/* "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE" or "GB18030"; static strings. */
const char *textconv_encoding_name(enum textconv_encoding e);

/* Decodes the code point at s[0..n) into *cp and returns its length in bytes (1..4).
 * An invalid or truncated sequence yields U+FFFD and length 1, so a loop always advances;
 * n == 0 yields 0 and *cp = 0. */
size_t textconv_utf8_next(const char *s, size_t n, uint32_t *cp);

/* true if s[0..n) is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF). */
bool textconv_utf8_valid(const char *s, size_t n);

/* The characters (code points) of s[0..n), well-formed UTF-8: its bytes that start one. What a
 * length limit on text counts, as the console's counters do (a Chinese character is one). */
size_t textconv_chars(const char *s, size_t n);

#endif

/* uscc.c - GB 32100-2015 check character. Must not look codes up anywhere: validity here is
 * the code's own arithmetic, not whether the entity exists. */
#include "core/uscc.h"

#include <stdio.h>
#include <string.h>

static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int weights[USCC_LEN - 1] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                          29, 25, 13, 8,  24, 10, 30, 28};

static int value(char c)
{
	const char *at = c ? strchr(alphabet, c) : NULL;

	return at ? (int)(at - alphabet) : -1;
}

char uscc_check_char(const char *code17)
{
	int sum = 0;

	for (int i = 0; i < USCC_LEN - 1; i++) {
		int v = value(code17[i]);
		if (v < 0)
			return 0;
		sum += v * weights[i];
	}
	return alphabet[(31 - sum % 31) % 31];
}

/* characters, not bytes, so that a code typed with full-width digits is counted as typed */
static size_t count_chars(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

static int refuse(char out[USCC_LEN + 1])
{
	out[0] = 0;
	return -1;
}

int uscc_parse(const char *in, size_t len, char out[USCC_LEN + 1], struct uscc_problem *p)
{
	char want;

	p->expected = 0;
	p->message = p->message_buf;
	while (len > 0 && in[0] == ' ') {
		in++;
		len--;
	}
	while (len > 0 && in[len - 1] == ' ')
		len--;
	if (len != USCC_LEN) {
		size_t chars = count_chars(in, len);
		if (chars == USCC_LEN)
			p->message =
			    "统一社会信用代码只能由数字和大写英文字母组成（请勿使用全角字符）";
		else
			snprintf(p->message_buf, sizeof(p->message_buf),
			         "统一社会信用代码应为18位，当前为%zu位", chars);
		return refuse(out);
	}
	for (size_t i = 0; i < USCC_LEN; i++) {
		char c = in[i] >= 'a' && in[i] <= 'z' ? (char)(in[i] - 'a' + 'A') : in[i];
		if (value(c) < 0) {
			/* a byte of a multi-byte character is not worth quoting: say where it is */
			if ((unsigned char)c < 0x80 && c > ' ')
				snprintf(p->message_buf, sizeof(p->message_buf),
				         "统一社会信用代码第%zu位“%"
				         "c”不是有效字符（不使用I、O、Z、S、V）",
				         i + 1, c);
			else
				snprintf(
				    p->message_buf, sizeof(p->message_buf),
				    "统一社会信用代码第%zu位不是有效字符（只能是数字和大写字母）",
				    i + 1);
			return refuse(out);
		}
		out[i] = c;
	}
	out[USCC_LEN] = 0;
	for (size_t i = 2; i < 8; i++) {
		if (out[i] < '0' || out[i] > '9') {
			p->message = "统一社会信用代码第3至8位应为行政区划码（6位数字）";
			return refuse(out);
		}
	}
	want = uscc_check_char(out);
	if (out[USCC_LEN - 1] != want) {
		p->expected = want;
		snprintf(p->message_buf, sizeof(p->message_buf),
		         "统一社会信用代码校验位错误：第18位应为%c，当前为%c", want,
		         out[USCC_LEN - 1]);
		return refuse(out);
	}
	return 0;
}

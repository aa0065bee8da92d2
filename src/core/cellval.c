/* cellval.c - decimal text to exact integers and dates. A number is read into its digits and a
 * power of ten; scaling moves the decimal point and looks at the digits that fall off. Must not
 * use floating point anywhere. */
#include "core/cellval.h"

#include <string.h>
#include <strings.h>

#define MAX_TEXT   64 /* longer number text is refused, not truncated */
#define MAX_DIGITS 40

static const char msg_number[] = "应为数字";
static const char msg_long[] = "数字过长";
static const char msg_exp[] =
    "不能使用科学计数法（Excel 可能已截断数字），请把单元格设为数值或文本后重新填写";
static const char msg_big[] = "数值超出范围";
static const char msg_unit_amount[] =
    "请只填数字，单位为元，不要带“万元”“元”“%”等单位（如 100万元 应填 1000000）";
static const char msg_unit[] = "请只填数字，不要带“年”“个”“%”等单位";
static const char msg_code_number[] = "单元格是数字格式，Excel 会去掉前导零、只保留15位数字；"
                                      "请把本列设为文本格式后重新填写";
static const char msg_code_exp[] = "代码已被 Excel 改写成科学计数法，后几位数字已丢失；"
                                   "请把本列设为文本格式后重新填写原代码";

/* A decimal number: value = (neg ? -1 : 1) * digits * 10^exp, digits without leading zeros. */
struct dec {
	bool neg;
	char digits[MAX_DIGITS + 1];
	int n;
	int exp;
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Parses [+-] digits [. digits] [E [+-] digits] (exponent only when `number`), with thousands
 * separators in the integer part of typed text when every group after the first has three
 * digits. */
static int dec_parse(const char *s, bool number, struct dec *d, const char **why)
{
	size_t len = strlen(s);
	bool seen_digit = false, point = false;
	int group = -1; /* digits since the last separator; -1 before any separator */

	memset(d, 0, sizeof(*d));
	*why = msg_number;
	if (len == 0)
		return -1;
	if (len > MAX_TEXT) {
		*why = msg_long;
		return -1;
	}
	if (*s == '+' || *s == '-')
		d->neg = *s++ == '-';
	for (; *s; s++) {
		if (is_digit(*s)) {
			seen_digit = true;
			if (group >= 0 && !point)
				group++;
			if (d->n == 0 && *s == '0') {
				if (point)
					d->exp--;
				continue; /* leading zeros carry nothing */
			}
			if (d->n == MAX_DIGITS) {
				*why = msg_long;
				return -1;
			}
			d->digits[d->n++] = *s;
			if (point)
				d->exp--;
		} else if (*s == ',' && !number && !point && seen_digit && group != 0 &&
		           (group < 0 || group == 3)) {
			group = 0;
		} else if (*s == '.' && !point) {
			if (group >= 0 && group != 3)
				return -1;
			point = true;
		} else if ((*s == 'e' || *s == 'E') && seen_digit) {
			if (!number) {
				*why = msg_exp;
				return -1;
			}
			int sign = 1, e = 0;
			s++;
			if (*s == '+' || *s == '-')
				sign = *s++ == '-' ? -1 : 1;
			if (!is_digit(*s))
				return -1;
			for (; is_digit(*s); s++) {
				e = e * 10 + (*s - '0');
				if (e > 400)
					break;
			}
			if (*s || e > 400) {
				*why = *s ? msg_number : msg_big;
				return -1;
			}
			d->exp += sign * e;
			break;
		} else {
			return -1;
		}
	}
	if (!seen_digit || (group >= 0 && !point && group != 3))
		return -1;
	d->digits[d->n] = 0;
	if (d->n == 0)
		d->neg = false;
	return 0;
}

void cellval_halfwidth(char *text)
{
	unsigned char *r = (unsigned char *)text, *w = r;

	while (*r) {
		/* U+FF01..U+FF5E is EF BC 81..EF BC BF, EF BD 80..EF BD 9E; U+3000 is E3 80 80 */
		if (r[0] == 0xef && r[1] == 0xbc && r[2] >= 0x81 && r[2] <= 0xbf) {
			*w++ = (unsigned char)(r[2] - 0x81 + 0x21);
			r += 3;
		} else if (r[0] == 0xef && r[1] == 0xbd && r[2] >= 0x80 && r[2] <= 0x9e) {
			*w++ = (unsigned char)(r[2] - 0x80 + 0x60);
			r += 3;
		} else if (r[0] == 0xe3 && r[1] == 0x80 && r[2] == 0x80) {
			*w++ = ' ';
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = 0;
}

/* A number with a unit or currency sign: "100万元", "100 元", "5%", "¥100", "￥1,000". */
static bool with_unit(const char *s)
{
	bool sign = false, digit = false;

	if (!strncmp(s, "\xc2\xa5", 2) || !strncmp(s, "\xef\xbf\xa5", 3) || *s == '$') {
		s += *s == '$' ? 1 : (unsigned char)*s == 0xc2 ? 2 : 3;
		sign = true;
	}
	if (*s == '+' || *s == '-')
		s++;
	for (; is_digit(*s) || *s == '.' || *s == ','; s++)
		digit = digit || is_digit(*s);
	while (*s == ' ')
		s++;
	if (!digit || (!sign && !*s))
		return false;
	for (; *s; s++)
		if (is_digit(*s))
			return false;
	return true;
}

/* value * 10^scale as an integer when it lies within 10^-tol of one (tol >= 1): 0, -1 when
 * it does not, -2 when it does not fit. */
static int dec_scale(const struct dec *d, int scale, int tol, int64_t *out)
{
	int e = d->exp + scale;
	int nint = d->n + e; /* digits left of the point */
	uint64_t v = 0;
	bool up = false;

	if (d->n == 0) {
		*out = 0;
		return 0;
	}
	if (nint > 19)
		return -2;
	/* the fraction's digits: digits[nint..] after -nint leading zeros when nint < 0 */
	if (e < 0) {
		char f[MAX_DIGITS + 64];
		int nf = 0, lead = nint < 0 ? -nint : 0;
		for (int i = 0; i < lead && nf < (int)sizeof(f) - 1; i++)
			f[nf++] = '0';
		for (int i = nint > 0 ? nint : 0; i < d->n && nf < (int)sizeof(f) - 1; i++)
			f[nf++] = d->digits[i];
		/* within 10^-tol below: the first tol digits are 0...0, or 0...01 and nothing
		 * after; within 10^-tol above: the first tol digits are all 9 */
		bool down_ok = true, up_ok = true, rest_zero = true;
		for (int i = 0; i < tol; i++) {
			char c = i < nf ? f[i] : '0';
			up_ok = up_ok && c == '9';
			down_ok = down_ok && (c == '0' || (i == tol - 1 && c == '1'));
		}
		for (int i = tol; i < nf; i++)
			rest_zero = rest_zero && f[i] == '0';
		if (down_ok && tol - 1 < nf && f[tol - 1] == '1' && !rest_zero)
			down_ok = false;
		if (!down_ok && !up_ok)
			return -1;
		up = !down_ok;
	}
	for (int i = 0; i < nint; i++) {
		int digit = i < d->n ? d->digits[i] - '0' : 0;
		if (v > (UINT64_MAX - 9) / 10)
			return -2;
		v = v * 10 + (uint64_t)digit;
	}
	if (up)
		v++;
	if (v > (uint64_t)INT64_MAX)
		return -2;
	*out = d->neg ? -(int64_t)v : (int64_t)v;
	return 0;
}

/* A number of at most two decimals in hundredths; money says so in its messages. */
static int hundredths(const char *text, bool number, bool money, int64_t *out, const char **why)
{
	struct dec d;
	int rc;

	if (dec_parse(text, number, &d, why) != 0) {
		if (*why == msg_number && with_unit(text))
			*why = money ? msg_unit_amount : msg_unit;
		return -1;
	}
	/* 1e-6 yuan is 1e-4 fen */
	rc = dec_scale(&d, 2, 4, out);
	if (rc == -1)
		*why = money ? "金额须精确到分（小数点后最多两位）" : "最多两位小数";
	else if (rc == -2)
		*why = msg_big;
	return rc == 0 ? 0 : -1;
}

int cellval_amount_fen(const char *text, bool number, int64_t *fen, const char **why)
{
	return hundredths(text, number, true, fen, why);
}

int cellval_hundredths(const char *text, bool number, int64_t *out, const char **why)
{
	return hundredths(text, number, false, out, why);
}

int cellval_int(const char *text, bool number, int64_t *out, const char **why)
{
	struct dec d;
	int rc;

	if (dec_parse(text, number, &d, why) != 0) {
		if (*why == msg_number && with_unit(text))
			*why = msg_unit;
		return -1;
	}
	rc = dec_scale(&d, 0, 6, out);
	if (rc == -1)
		*why = "应为整数";
	else if (rc == -2)
		*why = msg_big;
	return rc == 0 ? 0 : -1;
}

int cellval_bp(const char *text, bool number, int64_t *bp, const char **why)
{
	char buf[MAX_TEXT + 1];
	size_t len = strlen(text);
	struct dec d;
	int rc;

	*why = msg_number;
	if (!number) {
		/* typed text says what it means: 12.5% (or the full-width ％) */
		size_t k = len >= 3 && !strcmp(text + len - 3, "\xef\xbc\x85") ? 3
		           : len >= 1 && text[len - 1] == '%'                  ? 1
		                                                               : 0;
		if (!k) {
			*why = "比例须带百分号，如 12.5%";
			return -1;
		}
		if (len - k > MAX_TEXT) {
			*why = msg_long;
			return -1;
		}
		memcpy(buf, text, len - k);
		buf[len - k] = 0;
		if (dec_parse(buf, false, &d, why) != 0)
			return -1;
		rc = dec_scale(&d, 2, 4, bp); /* percent points to basis points */
	} else {
		if (dec_parse(text, true, &d, why) != 0)
			return -1;
		rc = dec_scale(&d, 4, 2, bp); /* a fraction: 1e-6 of it is 0.01 bp */
	}
	if (rc == -1)
		*why = "比例须精确到万分之一（0.01%）";
	else if (rc == -2)
		*why = msg_big;
	return rc == 0 ? 0 : -1;
}

/* ---- dates ---- */

static bool leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in(int64_t y, int m)
{
	static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap(y) ? 29 : n[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int put_date(int64_t y, int m, int d, char out[CELLVAL_DATE_LEN], const char **why)
{
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in(y, m)) {
		*why = "日期不存在";
		return -1;
	}
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = 0;
	return 0;
}

/* Reads 1..max digits at *s into *v and advances. */
static bool digits(const char **s, int min, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (is_digit(**s) && n < max) {
		*v = *v * 10 + (**s - '0');
		(*s)++;
		n++;
	}
	return n >= min && !is_digit(**s);
}

static bool skip(const char **s, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*s, lit, n) != 0)
		return false;
	*s += n;
	return true;
}

/* " 0:00", " 00:00", " 0:00:00", " 00:00:00" or nothing. */
static bool zero_time(const char *s)
{
	if (!*s)
		return true;
	if (*s++ != ' ')
		return false;
	while (*s == ' ')
		s++;
	return !strcmp(s, "0:00") || !strcmp(s, "00:00") || !strcmp(s, "0:00:00") ||
	       !strcmp(s, "00:00:00");
}

static const char msg_date[] = "日期格式应为 2026-01-05、2026/1/5 或 2026年1月5日";

int cellval_date(const char *text, bool number, bool date1904, char out[CELLVAL_DATE_LEN],
                 const char **why)
{
	const char *s = text;
	int y, m, d;

	if (number) {
		int64_t serial, yy;
		if (cellval_int(text, true, &serial, why) != 0) {
			*why = "日期不能带时间";
			return -1;
		}
		if (serial >= 19000101 && serial <= 99991231)
			return put_date(serial / 10000, (int)(serial / 100 % 100),
			                (int)(serial % 100), out, why);
		if (serial > 2958465 || serial < (date1904 ? 0 : 1)) {
			*why = "日期序号超出范围";
			return -1;
		}
		if (!date1904 && serial == 60) {
			*why = "1900-02-29 不存在（Excel 的闰年错误）";
			return -1;
		}
		int64_t base = date1904      ? days_from_civil(1904, 1, 1)
		               : serial < 60 ? days_from_civil(1899, 12, 31)
		                             : days_from_civil(1899, 12, 30);
		civil_from_days(base + serial, &yy, &m, &d);
		return put_date(yy, m, d, out, why);
	}
	*why = msg_date;
	if (strlen(s) == 8 && strspn(s, "0123456789") == 8) {
		int v;
		if (!digits(&s, 8, 8, &v))
			return -1;
		return put_date(v / 10000, v / 100 % 100, v % 100, out, why);
	}
	if (!digits(&s, 4, 4, &y))
		return -1;
	if (skip(&s, "年")) {
		if (!digits(&s, 1, 2, &m) || !skip(&s, "月") || !digits(&s, 1, 2, &d))
			return -1;
		(void)skip(&s, "日");
	} else {
		char sep = *s;
		if (sep != '-' && sep != '/' && sep != '.')
			return -1;
		s++;
		if (!digits(&s, 1, 2, &m) || *s++ != sep || !digits(&s, 1, 2, &d))
			return -1;
	}
	if (!zero_time(s))
		return -1;
	return put_date(y, m, d, out, why);
}

static const char msg_month[] = "应为 YYYY-MM，如 2025-03（也可写 2025/3 或 2025年3月）";

/* 2026-03, 2026-3, 2026/3, 2026.3 or 2026年3月, nothing after it. */
static bool typed_month(const char *s, int *y, int *m)
{
	if (!digits(&s, 4, 4, y))
		return false;
	if (skip(&s, "年")) {
		if (!digits(&s, 1, 2, m) || !skip(&s, "月"))
			return false;
	} else {
		if (*s != '-' && *s != '/' && *s != '.')
			return false;
		s++;
		if (!digits(&s, 1, 2, m))
			return false;
	}
	return !*s;
}

int cellval_month(const char *text, bool number, bool date1904, char out[CELLVAL_MONTH_LEN],
                  const char **why)
{
	char day[CELLVAL_DATE_LEN];
	int64_t v;
	int y, m;

	if (number && cellval_int(text, true, &v, why) == 0 && v >= 190001 && v <= 999912) {
		y = (int)(v / 100);
		m = (int)(v % 100);
	} else if (number || !typed_month(text, &y, &m)) {
		/* a date: its month (a serial, or a day typed as text) */
		if (cellval_date(text, number, date1904, day, why) != 0) {
			*why = msg_month;
			return -1;
		}
		memcpy(out, day, 7);
		out[7] = 0;
		return 0;
	}
	*why = msg_month;
	if (y < 1900 || m < 1 || m > 12)
		return -1;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = 0;
	return 0;
}

int cellval_code(const char *text, bool number, const char **why)
{
	const char *s = text;

	if (number) {
		*why = msg_code_number;
		return -1;
	}
	/* digits [. digits] E [+-] digits */
	s += strspn(s, "0123456789");
	if (s == text)
		return 0;
	if (*s == '.')
		s += 1 + strspn(s + 1, "0123456789");
	if (*s != 'E' && *s != 'e')
		return 0;
	s++;
	if (*s == '+' || *s == '-')
		s++;
	if (!is_digit(*s) || s[strspn(s, "0123456789")])
		return 0;
	*why = msg_code_exp;
	return -1;
}

int cellval_bool(const char *text, bool *out, const char **why)
{
	static const char *const yes[] = {"是", "y", "yes", "true", "1"};
	static const char *const no[] = {"否", "n", "no", "false", "0"};

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (!strcasecmp(text, yes[i])) {
			*out = true;
			return 0;
		}
		if (!strcasecmp(text, no[i])) {
			*out = false;
			return 0;
		}
	}
	*why = "应为“是”或“否”";
	return -1;
}

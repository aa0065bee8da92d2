/* libFuzzer target: the spreadsheet cell readers (core/cellval.c: amounts, whole numbers, basis
 * points, dates, yes/no, codes, full-width forms). The first byte chooses a number cell and the
 * 1904 date system; the rest is the cell's text. A value accepted must read back the same from
 * the text kfq would write for it, a refusal must say why, and making a text half-width never
 * lengthens it and leaves nothing more to change. */
#include "fuzz.h"
#include "core/cellval.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_MAX 96

static void refused(const char *why)
{
	if (!why || !*why)
		__builtin_trap();
}

/* v as "[-]whole.frac" with `places` decimals (fen of a yuan, basis points of a percent) */
static void decimal(int64_t v, int places, const char *suffix, char out[48])
{
	uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	uint64_t unit = places == 2 ? 100 : 1;

	snprintf(out, 48, "%s%" PRIu64 ".%02" PRIu64 "%s", v < 0 ? "-" : "", m / unit, m % unit,
	         suffix);
}

static void amount(const char *text, bool number)
{
	const char *why = NULL;
	int64_t fen, again;
	char back[48];

	if (cellval_amount_fen(text, number, &fen, &why) != 0)
		return refused(why);
	decimal(fen, 2, "", back);
	if (cellval_amount_fen(back, false, &again, &why) != 0 || again != fen)
		__builtin_trap();
}

static void whole(const char *text, bool number)
{
	const char *why = NULL;
	int64_t v, again;
	char back[48];

	if (cellval_int(text, number, &v, &why) != 0)
		return refused(why);
	snprintf(back, sizeof back, "%" PRId64, v);
	if (cellval_int(back, false, &again, &why) != 0 || again != v)
		__builtin_trap();
}

static void ratio(const char *text, bool number)
{
	const char *why = NULL;
	int64_t bp, again;
	char back[48];

	if (cellval_bp(text, number, &bp, &why) != 0)
		return refused(why);
	decimal(bp, 2, "%", back);
	if (cellval_bp(back, false, &again, &why) != 0 || again != bp)
		__builtin_trap();
}

static void date(const char *text, bool number, bool date1904)
{
	const char *why = NULL;
	char out[CELLVAL_DATE_LEN], again[CELLVAL_DATE_LEN];

	if (cellval_date(text, number, date1904, out, &why) != 0)
		return refused(why);
	if (strlen(out) != 10 || out[4] != '-' || out[7] != '-' ||
	    cellval_date(out, false, false, again, &why) != 0 || strcmp(out, again) != 0)
		__builtin_trap();
}

static void halfwidth(const char *text)
{
	char once[TEXT_MAX + 1], twice[TEXT_MAX + 1];

	memcpy(once, text, strlen(text) + 1);
	cellval_halfwidth(once);
	if (strlen(once) > strlen(text))
		__builtin_trap();
	memcpy(twice, once, strlen(once) + 1);
	cellval_halfwidth(twice);
	if (strcmp(once, twice) != 0)
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[TEXT_MAX + 1];
	const char *why = NULL;
	bool number, date1904, yes;
	size_t n;

	if (size < 1)
		return 0;
	number = data[0] & 1;
	date1904 = data[0] & 2;
	n = size - 1 < TEXT_MAX ? size - 1 : TEXT_MAX;
	memcpy(text, data + 1, n);
	text[n] = '\0';

	amount(text, number);
	whole(text, number);
	ratio(text, number);
	date(text, number, date1904);
	if (cellval_bool(text, &yes, &why) != 0)
		refused(why);
	why = NULL;
	if (cellval_code(text, number, &why) != 0)
		refused(why);
	halfwidth(text);
	return 0;
}

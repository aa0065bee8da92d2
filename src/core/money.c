/* money.c - half-up rounding, largest-remainder splits, yuan text. Must not use floating point:
 * every step is integer arithmetic, widened to 128 bits where a product could pass int64. */
#include "core/money.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

typedef __int128 wide;

static bool fits(wide v)
{
	return v >= INT64_MIN && v <= INT64_MAX;
}

int money_mul_div_half_up(int64_t a, int64_t b, int64_t den, int64_t *out)
{
	wide q, mag, whole;

	if (den <= 0)
		return -1;
	q = (wide)a * b;
	mag = q < 0 ? -q : q;
	whole = mag / den;
	if ((mag % den) * 2 >= den)
		whole++;
	if (q < 0)
		whole = -whole;
	if (!fits(whole))
		return -1;
	*out = (int64_t)whole;
	return 0;
}

int money_add(int64_t a, int64_t b, int64_t *out)
{
	int64_t r;

	if (__builtin_add_overflow(a, b, &r))
		return -1;
	*out = r;
	return 0;
}

int money_split(int64_t total, const int64_t *weights, size_t n, int64_t *parts)
{
	wide rem[MONEY_SPLIT_MAX];
	bool given[MONEY_SPLIT_MAX] = {false};
	int64_t sum = 0, mag, used = 0;

	if (n < 1 || n > MONEY_SPLIT_MAX || total == INT64_MIN)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (weights[i] < 0 || money_add(sum, weights[i], &sum) != 0)
			return -1;
	if (sum <= 0)
		return -1;
	mag = total < 0 ? -total : total;
	for (size_t i = 0; i < n; i++) {
		wide p = (wide)mag * weights[i];
		parts[i] = (int64_t)(p / sum); /* ≤ mag: fits */
		rem[i] = p % sum;
		used += parts[i];
	}
	/* what is left is below n: one unit each to the largest remainders, lower index first */
	for (int64_t left = mag - used; left > 0; left--) {
		size_t best = n;
		for (size_t i = 0; i < n; i++)
			if (!given[i] && (best == n || rem[i] > rem[best]))
				best = i;
		given[best] = true;
		parts[best]++;
	}
	if (total < 0)
		for (size_t i = 0; i < n; i++)
			parts[i] = -parts[i];
	return 0;
}

/* sign, whole units and a fraction of `digits` digits of |v| / scale */
static void format_scaled(int64_t v, int64_t scale, int digits, int min_digits,
                          char out[MONEY_TEXT_LEN])
{
	uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	char frac[24];
	int keep = digits;

	snprintf(frac, sizeof(frac), "%0*llu", digits, (unsigned long long)(mag % (uint64_t)scale));
	while (keep > min_digits && frac[keep - 1] == '0')
		keep--;
	frac[keep] = 0;
	snprintf(out, MONEY_TEXT_LEN, "%s%llu%s%s", v < 0 ? "-" : "",
	         (unsigned long long)(mag / (uint64_t)scale), keep ? "." : "", frac);
}

void money_format_fen(int64_t fen, char out[MONEY_TEXT_LEN])
{
	format_scaled(fen, 100, 2, 2, out);
}

void money_format_e4(int64_t e4, char out[MONEY_TEXT_LEN])
{
	format_scaled(e4, 100 * MONEY_E4, 6, 2, out);
}

void money_format_bp(int64_t bp, char out[MONEY_TEXT_LEN])
{
	format_scaled(bp, 100, 2, 2, out);
	strcat(out, "%");
}

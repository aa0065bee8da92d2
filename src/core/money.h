/* money.h - the arithmetic every money rule shares: amounts in fen (int64), ratios in basis
 * points, rounding half-up once, splitting a total into lines that add up exactly (largest
 * remainder), and the yuan text people read. Pure; no allocation; overflow is reported, never
 * wrapped.
 *
 * Exact amounts: a fen amount times a ratio in basis points is exact in 1/10000 fen
 * (= 1/1,000,000 yuan); rules that must not round before a stated place (revenue sharing's
 * local retained tax) keep such "e4" amounts and round once at the end. */
#ifndef KFQ_CORE_MONEY_H
#define KFQ_CORE_MONEY_H

#include <stddef.h>
#include <stdint.h>

#define MONEY_BP 10000 /* basis points in 100 % */
#define MONEY_E4 10000 /* e4 units in one fen */
#define MONEY_TEXT_LEN                                                                             \
	48 /* "-92233720368547758.08" and every e4 text, with room a compiler can prove */
#define MONEY_SPLIT_MAX  64                 /* parts one split may have */
#define MONEY_AMOUNT_MAX 1000000000000000LL /* |fen| of one input amount: 10 trillion yuan */

/* a × b / den rounded half-up (halves away from zero, as finance rounds a negative amount the
 * same way as its positive); den > 0. 0, or -1 when the result does not fit int64. */
int money_mul_div_half_up(int64_t a, int64_t b, int64_t den, int64_t *out);

/* Splits total into n parts in proportion to weights (each ≥ 0, their sum > 0): every part is
 * the floor of its exact share, and what is left goes one unit at a time to the parts with the
 * largest remainders, ties to the lower index. A negative total is split as its magnitude and
 * negated, so a split and its negation mirror each other. The parts add up to total exactly.
 * 0, or -1 for bad weights, n outside 1..MONEY_SPLIT_MAX, or overflow. */
int money_split(int64_t total, const int64_t *weights, size_t n, int64_t *parts);

/* a + b, 0 or -1 on overflow (*out untouched). */
int money_add(int64_t a, int64_t b, int64_t *out);

/* Yuan text of a fen amount: 123456 -> "1234.56", -5 -> "-0.05". */
void money_format_fen(int64_t fen, char out[MONEY_TEXT_LEN]);
/* Yuan text of an e4 amount, exact: two decimals, more only where the amount has them:
 * 12345600 -> "12.3456", 12300000 -> "12.30", 1 -> "0.000001". */
void money_format_e4(int64_t e4, char out[MONEY_TEXT_LEN]);
/* Percent text of basis points: 3500 -> "35.00%", 1 -> "0.01%". */
void money_format_bp(int64_t bp, char out[MONEY_TEXT_LEN]);

#endif

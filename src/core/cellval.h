/* cellval.h - exact values from a spreadsheet cell's text: money in fen, integers, ratios in
 * basis points, dates. Nothing goes through a double: the decimal text is scaled digit by digit.
 * Excel keeps numbers as binary doubles and writes 12345.67 as "12345.670000000001"; such a
 * value is taken to the nearest whole unit only when it lies within 1e-6 of the input's own
 * unit (1e-6 yuan of a fen, 1e-6 of a percent point of a basis point, 1e-6 of a whole number),
 * and refused otherwise, so 12345.675 is never silently rounded.
 *
 * `number` says the text came from a number cell of an .xlsx (Excel's own decimal text, where
 * 1.5E-3 is normal) rather than typed text (a CSV field, a text cell), where a thousands
 * separator is allowed and an exponent is refused: Excel writes long numbers into CSV as
 * 1.23457E+11, which has already lost digits.
 * Each function returns 0, or -1 with *why a static Chinese reason. Pure; no allocation. */
#ifndef KFQ_CORE_CELLVAL_H
#define KFQ_CORE_CELLVAL_H

#include <stdbool.h>
#include <stdint.h>

#define CELLVAL_DATE_LEN 11 /* "YYYY-MM-DD" and its NUL */

/* Full-width forms (U+FF01..U+FF5E: ０..９ ． ， － ＋ ％ ／ Ａ..Ｚ ...) to their ASCII twins and
 * the ideographic space U+3000 to a space, in place (the text only gets shorter). A Chinese input
 * method types them; "１２．５" means 12.5. Only for cells that hold numbers, dates and codes:
 * a name's full-width （） are its own (DECISIONS 280). */
void cellval_halfwidth(char *text);

/* Yuan to fen: "12345.67" -> 1234567; "12345.670000000001" -> 1234567; "12345.675" refused. */
int cellval_amount_fen(const char *text, bool number, int64_t *fen, const char **why);
/* The same for a number that is not money (days, an indicator's value): "6.5" -> 650, its
 * refusals without 元 or 分 ("最多两位小数"). */
int cellval_hundredths(const char *text, bool number, int64_t *out, const char **why);

/* The numbers refuse a unit written in the cell ("100万元", "100元", "¥100", "5%") with a reason
 * that asks for the plain number in the column's unit, rather than "应为数字". */

/* A whole number: "42", "1,234", number cell "3.0000000000000004" -> 3; "2.5" refused. */
int cellval_int(const char *text, bool number, int64_t *out, const char **why);

/* A ratio in basis points (10000 = 100 %). Text must carry a percent sign: "12.34%" -> 1234;
 * a number cell holds the fraction as Excel stores a percentage: 0.1234 -> 1234. */
int cellval_bp(const char *text, bool number, int64_t *bp, const char **why);

/* A calendar date as "YYYY-MM-DD". Text: 2026-01-05, 2026-1-5, 2026/1/5, 2026.1.5, 2026年1月5日,
 * 20260105, optionally followed by a zero time (" 0:00", " 00:00:00") as Excel writes a date
 * with a time format into CSV. A number cell: an Excel serial day counted from 1899-12-30
 * (serials below 61 follow Excel's 1900 leap-year bug; 60, its 1900-02-29, is refused) or, when
 * date1904, from 1904-01-01; an eight-digit number reads as YYYYMMDD. */
int cellval_date(const char *text, bool number, bool date1904, char out[CELLVAL_DATE_LEN],
                 const char **why);

/* A code (统一社会信用代码, 身份证号码) as the text it was typed as: refused when it came from a
 * number cell (Excel drops leading zeros and keeps 15 digits of a long number) or is written in
 * scientific notation ("9.1E+17", "1.23457E+17": what Excel shows of 18 digits, and what it saves
 * into a CSV), with a reason that asks for the column to be set to text. */
/* A month as "YYYY-MM". Text: 2026-03, 2026-3, 2026/3, 2026.3, 2026年3月, or a date as
 * cellval_date reads it (its month); a number cell: a date (Excel turns a typed 2026-03 into the
 * serial of 2026-03-01 unless the cell is text) or six digits YYYYMM. */
#define CELLVAL_MONTH_LEN 8
int cellval_month(const char *text, bool number, bool date1904, char out[CELLVAL_MONTH_LEN],
                  const char **why);

int cellval_code(const char *text, bool number, const char **why);

/* Yes or no: 是 否 Y N TRUE FALSE 1 0 (any case). */
int cellval_bool(const char *text, bool *out, const char **why);

#endif

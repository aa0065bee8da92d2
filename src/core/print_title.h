/* print_title.h - breaks a document's title into lines the way GB/T 9704-2012 (7.3.3) asks:
 * "回行时，要做到词意完整，排列对称，长短适宜，间距恰当，标题排列应当使用梯形或菱形". Each line
 * holds at most per_line characters (a full-width character counts one, a half-width one half);
 * lines are as few as the width allows; no line holds a single character; words stay whole
 * (a small lexicon of the words of reform and supervision titles, digits with their unit
 * 2026年, book-title marks and brackets); no line starts with a closing mark or ends with an
 * opening one; the line lengths rise, fall, or rise then fall (梯形 or 菱形), never dip in the
 * middle; among the breaks left, the one after 关于, before 的, at a pause mark or a
 * conjunction is preferred, and balanced lines over lopsided ones. Pure. */
#ifndef KFQ_CORE_PRINT_TITLE_H
#define KFQ_CORE_PRINT_TITLE_H

#include "util/arena.h"

#include <stddef.h>

#define PRINT_TITLE_MAX_LINES 8

/* One line: bytes off..off+len of the title, spaces at either end left out. */
struct print_title_line {
	size_t off, len;
	int width; /* in half-width units: a full-width character is 2 */
};

/* Breaks title (UTF-8) into *lines (arena a) and returns how many (at least 1; one empty line
 * for an empty title). per_line is at least 2. A title no arrangement fits (a word longer than
 * a line, more than PRINT_TITLE_MAX_LINES lines) is broken at the width, still never leaving
 * one character alone. */
int print_title_break(const char *title, int per_line, struct arena *a,
                      struct print_title_line **lines);

/* The lexicon's words, sorted by bytes (for its test). */
int print_title_lexicon(const char *const **out);

/* The width of s in half-width units (a full-width character is 2). */
int print_title_width(const char *s);

#endif

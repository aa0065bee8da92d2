/* blank.h - what counts as blank in user text: Unicode white space and the code points that
 * show nothing (format characters and the other default-ignorable ones: zero-width spaces and
 * joiners, direction marks, the byte-order mark, variation selectors, Hangul fillers, tags).
 * A subject of U+3000 spaces or a body of one U+200B is empty by this rule. The one place this
 * is decided: the API's body validator trims every text field with it. Pure; no allocation. */
#ifndef KFQ_UTIL_BLANK_H
#define KFQ_UTIL_BLANK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* true for a code point of White_Space, of General_Category Cf, or Default_Ignorable_Code_Point
 * (Unicode 15.1). */
bool blank_cp(uint32_t cp);

/* The part of s[0..n) (UTF-8) between its leading and trailing blank code points: *start is
 * its offset and *len its length in bytes; *len is 0 when s is blank throughout. Blank code
 * points inside the text stay. Invalid UTF-8 bytes are not blank. */
void blank_trim(const char *s, size_t n, size_t *start, size_t *len);

/* true when s (NUL-terminated UTF-8) is NULL, empty or blank throughout. */
bool blank_all(const char *s);

#endif

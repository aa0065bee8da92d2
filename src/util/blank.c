/* blank.c - blank code points of user text and trimming them (see blank.h). The table is
 * written from the Unicode Character Database 15.1: PropList.txt (White_Space),
 * DerivedGeneralCategory.txt (Cf) and DerivedCoreProperties.txt (Default_Ignorable_Code_Point).
 * Must not allocate or depend on anything of kfq's but util/textconv's decoder. */
#include "util/blank.h"

#include "util/textconv.h"

#include <string.h>

/* Closed ranges, ascending and disjoint, so that a binary search finds a code point. */
static const struct {
	uint32_t lo, hi;
} ranges[] = {
    {0x0009, 0x000d},   /* TAB, LF, VT, FF, CR (White_Space) */
    {0x0020, 0x0020},   /* SPACE */
    {0x0085, 0x0085},   /* NEXT LINE */
    {0x00a0, 0x00a0},   /* NO-BREAK SPACE */
    {0x00ad, 0x00ad},   /* SOFT HYPHEN (Cf) */
    {0x034f, 0x034f},   /* COMBINING GRAPHEME JOINER (ignorable) */
    {0x0600, 0x0605},   /* Arabic number signs (Cf) */
    {0x061c, 0x061c},   /* ARABIC LETTER MARK */
    {0x06dd, 0x06dd},   /* ARABIC END OF AYAH (Cf) */
    {0x070f, 0x070f},   /* SYRIAC ABBREVIATION MARK (Cf) */
    {0x0890, 0x0891},   /* Arabic pound and piastre marks above (Cf) */
    {0x08e2, 0x08e2},   /* ARABIC DISPUTED END OF AYAH (Cf) */
    {0x115f, 0x1160},   /* HANGUL CHOSEONG / JUNGSEONG FILLER (ignorable) */
    {0x1680, 0x1680},   /* OGHAM SPACE MARK */
    {0x17b4, 0x17b5},   /* KHMER VOWEL INHERENT AQ / AA (ignorable) */
    {0x180b, 0x180f},   /* MONGOLIAN FREE VARIATION SELECTORS, VOWEL SEPARATOR */
    {0x2000, 0x200f},   /* EN QUAD … HAIR SPACE, ZERO WIDTH SPACE, ZWNJ, ZWJ, LRM, RLM */
    {0x2028, 0x202f},   /* LINE and PARAGRAPH SEPARATOR, embeddings, NARROW NO-BREAK SPACE */
    {0x205f, 0x206f},   /* MEDIUM MATHEMATICAL SPACE, WORD JOINER, invisible operators, isolates */
    {0x3000, 0x3000},   /* IDEOGRAPHIC SPACE */
    {0x3164, 0x3164},   /* HANGUL FILLER (ignorable) */
    {0xfe00, 0xfe0f},   /* VARIATION SELECTORS (ignorable) */
    {0xfeff, 0xfeff},   /* ZERO WIDTH NO-BREAK SPACE (byte-order mark) */
    {0xffa0, 0xffa0},   /* HALFWIDTH HANGUL FILLER (ignorable) */
    {0xfff0, 0xfffb},   /* unassigned ignorables, interlinear annotation marks (Cf) */
    {0x110bd, 0x110bd}, /* KAITHI NUMBER SIGN (Cf) */
    {0x110cd, 0x110cd}, /* KAITHI NUMBER SIGN ABOVE (Cf) */
    {0x13430, 0x1343f}, /* Egyptian hieroglyph format controls (Cf) */
    {0x1bca0, 0x1bca3}, /* shorthand format controls (Cf) */
    {0x1d173, 0x1d17a}, /* musical symbol format controls (Cf) */
    {0xe0000, 0xe0fff}, /* tags and variation selectors supplement (Cf, ignorable) */
};

bool blank_cp(uint32_t cp)
{
	size_t lo = 0, hi = sizeof(ranges) / sizeof(ranges[0]);

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < ranges[mid].lo)
			hi = mid;
		else if (cp > ranges[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

void blank_trim(const char *s, size_t n, size_t *start, size_t *len)
{
	size_t i = 0, first = n, end = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = textconv_utf8_next(s + i, n - i, &cp);
		/* a bad byte decodes as U+FFFD, which is not blank */
		if (!blank_cp(cp)) {
			if (first == n)
				first = i;
			end = i + k;
		}
		i += k;
	}
	*start = first == n ? 0 : first;
	*len = first == n ? 0 : end - first;
}

bool blank_all(const char *s)
{
	size_t start, len;

	if (!s)
		return true;
	blank_trim(s, strlen(s), &start, &len);
	return len == 0;
}

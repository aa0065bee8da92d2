/* personal.h - personal identifiers of people (PRC citizen ID numbers, phone numbers, e-mail
 * addresses): how they are masked, and how a JSON writer emits a field as personal so that it
 * comes out masked unless the writer was told the reader may see it (jsonw.reveal_personal,
 * set by api/ for a caller whose organization holds the read_personal capability). The audit
 * record's writers never set it: personal fields are masked there always. Pure. */
#ifndef KFQ_CORE_PERSONAL_H
#define KFQ_CORE_PERSONAL_H

#include "util/arena.h"
#include "util/jsonw.h"
#include "util/strbuf.h"

#include <stdbool.h>

enum personal_kind {
	PERSONAL_ID_NUMBER, /* 居民身份证号码: the first 3 and last 4 characters stay */
	PERSONAL_PHONE,     /* the last 4 digits stay, and the first 3 of 11 or more digits */
	PERSONAL_EMAIL,     /* the first character of the local part and the domain stay */
};

/* Appends value, masked, to sb. Masking keeps the text valid UTF-8: one '*' per hidden
 * character (for e-mail the local part becomes its first character and "***", so its length
 * is not told). A value too short to keep anything is all '*'. */
void personal_mask(struct strbuf *sb, enum personal_kind kind, const char *value);
/* The masked value as an arena string; NULL for NULL. */
const char *personal_masked(struct arena *a, enum personal_kind kind, const char *value);
/* What a reader sees: value itself when reveal, else personal_masked. For exports. */
const char *personal_view(struct arena *a, enum personal_kind kind, const char *value, bool reveal);

/* Writes a personal field: as it is when w->reveal_personal, else masked; NULL writes null. */
void personal_str(struct jsonw *w, enum personal_kind kind, const char *value);
void personal_kstr(struct jsonw *w, const char *key, enum personal_kind kind, const char *value);

/* An 18-character citizen ID number (GB 11643-1999): 17 digits and the ISO 7064 MOD 11-2
 * check character (0-9 or X, upper case), with a plausible birth date (19xx or 20xx). */
bool personal_id_number_valid(const char *s);

#endif

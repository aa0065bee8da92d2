/* uscc.h - the 统一社会信用代码 (unified social credit code) of GB 32100-2015: 18 characters
 * over the 31-character alphabet 0-9 and A-Z without I, O, Z, S, V. Position 1 is the
 * registering authority, 2 the kind of entity, 3-8 the administrative division (digits), 9-17
 * the entity's own identifier, 18 the check character: with each character's value v_i (its
 * index in the alphabet) and the standard's weights w_i = 3^(i-1) mod 31,
 * check = 31 - (Σ v_i × w_i mod 31), where 31 means 0. Pure. */
#ifndef KFQ_CORE_USCC_H
#define KFQ_CORE_USCC_H

#include <stddef.h>

#define USCC_LEN 18

/* What was wrong, in Chinese, with the expected check character when that was it. */
struct uscc_problem {
	const char *message;
	char message_buf[96];
	char expected; /* the check character the first 17 call for; 0 if the code failed earlier */
};

/* Reads a code as people type it (len bytes, not NUL-terminated; surrounding ASCII spaces
 * dropped, lower-case letters raised) into out[USCC_LEN + 1]. 0 if it is a valid code, else -1
 * with *p filled and out empty: wrong length (counted in characters), a character outside the
 * alphabet (named with its position), a division that is not six digits, or a wrong check
 * character ("第18位应为X"). */
int uscc_parse(const char *in, size_t len, char out[USCC_LEN + 1], struct uscc_problem *p);

/* The check character for the first 17 characters of code; 0 if one of them is not in the
 * alphabet. */
char uscc_check_char(const char *code17);

#endif

/* pow.h - the proof of work a public comment carries (docs/DECISIONS.md, "proof of work for
 * public comments"): the server hands out a challenge it signed, the browser finds a counter
 * whose SHA-256 with the challenge starts with `bits` zero bits, and the server checks the
 * signature, the expiry, the scope and the work. That a challenge is used only once is the
 * store's (pow_used). Pure: the caller passes the key, the random nonce and the time.
 *
 *   challenge = "kfq-pow1:" SCOPE ":" EXPIRES ":" BITS ":" NONCE   (NONCE: 32 hex digits)
 *   mac       = hex HMAC-SHA-256(key, challenge)
 *   solved    = SHA-256(challenge ":" COUNTER) begins with BITS zero bits (COUNTER: decimal)
 */
#ifndef KFQ_CORE_POW_H
#define KFQ_CORE_POW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define POW_KEY_BYTES     32
#define POW_NONCE_BYTES   16
#define POW_CHALLENGE_MAX 128 /* bytes of a challenge with its NUL */
#define POW_MAC_HEX       65  /* 64 hex digits and a NUL */
#define POW_COUNTER_MAX   16  /* digits of a counter */
#define POW_MAX_BITS      32
#define POW_DEFAULT_BITS  16        /* about 65,000 hashes: a second or two in a phone's browser */
#define POW_TTL_SECONDS   (30 * 60) /* how long a challenge may be solved and used */

enum pow_verdict {
	POW_OK,
	POW_MALFORMED, /* not a challenge of this form, or a counter that is not digits */
	POW_FORGED,    /* the mac is not the server's */
	POW_EXPIRED,   /* now is past its expiry */
	POW_ELSEWHERE, /* issued for another scope (another consultation) */
	POW_TOO_EASY,  /* fewer bits than the server asks now */
	POW_UNSOLVED,  /* the counter does not give the zero bits */
};

/* Writes a challenge for scope, valid until expires, with its mac. */
void pow_challenge_make(const unsigned char key[POW_KEY_BYTES], int64_t scope, int64_t expires,
                        int bits, const unsigned char nonce[POW_NONCE_BYTES],
                        char challenge[POW_CHALLENGE_MAX], char mac[POW_MAC_HEX]);
/* Checks a solution; *expires (may be NULL) gets the challenge's expiry when it is well
 * formed, so that the caller can keep it as used until then. */
enum pow_verdict pow_check(const unsigned char key[POW_KEY_BYTES], const char *challenge,
                           const char *mac, const char *counter, int64_t scope, int64_t now,
                           int min_bits, int64_t *expires);
/* Whether SHA-256(challenge ":" counter) starts with bits zero bits. */
bool pow_solved(const char *challenge, const char *counter, int bits);
/* The smallest counter that solves the challenge (for tests, the demo and benchmarks), into
 * out[POW_COUNTER_MAX + 1]. */
void pow_solve(const char *challenge, int bits, char out[POW_COUNTER_MAX + 1]);
/* The hex SHA-256 of a challenge: what the used-challenge table keeps. */
void pow_challenge_id(const char *challenge, char out[POW_MAC_HEX]);

#endif

/* password.h - password hashing for whoever sets or checks a password: the API's sign-in,
 * password change and account administration, and `kfq user`. argon2id at libsodium's
 * INTERACTIVE limits (64 MiB, t=2), at most two hashes at once. What a password must look like
 * is core/account.c's rule; this file only hashes, verifies and makes random ones that pass
 * it. Call sodium_init() once before any of these. */
#ifndef KFQ_APP_PASSWORD_H
#define KFQ_APP_PASSWORD_H

#include <stdbool.h>

#define PASSWORD_HASH_MAX   128 /* crypto_pwhash_STRBYTES, with its NUL */
#define PASSWORD_RANDOM_MAX 17  /* 16 characters and the NUL */

/* Hashes pw into out (an argon2id string). KFQ_OK, or KFQ_ERR when libsodium fails. */
int password_hash(const char *pw, char out[PASSWORD_HASH_MAX]);
bool password_verify(const char *hash, const char *pw);
/* true when hash was made with other parameters than today's: rehash at the next sign-in. */
bool password_needs_rehash(const char *hash);
/* A random password that passes the rules (for resets and generated accounts). */
void password_random(char out[PASSWORD_RANDOM_MAX]);
/* Hashes a password password_random made, at argon2id's minimum cost: about 95 random bits
 * gain nothing from a slow hash, and a thousand imported accounts take seconds. Such a
 * password must be changed at the first login, which rehashes at the full cost. */
int password_hash_generated(const char *pw, char out[PASSWORD_HASH_MAX]);

#endif

/* password.c - argon2id hashing (libsodium, INTERACTIVE limits: 64 MiB, t=2, above OWASP's
 * 19 MiB t=2) with at most two hashes running at once, so a burst of logins cannot exhaust
 * memory. Must not decide policy or lockout: core/account.c does. */
#include "app/password.h"

#include "core/account.h"
#include "util/log.h"

#include <pthread.h>
#include <semaphore.h>
#include <sodium.h>
#include <stdint.h>
#include <string.h>

_Static_assert(PASSWORD_HASH_MAX == crypto_pwhash_STRBYTES, "PASSWORD_HASH_MAX");

#define MAX_CONCURRENT_HASHES 2

static sem_t slots;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init_slots(void)
{
	if (sem_init(&slots, 0, MAX_CONCURRENT_HASHES) != 0)
		fatal("sem_init failed");
}

static void take(void)
{
	pthread_once(&once, init_slots);
	while (sem_wait(&slots) != 0)
		;
}

static void give(void)
{
	sem_post(&slots);
}

int password_hash(const char *pw, char out[PASSWORD_HASH_MAX])
{
	int rc;

	take();
	rc = crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                       crypto_pwhash_MEMLIMIT_INTERACTIVE);
	give();
	return rc == 0 ? KFQ_OK : KFQ_ERR;
}

bool password_verify(const char *hash, const char *pw)
{
	int rc;

	take();
	rc = crypto_pwhash_str_verify(hash, pw, strlen(pw));
	give();
	return rc == 0;
}

bool password_needs_rehash(const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

void password_random(char out[PASSWORD_RANDOM_MAX])
{
	uint32_t rnd[ACCOUNT_PASSWORD_RANDOM];

	randombytes_buf(rnd, sizeof(rnd));
	account_password_make(rnd, out);
	sodium_memzero(rnd, sizeof(rnd));
}

int password_hash_generated(const char *pw, char out[PASSWORD_HASH_MAX])
{
	/* no semaphore: the minimum cost is 8 KiB and one pass */
	return crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_MIN,
	                         crypto_pwhash_MEMLIMIT_MIN) == 0
	           ? KFQ_OK
	           : KFQ_ERR;
}

/* password.c - argon2id hashing (libsodium, INTERACTIVE limits: 64 MiB, t=2, above OWASP's
 * 19 MiB t=2) with at most two hashes running at once, so a burst of logins cannot exhaust
 * memory. Must not decide policy or lockout: core/account.c does. */
#include "app/password.h"

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
	/* no look-alikes (0/O, 1/l/I); one of each class guarantees the policy */
	static const char upper[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
	static const char lower[] = "abcdefghijkmnpqrstuvwxyz";
	static const char digit[] = "23456789";
	static const char sym[] = "@#%+=?";
	static const char *const sets[] = {upper, lower, digit, sym};

	for (int i = 0; i < PASSWORD_RANDOM_MAX - 1; i++) {
		const char *set = sets[i < 4 ? (uint32_t)i : randombytes_uniform(3)];
		out[i] = set[randombytes_uniform((uint32_t)strlen(set))];
	}
	/* shuffle so the classes are not always in front */
	for (int i = PASSWORD_RANDOM_MAX - 2; i > 0; i--) {
		uint32_t j = randombytes_uniform((uint32_t)i + 1);
		char t = out[i];
		out[i] = out[j];
		out[j] = t;
	}
	out[PASSWORD_RANDOM_MAX - 1] = 0;
}

/* pow.c - the proof of work of public comments (pow.h): challenge, signature and check.
 * Pure (libsodium for the hashes); must not decide what a refusal answers or store anything. */
#include "core/pow.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define PREFIX "kfq-pow1:"

static void mac_of(const unsigned char key[POW_KEY_BYTES], const char *challenge,
                   char out[POW_MAC_HEX])
{
	unsigned char m[crypto_auth_hmacsha256_BYTES];

	crypto_auth_hmacsha256(m, (const unsigned char *)challenge, strlen(challenge), key);
	sodium_bin2hex(out, POW_MAC_HEX, m, sizeof(m));
}

void pow_challenge_make(const unsigned char key[POW_KEY_BYTES], int64_t scope, int64_t expires,
                        int bits, const unsigned char nonce[POW_NONCE_BYTES],
                        char challenge[POW_CHALLENGE_MAX], char mac[POW_MAC_HEX])
{
	char hex[2 * POW_NONCE_BYTES + 1];

	sodium_bin2hex(hex, sizeof(hex), nonce, POW_NONCE_BYTES);
	snprintf(challenge, POW_CHALLENGE_MAX, PREFIX "%lld:%lld:%d:%s", (long long)scope,
	         (long long)expires, bits, hex);
	mac_of(key, challenge, mac);
}

/* A decimal number of 1..18 digits at *p up to the next ':' (or the end when last). */
static bool number(const char **p, bool last, int64_t *v)
{
	const char *s = *p;
	int64_t x = 0;
	int n = 0;

	while (*s >= '0' && *s <= '9' && n < 18) {
		x = x * 10 + (*s++ - '0');
		n++;
	}
	if (!n || (last ? *s != ':' && *s != '\0' : *s != ':'))
		return false;
	*v = x;
	*p = *s == ':' ? s + 1 : s;
	return true;
}

static bool parse(const char *c, int64_t *scope, int64_t *expires, int64_t *bits)
{
	const char *p = c;
	size_t hex = 0;

	if (strlen(c) >= POW_CHALLENGE_MAX || strncmp(c, PREFIX, strlen(PREFIX)) != 0)
		return false;
	p += strlen(PREFIX);
	if (!number(&p, false, scope) || !number(&p, false, expires) || !number(&p, false, bits))
		return false;
	for (; p[hex]; hex++)
		if (!strchr("0123456789abcdef", p[hex]))
			return false;
	return hex == 2 * POW_NONCE_BYTES;
}

bool pow_solved(const char *challenge, const char *counter, int bits)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state st;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)challenge, strlen(challenge));
	crypto_hash_sha256_update(&st, (const unsigned char *)":", 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)counter, strlen(counter));
	crypto_hash_sha256_final(&st, h);
	for (int i = 0; i < bits; i++)
		if (h[i / 8] & (0x80u >> (i % 8)))
			return false;
	return true;
}

enum pow_verdict pow_check(const unsigned char key[POW_KEY_BYTES], const char *challenge,
                           const char *mac, const char *counter, int64_t scope, int64_t now,
                           int min_bits, int64_t *expires)
{
	char want[POW_MAC_HEX];
	int64_t sc, ex, bits;
	size_t nc = counter ? strlen(counter) : 0;

	if (!challenge || !mac || !nc || nc > POW_COUNTER_MAX ||
	    strspn(counter, "0123456789") != nc || !parse(challenge, &sc, &ex, &bits) ||
	    strlen(mac) != POW_MAC_HEX - 1)
		return POW_MALFORMED;
	mac_of(key, challenge, want);
	if (sodium_memcmp(want, mac, POW_MAC_HEX - 1) != 0)
		return POW_FORGED;
	if (expires)
		*expires = ex;
	if (now >= ex)
		return POW_EXPIRED;
	if (sc != scope)
		return POW_ELSEWHERE;
	if (bits < min_bits || bits > POW_MAX_BITS)
		return POW_TOO_EASY;
	return pow_solved(challenge, counter, (int)bits) ? POW_OK : POW_UNSOLVED;
}

void pow_solve(const char *challenge, int bits, char out[POW_COUNTER_MAX + 1])
{
	for (unsigned long long i = 0;; i++) {
		snprintf(out, POW_COUNTER_MAX + 1, "%llu", i);
		if (pow_solved(challenge, out, bits))
			return;
	}
}

void pow_challenge_id(const char *challenge, char out[POW_MAC_HEX])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)challenge, strlen(challenge));
	sodium_bin2hex(out, POW_MAC_HEX, h, sizeof(h));
}

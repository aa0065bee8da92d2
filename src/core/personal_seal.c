/* personal_seal.c - sealing personal identifiers at rest and their keyed hash. Must not read
 * keys, clocks or randomness: callers give them. */
#include "core/personal_seal.h"

#include <sodium.h>
#include <string.h>

#define PREFIX     "v1:"
#define PREFIX_LEN 3
static const char kdf_context[crypto_kdf_CONTEXTBYTES] = {'k', 'f', 'q', 'p', 'e', 'r', 's', 'n'};

enum { SUBKEY_SEAL = 1, SUBKEY_HASH = 2 };

static void subkey(const uint8_t key[PERSONAL_KEY_BYTES], int id, uint8_t out[32])
{
	crypto_kdf_derive_from_key(out, 32, (uint64_t)id, kdf_context, key);
}

const char *personal_seal(struct arena *a, const uint8_t key[PERSONAL_KEY_BYTES],
                          const uint8_t nonce[PERSONAL_NONCE_BYTES], const char *value)
{
	size_t n = strlen(value), raw_len = PERSONAL_NONCE_BYTES + crypto_secretbox_MACBYTES + n;
	size_t b64_len = sodium_base64_encoded_len(raw_len, sodium_base64_VARIANT_ORIGINAL);
	uint8_t k[32], *raw = arena_alloc(a, raw_len);
	char *out = arena_alloc(a, PREFIX_LEN + b64_len);

	subkey(key, SUBKEY_SEAL, k);
	memcpy(raw, nonce, PERSONAL_NONCE_BYTES);
	crypto_secretbox_easy(raw + PERSONAL_NONCE_BYTES, (const uint8_t *)value, n, nonce, k);
	sodium_memzero(k, sizeof(k));
	memcpy(out, PREFIX, PREFIX_LEN);
	sodium_bin2base64(out + PREFIX_LEN, b64_len, raw, raw_len, sodium_base64_VARIANT_ORIGINAL);
	return out;
}

const char *personal_open(struct arena *a, const uint8_t key[PERSONAL_KEY_BYTES],
                          const char *sealed)
{
	size_t len, raw_len;
	uint8_t k[32], *raw;
	char *out;
	int rc;

	if (!sealed || strncmp(sealed, PREFIX, PREFIX_LEN) != 0)
		return NULL;
	len = strlen(sealed + PREFIX_LEN);
	raw = arena_alloc(a, len + 1);
	if (sodium_base642bin(raw, len + 1, sealed + PREFIX_LEN, len, NULL, &raw_len, NULL,
	                      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    raw_len < PERSONAL_NONCE_BYTES + crypto_secretbox_MACBYTES)
		return NULL;
	out = arena_alloc(a, raw_len - PERSONAL_NONCE_BYTES - crypto_secretbox_MACBYTES + 1);
	subkey(key, SUBKEY_SEAL, k);
	rc = crypto_secretbox_open_easy((uint8_t *)out, raw + PERSONAL_NONCE_BYTES,
	                                raw_len - PERSONAL_NONCE_BYTES, raw, k);
	sodium_memzero(k, sizeof(k));
	if (rc != 0)
		return NULL;
	out[raw_len - PERSONAL_NONCE_BYTES - crypto_secretbox_MACBYTES] = '\0';
	return out;
}

void personal_hash(const uint8_t key[PERSONAL_KEY_BYTES], const char *value,
                   char out[PERSONAL_HASH_HEX])
{
	uint8_t k[32], h[32];

	subkey(key, SUBKEY_HASH, k);
	crypto_generichash(h, sizeof(h), (const uint8_t *)value, strlen(value), k, sizeof(k));
	sodium_memzero(k, sizeof(k));
	sodium_bin2hex(out, PERSONAL_HASH_HEX, h, sizeof(h));
}

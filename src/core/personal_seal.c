/* personal_seal.c - sealing personal identifiers at rest and their keyed hash. Must not read
 * keys, clocks or randomness: callers give them. */
#include "core/personal_seal.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>
#include <string.h>

#define PREFIX     "v1:"
#define PREFIX_V2  "v2:"
#define PREFIX_LEN 3
#define SM3_BYTES  32
static const char kdf_context[crypto_kdf_CONTEXTBYTES] = {'k', 'f', 'q', 'p', 'e', 'r', 's', 'n'};

enum { SUBKEY_SEAL = 1, SUBKEY_HASH = 2 };

static void subkey(const uint8_t key[PERSONAL_KEY_BYTES], int id, uint8_t out[32])
{
	crypto_kdf_derive_from_key(out, 32, (uint64_t)id, kdf_context, key);
}

/* base64 of raw after prefix: an arena string */
static char *encode(struct arena *a, const char *prefix, const uint8_t *raw, size_t raw_len)
{
	size_t b64_len = sodium_base64_encoded_len(raw_len, sodium_base64_VARIANT_ORIGINAL);
	char *out = arena_alloc(a, PREFIX_LEN + b64_len);

	memcpy(out, prefix, PREFIX_LEN);
	sodium_bin2base64(out + PREFIX_LEN, b64_len, raw, raw_len, sodium_base64_VARIANT_ORIGINAL);
	return out;
}

/* The bytes after a prefix (arena), or NULL when they are not base64 or shorter than min. */
static uint8_t *decode(struct arena *a, const char *sealed, size_t min, size_t *raw_len)
{
	size_t len = strlen(sealed + PREFIX_LEN);
	uint8_t *raw = arena_alloc(a, len + 1);

	if (sodium_base642bin(raw, len + 1, sealed + PREFIX_LEN, len, NULL, raw_len, NULL,
	                      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    *raw_len < min)
		return NULL;
	return raw;
}

static const char *seal_v1(struct arena *a, const uint8_t key[PERSONAL_KEY_BYTES],
                           const uint8_t nonce[PERSONAL_NONCE_BYTES], const char *value)
{
	size_t n = strlen(value), raw_len = PERSONAL_NONCE_BYTES + crypto_secretbox_MACBYTES + n;
	uint8_t k[32], *raw = arena_alloc(a, raw_len);

	subkey(key, SUBKEY_SEAL, k);
	memcpy(raw, nonce, PERSONAL_NONCE_BYTES);
	crypto_secretbox_easy(raw + PERSONAL_NONCE_BYTES, (const uint8_t *)value, n, nonce, k);
	sodium_memzero(k, sizeof(k));
	return encode(a, PREFIX, raw, raw_len);
}

static const char *open_v1(struct arena *a, const uint8_t key[PERSONAL_KEY_BYTES],
                           const char *sealed)
{
	size_t raw_len;
	uint8_t k[32],
	    *raw = decode(a, sealed, PERSONAL_NONCE_BYTES + crypto_secretbox_MACBYTES, &raw_len);
	char *out;
	int rc;

	if (!raw)
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

int personal_sm4_ctr(const uint8_t key[PERSONAL_SM4_BYTES], const uint8_t iv[PERSONAL_SM4_BYTES],
                     const uint8_t *in, size_t n, uint8_t *out)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int len = 0, fin = 0, ok;

	ok = ctx && EVP_EncryptInit_ex(ctx, EVP_sm4_ctr(), NULL, key, iv) == 1 &&
	     EVP_EncryptUpdate(ctx, out, &len, in, (int)n) == 1 &&
	     EVP_EncryptFinal_ex(ctx, out + len, &fin) == 1 && (size_t)(len + fin) == n;
	EVP_CIPHER_CTX_free(ctx);
	return ok ? 0 : -1;
}

/* HMAC-SM3 of the n bytes of in under the k_len bytes of k: 0, or -1 when OpenSSL fails. */
static int hmac_sm3(const uint8_t *k, size_t k_len, const uint8_t *in, size_t n,
                    uint8_t out[SM3_BYTES])
{
	unsigned int len = 0;

	return HMAC(EVP_sm3(), k, (int)k_len, in, n, out, &len) && len == SM3_BYTES ? 0 : -1;
}

/* v2's SM4 key and MAC key: HMAC-SM3 of the master key over a label of each, so that the v2
 * path uses the national algorithms only. */
static int subkeys_v2(const uint8_t key[PERSONAL_KEY_BYTES], uint8_t enc[SM3_BYTES],
                      uint8_t mac[SM3_BYTES])
{
	static const char enc_label[] = "kfq personal v2 sm4", mac_label[] = "kfq personal v2 mac";

	return hmac_sm3(key, PERSONAL_KEY_BYTES, (const uint8_t *)enc_label, strlen(enc_label),
	                enc) == 0 &&
	               hmac_sm3(key, PERSONAL_KEY_BYTES, (const uint8_t *)mac_label,
	                        strlen(mac_label), mac) == 0
	           ? 0
	           : -1;
}

/* The MAC of v2: HMAC-SM3 over the prefix, the counter and the ciphertext (raw without its
 * MAC). */
static int mac_v2(const uint8_t mac_key[SM3_BYTES], struct arena *a, const uint8_t *raw, size_t n,
                  uint8_t out[SM3_BYTES])
{
	uint8_t *msg = arena_alloc(a, PREFIX_LEN + n);

	memcpy(msg, PREFIX_V2, PREFIX_LEN);
	memcpy(msg + PREFIX_LEN, raw, n);
	return hmac_sm3(mac_key, SM3_BYTES, msg, PREFIX_LEN + n, out);
}

static const char *seal_v2(struct arena *a, const uint8_t key[PERSONAL_KEY_BYTES],
                           const uint8_t nonce[PERSONAL_NONCE_BYTES], const char *value)
{
	size_t n = strlen(value), raw_len = PERSONAL_SM4_BYTES + n + SM3_BYTES;
	uint8_t enc[SM3_BYTES], mac[SM3_BYTES], *raw = arena_alloc(a, raw_len);
	const char *out = NULL;

	memcpy(raw, nonce, PERSONAL_SM4_BYTES);
	if (subkeys_v2(key, enc, mac) == 0 &&
	    personal_sm4_ctr(enc, raw, (const uint8_t *)value, n, raw + PERSONAL_SM4_BYTES) == 0 &&
	    mac_v2(mac, a, raw, PERSONAL_SM4_BYTES + n, raw + PERSONAL_SM4_BYTES + n) == 0)
		out = encode(a, PREFIX_V2, raw, raw_len);
	sodium_memzero(enc, sizeof(enc));
	sodium_memzero(mac, sizeof(mac));
	return out;
}

static const char *open_v2(struct arena *a, const uint8_t key[PERSONAL_KEY_BYTES],
                           const char *sealed)
{
	size_t raw_len, n;
	uint8_t enc[SM3_BYTES], mac[SM3_BYTES], want[SM3_BYTES];
	uint8_t *raw = decode(a, sealed, PERSONAL_SM4_BYTES + SM3_BYTES, &raw_len);
	char *out = NULL;

	if (!raw)
		return NULL;
	n = raw_len - PERSONAL_SM4_BYTES - SM3_BYTES;
	/* encrypt-then-MAC: nothing is decrypted before the MAC holds */
	if (subkeys_v2(key, enc, mac) == 0 &&
	    mac_v2(mac, a, raw, PERSONAL_SM4_BYTES + n, want) == 0 &&
	    sodium_memcmp(want, raw + PERSONAL_SM4_BYTES + n, SM3_BYTES) == 0) {
		out = arena_alloc(a, n + 1);
		if (personal_sm4_ctr(enc, raw, raw + PERSONAL_SM4_BYTES, n, (uint8_t *)out) == 0)
			out[n] = '\0';
		else
			out = NULL;
	}
	sodium_memzero(enc, sizeof(enc));
	sodium_memzero(mac, sizeof(mac));
	return out;
}

const char *personal_seal(struct arena *a, enum personal_cipher cipher,
                          const uint8_t key[PERSONAL_KEY_BYTES],
                          const uint8_t nonce[PERSONAL_NONCE_BYTES], const char *value)
{
	return cipher == PERSONAL_SM4 ? seal_v2(a, key, nonce, value)
	                              : seal_v1(a, key, nonce, value);
}

int personal_sealed_format(const char *sealed)
{
	if (sealed && strncmp(sealed, PREFIX, PREFIX_LEN) == 0)
		return PERSONAL_SECRETBOX;
	if (sealed && strncmp(sealed, PREFIX_V2, PREFIX_LEN) == 0)
		return PERSONAL_SM4;
	return 0;
}

const char *personal_open(struct arena *a, const uint8_t key[PERSONAL_KEY_BYTES],
                          const char *sealed)
{
	switch (personal_sealed_format(sealed)) {
	case PERSONAL_SECRETBOX:
		return open_v1(a, key, sealed);
	case PERSONAL_SM4:
		return open_v2(a, key, sealed);
	default:
		return NULL;
	}
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

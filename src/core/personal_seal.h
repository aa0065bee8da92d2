/* personal_seal.h - personal identifiers sealed at rest: authenticated encryption of a value
 * under the configured master key in one of two formats, and a keyed hash of it that finds
 * equal values without opening them.
 *   v1:  libsodium's secretbox (XSalsa20-Poly1305): "v1:" + base64(nonce24 ‖ box), its subkey
 *        derived from the master key by crypto_kdf.
 *   v2:  the national algorithms 密评 (GB/T 39786-2021) asks for, through OpenSSL 3's EVP:
 *        SM4-CTR (GB/T 32907) encrypt-then-MAC with HMAC-SM3 (GB/T 32905): "v2:" +
 *        base64(iv16 ‖ ciphertext ‖ mac32), the MAC over "v2:" ‖ iv ‖ ciphertext; the SM4 key
 *        and the MAC key are HMAC-SM3(master, label) under two labels. OpenSSL 3.0 (Debian 12)
 *        has no SM4-GCM, hence the two primitives (docs/DECISIONS.md).
 * Both formats open whatever is configured for sealing, so that a roster can be re-sealed from
 * one to the other. The keyed hash (BLAKE2b under its own crypto_kdf subkey) is the same for
 * both: re-sealing does not change it. Pure: the caller gives the key and the nonce. */
#ifndef KFQ_CORE_PERSONAL_SEAL_H
#define KFQ_CORE_PERSONAL_SEAL_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PERSONAL_KEY_BYTES   32
#define PERSONAL_NONCE_BYTES 24
#define PERSONAL_HASH_HEX    65 /* 64 hex digits and a NUL */

#define PERSONAL_SM4_BYTES 16 /* an SM4 key, block and CTR counter */

enum personal_cipher { PERSONAL_SECRETBOX = 1, PERSONAL_SM4 = 2 }; /* "v1:", "v2:" */

/* value sealed under key with nonce (which must never repeat under one key: take it from
 * randombytes_buf; v2 uses its first 16 bytes as the CTR counter) in the format of cipher: an
 * arena string, or NULL when OpenSSL fails (v2). */
const char *personal_seal(struct arena *a, enum personal_cipher cipher,
                          const uint8_t key[PERSONAL_KEY_BYTES],
                          const uint8_t nonce[PERSONAL_NONCE_BYTES], const char *value);
/* The format of a sealed text by its prefix, or 0 when it is not one of ours. */
int personal_sealed_format(const char *sealed);
/* The value of a sealed text of either format (arena), or NULL when it is not one of ours or
 * was not sealed under key (a wrong key, a changed byte: the MAC or the box refuses it). */
const char *personal_open(struct arena *a, const uint8_t key[PERSONAL_KEY_BYTES],
                          const char *sealed);
/* SM4 in CTR mode through OpenSSL's EVP (n bytes of in to out; encrypting and decrypting are
 * the same): 0, or -1 when OpenSSL fails. With iv = a block P and 16 zero bytes in, out is the
 * SM4 encryption of P (how the tests check the standard's example). */
int personal_sm4_ctr(const uint8_t key[PERSONAL_SM4_BYTES], const uint8_t iv[PERSONAL_SM4_BYTES],
                     const uint8_t *in, size_t n, uint8_t *out);

/* The keyed hash of value, hex. */
void personal_hash(const uint8_t key[PERSONAL_KEY_BYTES], const char *value,
                   char out[PERSONAL_HASH_HEX]);

#endif

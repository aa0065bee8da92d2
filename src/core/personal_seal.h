/* personal_seal.h - personal identifiers sealed at rest: authenticated encryption (libsodium's
 * secretbox, XSalsa20-Poly1305) of a value under the configured master key, and a keyed hash
 * of it that finds equal values without opening them. The two use different subkeys derived
 * from the master key (crypto_kdf). A sealed text reads "v1:" and the base64 of nonce and box,
 * so that another cipher (SM4 under 密评) can come as "v2:" beside it. Pure: the caller gives
 * the key and the nonce. */
#ifndef KFQ_CORE_PERSONAL_SEAL_H
#define KFQ_CORE_PERSONAL_SEAL_H

#include "util/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PERSONAL_KEY_BYTES   32
#define PERSONAL_NONCE_BYTES 24
#define PERSONAL_HASH_HEX    65 /* 64 hex digits and a NUL */

/* value sealed under key with nonce (which must never repeat under one key: take it from
 * randombytes_buf): an arena string. */
const char *personal_seal(struct arena *a, const uint8_t key[PERSONAL_KEY_BYTES],
                          const uint8_t nonce[PERSONAL_NONCE_BYTES], const char *value);
/* The value of a sealed text (arena), or NULL when it is not one of ours or was not sealed
 * under key (a wrong key, a changed byte). */
const char *personal_open(struct arena *a, const uint8_t key[PERSONAL_KEY_BYTES],
                          const char *sealed);
/* The keyed hash of value, hex. */
void personal_hash(const uint8_t key[PERSONAL_KEY_BYTES], const char *value,
                   char out[PERSONAL_HASH_HEX]);

#endif

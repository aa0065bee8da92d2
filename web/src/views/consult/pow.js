// The proof of work a public comment carries (docs/DECISIONS.md, "proof of work for public
// comments"; the server's core/pow.c checks it): the smallest decimal counter such that
// SHA-256(challenge + ":" + counter) begins with `bits` zero bits. Hashing is @noble/hashes'
// sha256 (pinned), not WebCrypto, so that the page also works where the browser gives no
// secure context; the loop yields to the page every few thousand hashes and reports progress.
import { sha256 } from '@noble/hashes/sha2.js'

const enc = new TextEncoder()

// Whether the hash starts with `bits` zero bits.
export function leadingZeros(hash, bits) {
  for (let i = 0; i < bits; i++) if (hash[i >> 3] & (0x80 >> (i & 7))) return false
  return true
}

// Resolves with the counter (a string). onProgress(tried, expected) now and then.
export async function solve(challenge, bits, onProgress) {
  const expected = 2 ** bits
  for (let i = 0; ; i++) {
    if (leadingZeros(sha256(enc.encode(`${challenge}:${i}`)), bits)) return String(i)
    if (i % 4096 === 4095) {
      if (onProgress) onProgress(i + 1, expected)
      await new Promise((r) => setTimeout(r, 0))
    }
  }
}

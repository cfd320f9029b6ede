/**
 * FNV-1a, 32 bit, over a string's UTF-16 code units: small, and the same in Node and in browsers.
 * Every seeded stream and stable per-key value in the tests is forked with it.
 */
const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The plain hash; `basis` other than the standard one gives a family of hashes (see `hash32`). */
export function fnv1a(text: string, basis = FNV_OFFSET_BASIS): number {
  let h = basis;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** FNV-1a of a key mixed with a seed, then avalanched: forks the simulator's streams. */
export function hash32(seed: number, key: string): number {
  return mix32(fnv1a(key, (FNV_OFFSET_BASIS ^ seed) >>> 0));
}

/** A stable value in [0, 1) for a key: the same key always gives the same value. */
export function unitHash(seed: number, key: string): number {
  return hash32(seed, key) / 4294967296;
}

/** MurmurHash3's finaliser: every input bit moves about half the output bits. */
function mix32(value: number): number {
  let h = value;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Seeded randomness. One generator per concern, each forked from the world seed by a label, so adding
 * a draw in one place does not reshuffle everything generated elsewhere.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Standard normal. */
  normal(): number;
  /** A multiplicative noise factor with median 1: exp(N(0, sigma)). */
  logNormal(sigma: number): number;
  /** A Poisson-distributed count. */
  poisson(mean: number): number;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: readonly T[]): T[];
}

/** FNV-1a over a string, mixed with a seed; used to fork streams and for stable per-key values. */
export function hash32(seed: number, key: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return mix32(h);
}

/** A stable value in [0, 1) for a key: the same key always gives the same value. */
export function unitHash(seed: number, key: string): number {
  return hash32(seed, key) / 4294967296;
}

function mix32(value: number): number {
  let h = value;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function createRandom(seed: number, label = ''): Random {
  let state = hash32(seed, label);
  const next = (): number => {
    // mulberry32: fast, 32-bit state, good enough for simulated noise.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // Box-Muller yields normals in pairs; keeping the spare halves the cost of the noisiest loops.
  let spare: number | undefined;
  const normal = (): number => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    normal,
    logNormal: (sigma) => Math.exp(sigma * normal()),
    poisson(mean) {
      if (mean <= 0) return 0;
      // Above a dozen the normal approximation is close, and Knuth's loop would cost one draw per event.
      if (mean > 12) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
      // Knuth's method is exact and cheap for the small means conversions have.
      const limit = Math.exp(-mean);
      let count = 0;
      let product = next();
      while (product > limit) {
        count++;
        product *= next();
      }
      return count;
    },
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    shuffle<T>(items: readonly T[]): T[] {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
      }
      return copy;
    },
  };
}

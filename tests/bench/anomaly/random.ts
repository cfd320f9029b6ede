/**
 * Seeded randomness for the evaluation set: every stream is named, so adding a draw in one place
 * does not reshuffle the rest of the world.
 */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  uniform(low: number, high: number): number;
  /** Integer in [low, high], both inclusive. */
  int(low: number, high: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  normal(): number;
  /** exp(N(0, sigma²)), median 1. */
  logNormal(sigma: number): number;
  poisson(mean: number): number;
  binomial(trials: number, probability: number): number;
}

export function createRandom(seed: number, stream: string): Random {
  let state = hash(`${seed}:${stream}`);
  const next = (): number => {
    // mulberry32
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    const u = 1 - next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  const poisson = (mean: number): number => {
    if (!(mean > 0)) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
    const limit = Math.exp(-mean);
    let count = 0;
    for (let product = next(); product > limit; product *= next()) count++;
    return count;
  };
  return {
    next,
    uniform: (low, high) => low + (high - low) * next(),
    int: (low, high) => low + Math.floor(next() * (high - low + 1)),
    chance: (probability) => next() < probability,
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    normal,
    logNormal: (sigma) => Math.exp(sigma * normal()),
    poisson,
    binomial: (trials, probability) => {
      if (trials <= 0 || probability <= 0) return 0;
      if (probability >= 1) return trials;
      if (trials < 50) {
        let successes = 0;
        for (let i = 0; i < trials; i++) if (next() < probability) successes++;
        return successes;
      }
      const mean = trials * probability;
      const sd = Math.sqrt(mean * (1 - probability));
      return Math.min(trials, Math.max(0, Math.round(mean + sd * normal())));
    },
  };
}

/** FNV-1a, enough to spread stream names over seeds. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

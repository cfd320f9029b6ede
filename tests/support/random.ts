import { fnv1a, hash32 } from './hash';

/**
 * Seeded randomness: one generator (mulberry32) behind every named stream, so adding a draw in one
 * place does not reshuffle what is generated elsewhere.
 *
 * Two families of streams exist and are kept apart on purpose: the simulator's world
 * (`createRandom`) and the anomaly bench's evaluation sets (`createBenchRandom`). They seed, draw
 * normals and approximate Poisson counts differently, and the bench's published held-out figures
 * and the simulator's worlds are measured on exactly these numbers; merging the two would change
 * both, so each keeps its own recipe here.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  uniform(low: number, high: number): number;
  /** Uniform integer in [low, high], both inclusive. */
  int(low: number, high: number): number;
  /** True with probability p. */
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: readonly T[]): T[];
  /** Standard normal. */
  normal(): number;
  /** A multiplicative noise factor with median 1: exp(N(0, sigma²)). */
  logNormal(sigma: number): number;
  /** A Poisson-distributed count. */
  poisson(mean: number): number;
  binomial(trials: number, probability: number): number;
}

interface Recipe {
  /** Box-Muller gives normals in pairs: keep the second one for the next call, or drop it. */
  readonly pairedNormals: boolean;
  /** Above this mean a Poisson count is drawn from the normal approximation, not Knuth's loop. */
  readonly poissonNormalAbove: number;
  /** Whether a mean that is not a number answers 0 before drawing (else after one draw). */
  readonly poissonSkipsNaN: boolean;
}

/** The simulator's streams, forked from the world seed by a label. */
export function createRandom(seed: number, label = ''): Random {
  // Above a dozen the normal approximation is close, and Knuth's loop would cost one draw per event.
  return generator(hash32(seed, label), {
    pairedNormals: true,
    poissonNormalAbove: 12,
    poissonSkipsNaN: false,
  });
}

/** The anomaly bench's streams (eval-set, independent-set), named `${seed}:${stream}`. */
export function createBenchRandom(seed: number, stream: string): Random {
  return generator(fnv1a(`${seed}:${stream}`), {
    pairedNormals: false,
    poissonNormalAbove: 30,
    poissonSkipsNaN: true,
  });
}

function generator(seedState: number, recipe: Recipe): Random {
  let state = seedState;
  const next = (): number => {
    // mulberry32: fast, 32-bit state, good enough for simulated noise.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare: number | undefined;
  const normal = (): number => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    if (recipe.pairedNormals) spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  return {
    next,
    uniform: (low, high) => low + (high - low) * next(),
    int: (low, high) => low + Math.floor(next() * (high - low + 1)),
    chance: (probability) => next() < probability,
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
    normal,
    logNormal: (sigma) => Math.exp(sigma * normal()),
    poisson(mean) {
      if (recipe.poissonSkipsNaN ? !(mean > 0) : mean <= 0) return 0;
      if (mean > recipe.poissonNormalAbove) {
        return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
      }
      // Knuth's method is exact and cheap for the small means conversions have.
      const limit = Math.exp(-mean);
      let count = 0;
      for (let product = next(); product > limit; product *= next()) count++;
      return count;
    },
    binomial(trials, probability) {
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

import { detectSeries } from '@/lib/anomaly';
import { createBenchRandom } from '../../support/random';

/** detectSeries over many daily series shaped like ad metrics: weekly rhythm, noise, some shocks. */

export interface Throughput {
  readonly series: number;
  readonly points: number;
  /** Median of {@link ROUNDS} timed passes over all series (the machine is shared and noisy). */
  readonly milliseconds: number;
  readonly fastest: number;
  readonly slowest: number;
}

const ROUNDS = 5;

export function measureThroughput(seed: number, count = 10_000, points = 90): Throughput {
  const random = createBenchRandom(seed, 'throughput');
  const all: number[][] = [];
  for (let s = 0; s < count; s++) {
    const level = Math.exp(random.uniform(2, 9));
    const weekly = random.uniform(0, 0.15);
    const shockAt = random.chance(0.3) ? random.int(0, points - 1) : -1;
    all.push(
      Array.from({ length: points }, (_, t) => {
        const shock = t === shockAt ? random.uniform(2, 5) : 1;
        return (
          level * Math.exp(weekly * Math.cos((t * 2 * Math.PI) / 7)) * random.logNormal(0.1) * shock
        );
      }),
    );
  }
  for (const values of all.slice(0, 1000)) detectSeries(values);
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    for (const values of all) detectSeries(values);
    rounds.push(performance.now() - start);
  }
  rounds.sort((a, b) => a - b);
  return {
    series: count,
    points,
    milliseconds: rounds[ROUNDS >> 1] ?? Number.NaN,
    fastest: rounds[0] ?? Number.NaN,
    slowest: rounds[ROUNDS - 1] ?? Number.NaN,
  };
}

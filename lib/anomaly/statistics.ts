/** Tail probabilities for counts. */

/**
 * P(X ≤ k) for a count with mean `mean` whose variance exceeds the Poisson's in two ways: a
 * day-to-day dispersion (variance `dispersion` × mean) and a rate known only from
 * `baselineEvents` past events. Both are carried by a negative binomial of the same mean and
 * variance, so a silent stretch is less surprising on a small or noisy baseline, as it should be.
 */
export function countLowerTail(
  k: number,
  mean: number,
  baselineEvents: number,
  dispersion: number,
): number {
  if (k < 0) return 0;
  if (mean <= 0) return 1;
  const extra = Math.max(0, dispersion - 1) / mean + 1 / Math.max(1, baselineEvents);
  const shape = 1 / extra;
  const success = shape / (shape + mean);
  let logTerm = shape * Math.log(success);
  let total = Math.exp(logTerm);
  for (let j = 1; j <= Math.floor(k); j++) {
    logTerm += Math.log((j + shape - 1) / j) + Math.log(1 - success);
    total += Math.exp(logTerm);
  }
  return Math.min(1, total);
}

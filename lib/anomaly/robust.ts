/** Robust statistics on small numeric samples: medians and scales that outliers cannot drag. */

/** 1 / Φ⁻¹(0.75): scales a median absolute deviation to a normal standard deviation. */
export const MAD_TO_SD = 1.4826;

/** Median of the finite values in `values[from..to)`; NaN when there are none. */
export function medianOf(
  values: ArrayLike<number>,
  from = 0,
  to = values.length,
  scratch: Float64Array = new Float64Array(Math.max(0, to - from)),
): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const value = values[i] ?? Number.NaN;
    if (Number.isFinite(value)) scratch[count++] = value;
  }
  return sortedMiddle(scratch, count);
}

/** Up to this many values, insertion sort beats the call overhead of a typed-array sort. */
const SMALL_SORT = 24;

/** Median of the first `count` entries of `scratch`, which it reorders in place. */
export function sortedMiddle(scratch: Float64Array, count: number): number {
  if (count === 0) return Number.NaN;
  const half = count >> 1;
  if (count <= SMALL_SORT) insertionSort(scratch, count);
  else selectInPlace(scratch, count, half);
  const upper = scratch[half] ?? Number.NaN;
  if (count % 2 === 1) return upper;
  // After selection everything below `half` is at most `upper`; the lower middle is their maximum.
  let lower = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < half; i++) lower = Math.max(lower, scratch[i] ?? lower);
  return (lower + upper) / 2;
}

/** Hoare's selection: puts the k-th smallest at index k, smaller ones before it, in O(count). */
function selectInPlace(values: Float64Array, count: number, k: number): void {
  let left = 0;
  let right = count - 1;
  while (right > left) {
    const pivot = values[(left + right) >> 1] ?? 0;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((values[i] ?? 0) < pivot) i++;
      while ((values[j] ?? 0) > pivot) j--;
      if (i <= j) {
        const swap = values[i] ?? 0;
        values[i++] = values[j] ?? 0;
        values[j--] = swap;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

function insertionSort(values: Float64Array, count: number): void {
  for (let i = 1; i < count; i++) {
    const value = values[i] ?? 0;
    let j = i - 1;
    for (; j >= 0 && (values[j] ?? 0) > value; j--) values[j + 1] = values[j] ?? 0;
    values[j + 1] = value;
  }
}

/**
 * A standard-deviation-like spread of residuals around running medians: the scaled median absolute
 * deviation of the residuals that are not exactly zero. A running median reproduces its middle
 * point exactly, so those zeros say nothing about the noise and would shrink the spread until
 * ordinary wobble looks anomalous. When most residuals are zero (a flat series with a few
 * departures), the scaled mean absolute deviation over all of them is used, which still sees the
 * departures as rare. Zero only when every residual is.
 */
export function robustScale(
  residuals: ArrayLike<number>,
  scratch: Float64Array = new Float64Array(residuals.length),
): number {
  let finite = 0;
  let nonZero = 0;
  let absoluteSum = 0;
  for (let i = 0; i < residuals.length; i++) {
    const value = residuals[i] ?? Number.NaN;
    if (!Number.isFinite(value)) continue;
    finite++;
    absoluteSum += Math.abs(value);
    if (value !== 0) scratch[nonZero++] = Math.abs(value);
  }
  if (nonZero === 0) return 0;
  // √(π/2) scales a mean absolute deviation to a normal standard deviation.
  if (nonZero < finite / 4) return (1.2533 * absoluteSum) / finite;
  return MAD_TO_SD * sortedMiddle(scratch, nonZero);
}

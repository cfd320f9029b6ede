import * as z from 'zod/mini';

/** A string with an upper bound: every string crossing a trust boundary has one. */
export function boundedString(maxLength: number) {
  return z.string().check(z.maxLength(maxLength));
}

/** A non-empty string with an upper bound. */
export function requiredString(maxLength: number) {
  return z.string().check(z.minLength(1), z.maxLength(maxLength));
}

/**
 * The simulator's notion of "now". Everything time-dependent (account-local "today", token expiry,
 * rolling usage windows, async report progress) reads this clock, so tests can travel in time and
 * runs stay deterministic.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
}

/** A Friday afternoon in Europe, morning in California, and the stroke of midnight in Tokyo. */
export const DEFAULT_START_MS = Date.parse('2026-11-20T15:00:00Z');

export function createClock(startMs: number = DEFAULT_START_MS): Clock {
  let current = startMs;
  return {
    now: () => current,
    set(ms) {
      current = ms;
    },
    advance(ms) {
      current += ms;
    },
  };
}

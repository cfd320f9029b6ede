/*
 * The sync's sizes, in a module of their own so that the benchmarks (run in Node, outside the
 * extension) can compute the API minimum without importing the runner and its browser APIs.
 */

/** Rows per insights page and objects per objects page that the sync asks Meta for. */
export const INSIGHTS_PAGE_SIZE = 1000;
export const OBJECTS_PAGE_SIZE = 500;

/**
 * Accounts synced side by side. Each holds at most one unit in memory (planner.ts), so the pool
 * bounds the worker's heap; four keeps a 2-core machine busy while answers are on the way without
 * the browser's six connections per host queueing behind one another.
 */
export const SYNC_POOL_SIZE = 4;

/*
 * The sync's sizes, in a module of their own so that the benchmarks (run in Node, outside the
 * extension) can compute the API minimum without importing the runner and its browser APIs.
 */

/** Rows per insights page and objects per objects page that the sync asks Meta for. */
export const INSIGHTS_PAGE_SIZE = 1000;
export const OBJECTS_PAGE_SIZE = 500;

/**
 * Accounts reading side by side. Each holds at most one unit in memory (planner.ts), so the pool
 * bounds the worker's heap; six is as many requests at once as the browser opens connections to a
 * host speaking HTTP/1.1, and with 300 ms answers took the agency's refresh from 217–223 s with
 * four to 173 s (issue 17).
 */
export const SYNC_POOL_SIZE = 6;

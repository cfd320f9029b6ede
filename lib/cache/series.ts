import * as z from 'zod/mini';
import { AccountIdSchema, type AccountId } from '@/lib/schema/account';
import { GraphIdSchema } from '@/lib/schema/graph';
import {
  EntityLevelSchema,
  INSIGHT_METRICS,
  type EntityLevel,
  type InsightMetric,
} from '@/lib/schema/insights';
import { cacheDb, WRITE_ROUND } from './db';

/**
 * Daily insights stored as per-entity column chunks: one record per (account, level, entity,
 * 32-day chunk) rather than one record per row. IndexedDB's cost is per record, so this writes a
 * backfill some fifty times faster (architecture.md, "Measured facts") and reads an entity's series
 * in one range scan. Chunks are aligned on epoch days, so a sync that re-reads the last 28 days
 * rewrites one or two chunks per entity.
 *
 * Values are exact integers (money in minor units, ratios in millionths), so a chunk is stored
 * packed in one byte array: each metric's column holds only the days Meta sent a row for, at the
 * width its largest value needs (none when all are zero, else 1, 2 or 4 bytes; 8-byte floats only
 * for what is not a 32-bit unsigned integer). A full chunk of a typical ad costs about 30 bytes a
 * row instead of the 80 of Float64 columns over every day (issue 17).
 */
export const CHUNK_DAYS = 32;
export const METRIC_COUNT = INSIGHT_METRICS.length;

/** A chunk as code works with it: every day of the chunk, zero where there was no row. */
export interface SeriesChunk {
  readonly accountId: AccountId;
  readonly level: EntityLevel;
  readonly entityId: string;
  /** Epoch day of the chunk's first day, a multiple of CHUNK_DAYS. */
  readonly chunk: number;
  /** 1 on days Meta sent a row for (a day without one had no delivery). */
  readonly rows: Uint8Array;
  /** METRIC_COUNT × CHUNK_DAYS values, metric by metric. */
  readonly values: Float64Array;
}

/**
 * A chunk as IndexedDB holds it. `packed`: the days with a row as a 32-bit mask (little-endian),
 * then one width byte per metric (0, 1, 2, 4 or 8), then each metric's values on those days,
 * little-endian, unsigned integers or (width 8) float64.
 */
export interface StoredChunk {
  readonly accountId: AccountId;
  readonly level: EntityLevel;
  readonly entityId: string;
  readonly chunk: number;
  readonly packed: Uint8Array;
}

export type SeriesKey = [AccountId, EntityLevel, string, number];

const HEADER_BYTES = 4 + METRIC_COUNT;
const WIDTHS = new Set([0, 1, 2, 4, 8]);

const StoredChunkSchema = z.strictObject({
  accountId: AccountIdSchema,
  level: EntityLevelSchema,
  entityId: GraphIdSchema,
  chunk: z.int().check(z.multipleOf(CHUNK_DAYS)),
  packed: z.custom<Uint8Array>(
    (value) => value instanceof Uint8Array && value.length >= HEADER_BYTES,
  ),
});

/** Bytes a metric's values need: 0 when all are zero, 8 when not all fit a 32-bit unsigned int. */
function widthOf(values: Float64Array, start: number, mask: number): number {
  let max = 0;
  for (let offset = 0; offset < CHUNK_DAYS; offset++) {
    if ((mask & (1 << offset)) === 0) continue;
    const value = values[start + offset]!;
    if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) return 8;
    if (value > max) max = value;
  }
  return max === 0 ? 0 : max <= 0xff ? 1 : max <= 0xffff ? 2 : 4;
}

function maskOf(rows: Uint8Array): number {
  let mask = 0;
  rows.forEach((row, offset) => {
    if (row === 1) mask |= 1 << offset;
  });
  return mask >>> 0;
}

/** Packs a chunk's days with a row; values on days without one are not kept (they are zero). */
export function packChunk(chunk: SeriesChunk): StoredChunk {
  const mask = maskOf(chunk.rows);
  let days = 0;
  for (const row of chunk.rows) days += row === 1 ? 1 : 0;
  const widths = Array.from({ length: METRIC_COUNT }, (_, metric) =>
    widthOf(chunk.values, metric * CHUNK_DAYS, mask),
  );
  const packed = new Uint8Array(
    HEADER_BYTES + widths.reduce((sum, width) => sum + width * days, 0),
  );
  const view = new DataView(packed.buffer);
  view.setUint32(0, mask, true);
  let at = HEADER_BYTES;
  widths.forEach((width, metric) => {
    packed[4 + metric] = width;
    if (width === 0) return;
    for (let offset = 0; offset < CHUNK_DAYS; offset++) {
      if ((mask & (1 << offset)) === 0) continue;
      const value = chunk.values[metric * CHUNK_DAYS + offset]!;
      if (width === 1) view.setUint8(at, value);
      else if (width === 2) view.setUint16(at, value, true);
      else if (width === 4) view.setUint32(at, value, true);
      else view.setFloat64(at, value, true);
      at += width;
    }
  });
  const { accountId, level, entityId } = chunk;
  return { accountId, level, entityId, chunk: chunk.chunk, packed };
}

/** The chunk's every day back, or undefined when `packed` is not a chunk this code wrote. */
function unpack(stored: StoredChunk): SeriesChunk | undefined {
  const { packed } = stored;
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const mask = view.getUint32(0, true);
  const rows = new Uint8Array(CHUNK_DAYS);
  let days = 0;
  for (let offset = 0; offset < CHUNK_DAYS; offset++) {
    if ((mask & (1 << offset)) !== 0) {
      rows[offset] = 1;
      days++;
    }
  }
  let size = HEADER_BYTES;
  for (let metric = 0; metric < METRIC_COUNT; metric++) {
    const width = packed[4 + metric]!;
    if (!WIDTHS.has(width)) return undefined;
    size += width * days;
  }
  if (size !== packed.length) return undefined;
  const values = new Float64Array(METRIC_COUNT * CHUNK_DAYS);
  let at = HEADER_BYTES;
  for (let metric = 0; metric < METRIC_COUNT; metric++) {
    const width = packed[4 + metric]!;
    if (width === 0) continue;
    for (let offset = 0; offset < CHUNK_DAYS; offset++) {
      if (rows[offset] === 0) continue;
      values[metric * CHUNK_DAYS + offset] =
        width === 1
          ? view.getUint8(at)
          : width === 2
            ? view.getUint16(at, true)
            : width === 4
              ? view.getUint32(at, true)
              : view.getFloat64(at, true);
      at += width;
    }
  }
  const { accountId, level, entityId, chunk } = stored;
  return { accountId, level, entityId, chunk, rows, values };
}

/** Rows (days with one) a stored chunk holds, without unpacking its values; 0 when malformed. */
export function storedRows(raw: unknown): number {
  const parsed = StoredChunkSchema.safeParse(raw);
  if (!parsed.success) return 0;
  const { packed } = parsed.data;
  let mask = new DataView(packed.buffer, packed.byteOffset, 4).getUint32(0, true);
  let rows = 0;
  for (; mask !== 0; mask >>>= 1) rows += mask & 1;
  return rows;
}

/** A stored chunk, or undefined when it does not match the format (it is then rebuilt). */
export function validChunk(raw: unknown): SeriesChunk | undefined {
  const parsed = StoredChunkSchema.safeParse(raw);
  return parsed.success ? unpack(parsed.data) : undefined;
}

const LegacyChunkSchema = z.strictObject({
  accountId: AccountIdSchema,
  level: EntityLevelSchema,
  entityId: GraphIdSchema,
  chunk: z.int().check(z.multipleOf(CHUNK_DAYS)),
  rows: z.custom<Uint8Array>((value) => value instanceof Uint8Array && value.length === CHUNK_DAYS),
  values: z.custom<Float64Array>(
    (value) => value instanceof Float64Array && value.length === METRIC_COUNT * CHUNK_DAYS,
  ),
});

/**
 * A chunk in the layout before issue 17 (`rows` per day, Float64 `values` over every day) packed,
 * or undefined when it is not one: the cache's upgrade keeps what users had synced.
 */
export function packLegacyChunk(raw: unknown): StoredChunk | undefined {
  const parsed = LegacyChunkSchema.safeParse(raw);
  return parsed.success ? packChunk(parsed.data) : undefined;
}

export function chunkOf(epochDay: number): number {
  return Math.floor(epochDay / CHUNK_DAYS) * CHUNK_DAYS;
}

function chunksBetween(firstDay: number, lastDay: number): number[] {
  const chunks: number[] = [];
  for (let chunk = chunkOf(firstDay); chunk <= lastDay; chunk += CHUNK_DAYS) chunks.push(chunk);
  return chunks;
}

function emptyChunk(
  accountId: AccountId,
  level: EntityLevel,
  entityId: string,
  chunk: number,
): SeriesChunk {
  return {
    accountId,
    level,
    entityId,
    chunk,
    rows: new Uint8Array(CHUNK_DAYS),
    values: new Float64Array(METRIC_COUNT * CHUNK_DAYS),
  };
}

/**
 * One level's rows over a date range, collected in memory as they arrive (column-wise, one small
 * array per entity) and then written as a whole. Setting a day twice keeps the last values, so a
 * page read again after a retry cannot double anything.
 */
export class SeriesSlice {
  readonly days: number;
  private readonly entities = new Map<string, { rows: Uint8Array; values: Float64Array }>();

  constructor(
    readonly firstDay: number,
    readonly lastDay: number,
  ) {
    this.days = lastDay - firstDay + 1;
  }

  /** Values in INSIGHT_METRICS order; days outside the slice are ignored. */
  set(entityId: string, day: number, values: ArrayLike<number>): void {
    const offset = day - this.firstDay;
    if (offset < 0 || offset >= this.days) return;
    let entity = this.entities.get(entityId);
    if (!entity) {
      entity = {
        rows: new Uint8Array(this.days),
        values: new Float64Array(METRIC_COUNT * this.days),
      };
      this.entities.set(entityId, entity);
    }
    entity.rows[offset] = 1;
    for (let metric = 0; metric < METRIC_COUNT; metric++) {
      entity.values[metric * this.days + offset] = values[metric] ?? 0;
    }
  }

  entityIds(): IterableIterator<string> {
    return this.entities.keys();
  }

  /** Distinct (entity, day) rows held. */
  rowCount(): number {
    let count = 0;
    for (const { rows } of this.entities.values()) for (const row of rows) count += row;
    return count;
  }

  /** Copies the slice's days that fall in `chunk` into it, after clearing them. */
  applyTo(chunk: SeriesChunk): void {
    const from = Math.max(this.firstDay, chunk.chunk);
    const to = Math.min(this.lastDay, chunk.chunk + CHUNK_DAYS - 1);
    const entity = this.entities.get(chunk.entityId);
    for (let day = from; day <= to; day++) {
      const target = day - chunk.chunk;
      const source = day - this.firstDay;
      chunk.rows[target] = entity?.rows[source] ?? 0;
      for (let metric = 0; metric < METRIC_COUNT; metric++) {
        chunk.values[metric * CHUNK_DAYS + target] =
          entity?.values[metric * this.days + source] ?? 0;
      }
    }
  }
}

function keyOf(chunk: Pick<SeriesChunk, 'accountId' | 'level' | 'entityId' | 'chunk'>): SeriesKey {
  return [chunk.accountId, chunk.level, chunk.entityId, chunk.chunk];
}

function rowCount(chunk: SeriesChunk | undefined): number {
  return chunk ? chunk.rows.reduce((sum, row) => sum + row, 0) : 0;
}

/**
 * Replaces everything stored for `level` over the slice's days with the slice: days an entity has
 * no row for become empty, which is how a restated range is overwritten rather than merged. Call
 * inside a transaction to make it atomic with a checkpoint. Returns the change in stored rows.
 */
export async function writeSeriesSlice(
  accountId: AccountId,
  level: EntityLevel,
  slice: SeriesSlice,
): Promise<number> {
  const db = cacheDb();
  const chunks = chunksBetween(slice.firstDay, slice.lastDay);
  const keys = new Map<string, SeriesKey>();
  for (const chunk of chunks) {
    const stored = await db.series
      .where('[accountId+level+chunk]')
      .equals([accountId, level, chunk])
      .primaryKeys();
    for (const key of stored) keys.set(key.join('|'), key as SeriesKey);
    for (const entityId of slice.entityIds()) {
      const key: SeriesKey = [accountId, level, entityId, chunk];
      keys.set(key.join('|'), key);
    }
  }
  let delta = 0;
  const all = [...keys.values()];
  for (let start = 0; start < all.length; start += WRITE_ROUND) {
    const batch = all.slice(start, start + WRITE_ROUND);
    const stored = await db.series.bulkGet(batch);
    const keep: StoredChunk[] = [];
    const drop: SeriesKey[] = [];
    batch.forEach(([, , entityId, chunk], index) => {
      const before = validChunk(stored[index]);
      const after = before ?? emptyChunk(accountId, level, entityId, chunk);
      delta -= rowCount(before);
      slice.applyTo(after);
      const rows = rowCount(after);
      delta += rows;
      if (rows > 0) keep.push(packChunk(after));
      else if (stored[index] !== undefined) drop.push(keyOf(after));
    });
    await db.series.bulkPut(keep);
    await db.series.bulkDelete(drop);
  }
  return delta;
}

/**
 * Zeroes the metrics in every stored chunk: a metric the user no longer wants read is not kept
 * either. Chunks without a value of them are not rewritten.
 */
export async function clearSeriesMetrics(metrics: readonly InsightMetric[]): Promise<void> {
  if (metrics.length === 0) return;
  const columns = metrics.map((metric) => INSIGHT_METRICS.indexOf(metric) * CHUNK_DAYS);
  const holdsAny = (values: Float64Array) =>
    columns.some((start) =>
      values.subarray(start, start + CHUNK_DAYS).some((value) => value !== 0),
    );
  // Dexie writes every record back unless the callback returns false.
  await cacheDb()
    .series.toCollection()
    .modify((record) => {
      const chunk = validChunk(record);
      if (!chunk || !holdsAny(chunk.values)) return false;
      for (const start of columns) chunk.values.fill(0, start, start + CHUNK_DAYS);
      Object.assign(record, { packed: packChunk(chunk).packed });
      return true;
    });
}

/** One entity's days over a range: `rows[i]` and `values[metric][i]` for day `since + i`. */
export interface EntitySeries {
  readonly entityId: string;
  readonly rows: Uint8Array;
  /** One array per metric, in INSIGHT_METRICS order. */
  readonly values: Float64Array[];
}

function emptySeries(entityId: string, days: number): EntitySeries {
  return {
    entityId,
    rows: new Uint8Array(days),
    values: INSIGHT_METRICS.map(() => new Float64Array(days)),
  };
}

function copyInto(series: EntitySeries, chunk: SeriesChunk, firstDay: number): void {
  const days = series.rows.length;
  const from = Math.max(firstDay, chunk.chunk);
  const to = Math.min(firstDay + days - 1, chunk.chunk + CHUNK_DAYS - 1);
  if (from > to) return;
  // Both sides hold the days contiguously, so each metric is one block copy.
  const source = from - chunk.chunk;
  const count = to - from + 1;
  series.rows.set(chunk.rows.subarray(source, source + count), from - firstDay);
  series.values.forEach((column, metric) => {
    const start = metric * CHUNK_DAYS + source;
    column.set(chunk.values.subarray(start, start + count), from - firstDay);
  });
}

/**
 * Series of a level over [firstDay, lastDay]: of the given entities, or of every entity with a
 * stored chunk in the range. Chunks that fail validation are skipped (the next sync rewrites them).
 */
export async function readSeries(
  accountId: AccountId,
  level: EntityLevel,
  firstDay: number,
  lastDay: number,
  entityIds?: readonly string[],
): Promise<EntitySeries[]> {
  const db = cacheDb();
  const chunks = chunksBetween(firstDay, lastDay);
  const raw: unknown[] = entityIds
    ? await db.series.bulkGet(
        entityIds.flatMap((entityId) =>
          chunks.map((chunk): SeriesKey => [accountId, level, entityId, chunk]),
        ),
      )
    : (
        await Promise.all(
          chunks.map((chunk) =>
            db.series.where('[accountId+level+chunk]').equals([accountId, level, chunk]).toArray(),
          ),
        )
      ).flat();
  return seriesOf(raw, firstDay, lastDay, entityIds);
}

/**
 * Series of a level over [firstDay, lastDay] for `entityIds`, a run of the level's ids in key
 * order (as `listEntities` gives them), read as one range of records: IndexedDB has no multi-get,
 * so `readSeries` makes a request per chunk, and reading every entity of a large account that way
 * was most of its detection's time and of the browser's CPU (issue 17). Records in the range of
 * entities not listed, or of chunks outside the days, are skipped.
 */
export async function readSeriesOfRun(
  accountId: AccountId,
  level: EntityLevel,
  firstDay: number,
  lastDay: number,
  entityIds: readonly string[],
): Promise<EntitySeries[]> {
  const first = entityIds[0];
  const last = entityIds.at(-1);
  if (first === undefined || last === undefined) return [];
  const listed = new Set(entityIds);
  const firstChunk = chunkOf(firstDay);
  const records: unknown[] = await cacheDb()
    .series.where(':id')
    .between([accountId, level, first, firstChunk], [accountId, level, last, lastDay], true, true)
    .toArray();
  return seriesOf(
    records.filter((record) => {
      const { entityId, chunk } = record as { entityId?: unknown; chunk?: unknown };
      return (
        typeof entityId === 'string' &&
        listed.has(entityId) &&
        typeof chunk === 'number' &&
        chunk >= firstChunk &&
        chunk <= lastDay
      );
    }),
    firstDay,
    lastDay,
    entityIds,
  );
}

/** Stored records as series over the days: one per listed entity, then any other stored. */
function seriesOf(
  raw: readonly unknown[],
  firstDay: number,
  lastDay: number,
  entityIds: readonly string[] = [],
): EntitySeries[] {
  const days = lastDay - firstDay + 1;
  const byEntity = new Map<string, EntitySeries>(
    entityIds.map((entityId) => [entityId, emptySeries(entityId, days)]),
  );
  for (const record of raw) {
    const chunk = validChunk(record);
    if (!chunk) continue;
    let series = byEntity.get(chunk.entityId);
    if (!series) {
      series = emptySeries(chunk.entityId, days);
      byEntity.set(chunk.entityId, series);
    }
    copyInto(series, chunk, firstDay);
  }
  return [...byEntity.values()];
}

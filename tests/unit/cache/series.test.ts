import { beforeEach, describe, expect, it } from 'vitest';
import { appendApiCalls, API_LOG_LIMIT } from '@/lib/cache/api-log';
import { cacheDb } from '@/lib/cache/db';
import {
  CHUNK_DAYS,
  METRIC_COUNT,
  packChunk,
  readSeries,
  readSeriesOfRun,
  SeriesSlice,
  storedRows,
  validChunk,
  writeSeriesSlice,
  type SeriesChunk,
} from '@/lib/cache/series';
import { wipeCache } from '@/lib/cache/wipe';
import { INSIGHT_METRICS } from '@/lib/schema/insights';

beforeEach(wipeCache);

const SPEND = INSIGHT_METRICS.indexOf('spend');
/** A straddling range: the last 3 days of one chunk and the first 2 of the next. */
const FIRST = CHUNK_DAYS * 640 - 3;
const LAST = FIRST + 4;

function values(spend: number): number[] {
  const row = new Array<number>(METRIC_COUNT).fill(1);
  row[SPEND] = spend;
  return row;
}

function slice(first: number, last: number, rows: [string, number, number][]): SeriesSlice {
  const result = new SeriesSlice(first, last);
  for (const [entityId, day, spend] of rows) result.set(entityId, day, values(spend));
  return result;
}

async function spendOf(entityId: string, first = FIRST, last = LAST) {
  const [series] = await readSeries('act_1', 'ad', first, last, [entityId]);
  return { rows: Array.from(series!.rows), spend: Array.from(series!.values[SPEND]!) };
}

describe('series column chunks', () => {
  it('stores a level’s days across chunk boundaries and reads them back', async () => {
    const delta = await writeSeriesSlice(
      'act_1',
      'ad',
      slice(FIRST, LAST, [
        ['11', FIRST, 150],
        ['11', LAST, 275],
        ['12', FIRST + 2, 99],
      ]),
    );
    expect(delta).toBe(3);
    expect(await spendOf('11')).toEqual({ rows: [1, 0, 0, 0, 1], spend: [150, 0, 0, 0, 275] });
    expect(await spendOf('12')).toEqual({ rows: [0, 0, 1, 0, 0], spend: [0, 0, 99, 0, 0] });
    // Two entities, each in two chunks.
    await expect(cacheDb().series.count()).resolves.toBe(3);
  });

  it('overwrites a re-read range: restated values replace, missing rows clear, other days stay', async () => {
    await writeSeriesSlice(
      'act_1',
      'ad',
      slice(FIRST, LAST, [
        ['11', FIRST, 100],
        ['11', FIRST + 1, 100],
        ['12', FIRST + 3, 50],
      ]),
    );
    // Re-read only the last four days: day one keeps its value.
    const delta = await writeSeriesSlice(
      'act_1',
      'ad',
      slice(FIRST + 1, LAST, [['11', FIRST + 1, 120]]),
    );
    expect(delta).toBe(-1);
    expect(await spendOf('11')).toEqual({ rows: [1, 1, 0, 0, 0], spend: [100, 120, 0, 0, 0] });
    expect(await spendOf('12')).toEqual({ rows: [0, 0, 0, 0, 0], spend: [0, 0, 0, 0, 0] });
  });

  it('writing the same slice twice changes nothing: no duplicates', async () => {
    const rows: [string, number, number][] = [
      ['11', FIRST, 100],
      ['12', LAST, 7],
    ];
    await writeSeriesSlice('act_1', 'ad', slice(FIRST, LAST, rows));
    const before = await cacheDb().series.toArray();
    expect(await writeSeriesSlice('act_1', 'ad', slice(FIRST, LAST, rows))).toBe(0);
    expect(await cacheDb().series.toArray()).toEqual(before);
  });

  it('reads every entity with data when no ids are given, and skips corrupt chunks', async () => {
    await writeSeriesSlice(
      'act_1',
      'ad',
      slice(FIRST, LAST, [
        ['11', FIRST, 1],
        ['12', LAST, 2],
      ]),
    );
    await writeSeriesSlice('act_1', 'adset', slice(FIRST, LAST, [['21', FIRST, 3]]));
    const all = await readSeries('act_1', 'ad', FIRST, LAST);
    expect(all.map((series) => series.entityId).sort()).toEqual(['11', '12']);

    await cacheDb().series.update(['act_1', 'ad', '12', LAST - (LAST % CHUNK_DAYS)], {
      packed: new Uint8Array(3),
    });
    const [twelve] = await readSeries('act_1', 'ad', FIRST, LAST, ['12']);
    expect(Array.from(twelve!.rows)).toEqual([0, 0, 0, 0, 0]);
  });

  it('reads a run of entities in one range as chunk by chunk: only the listed ones, only their days', async () => {
    const rows: [string, number, number][] = [
      ['11', FIRST, 1],
      ['11', LAST, 2],
      ['12', FIRST + 1, 3],
      ['13', LAST, 4],
      ['14', FIRST, 5],
    ];
    await writeSeriesSlice('act_1', 'ad', slice(FIRST, LAST, rows));
    // A chunk well before the days read, and another account's and level's rows beside them.
    await writeSeriesSlice(
      'act_1',
      'ad',
      slice(FIRST - 100, FIRST - 100, [['12', FIRST - 100, 9]]),
    );
    await writeSeriesSlice('act_2', 'ad', slice(FIRST, LAST, [['12', FIRST, 8]]));
    await writeSeriesSlice('act_1', 'adset', slice(FIRST, LAST, [['12', LAST, 7]]));
    // '12' is stored but not listed (its entity record is gone): the range spans it, the read skips it.
    const listed = ['11', '13', '14', '15'];
    const run = await readSeriesOfRun('act_1', 'ad', FIRST, LAST, listed);
    const oneByOne = await readSeries('act_1', 'ad', FIRST, LAST, listed);
    expect(run.map((series) => series.entityId)).toEqual(listed);
    expect(run).toEqual(oneByOne);
    expect(Array.from(run[0]!.values[SPEND]!)).toEqual([1, 0, 0, 0, 2]);
    expect(Array.from(run[3]!.rows)).toEqual([0, 0, 0, 0, 0]);
    const [twelve] = await readSeriesOfRun('act_1', 'ad', FIRST + 1, LAST, ['12']);
    expect(Array.from(twelve!.values[SPEND]!)).toEqual([3, 0, 0, 0]);
    expect(await readSeriesOfRun('act_1', 'ad', FIRST, LAST, [])).toEqual([]);
  });
});

describe('packed chunks', () => {
  function chunkWith(fill: (metric: number, offset: number) => number, days: number[]) {
    const chunk: SeriesChunk = {
      accountId: 'act_1',
      level: 'ad',
      entityId: '11',
      chunk: CHUNK_DAYS * 640,
      rows: new Uint8Array(CHUNK_DAYS),
      values: new Float64Array(METRIC_COUNT * CHUNK_DAYS),
    };
    for (const offset of days) {
      chunk.rows[offset] = 1;
      for (let metric = 0; metric < METRIC_COUNT; metric++) {
        chunk.values[metric * CHUNK_DAYS + offset] = fill(metric, offset);
      }
    }
    return chunk;
  }

  it('keeps every value exactly, at each width, the 32nd day included', () => {
    const every = Array.from({ length: CHUNK_DAYS }, (_, offset) => offset);
    const samples = [0, 200, 60_000, 4_000_000_000, 2 ** 40, 12.5, -3, 2 ** 53 - 1];
    const chunk = chunkWith(
      (metric, offset) => (offset % 2 === 0 ? (samples[metric % samples.length] ?? 0) : metric),
      every,
    );
    const stored = packChunk(chunk);
    expect(validChunk(stored)).toEqual(chunk);
    expect(storedRows(stored)).toBe(CHUNK_DAYS);
  });

  it('keeps only the days with a row, and no bytes for a metric that is all zero', () => {
    const chunk = chunkWith((metric) => (metric === 0 ? 1234 : 0), [0, 5, 31]);
    const stored = packChunk(chunk);
    // Mask, one width byte per metric, then three 2-byte values of the only metric not zero.
    expect(stored.packed.length).toBe(4 + METRIC_COUNT + 3 * 2);
    expect(validChunk(stored)).toEqual(chunk);
    expect(storedRows(stored)).toBe(3);
  });

  it('costs at most half the bytes a row of Float64 columns did, for an ad’s typical day', () => {
    // Spend in cents, impressions, reach, frequency in millionths, clicks, purchases and value.
    const typical = [4_250, 3_100, 2_400, 1_290_000, 61, 44, 2, 9_800, 2_125, 2_310_000];
    const every = Array.from({ length: CHUNK_DAYS }, (_, offset) => offset);
    const stored = packChunk(chunkWith((metric) => typical[metric] ?? 0, every));
    const perRow = stored.packed.length / CHUNK_DAYS;
    expect(perRow).toBeLessThanOrEqual((METRIC_COUNT * 8) / 2);
  });

  it('rejects a packed array whose widths do not add up to its length', () => {
    const stored = packChunk(chunkWith(() => 7, [1, 2]));
    expect(validChunk({ ...stored, packed: stored.packed.subarray(0, -1) })).toBeUndefined();
    const badWidth = stored.packed.slice();
    badWidth[4] = 3;
    expect(validChunk({ ...stored, packed: badWidth })).toBeUndefined();
  });
});

describe('API call log', () => {
  it('keeps the latest calls only', async () => {
    const call = (time: number) => ({
      method: 'GET',
      path: '/v26.0/me',
      status: 200,
      errorCode: null,
      versionDeprecated: false,
      time,
      durationMs: 5,
    });
    await appendApiCalls(Array.from({ length: API_LOG_LIMIT }, (_, index) => call(index)));
    await appendApiCalls([call(API_LOG_LIMIT), call(API_LOG_LIMIT + 1)]);
    const db = cacheDb();
    await expect(db.apiCalls.count()).resolves.toBe(API_LOG_LIMIT);
    expect((await db.apiCalls.orderBy('id').first())?.time).toBe(2);
  });
});

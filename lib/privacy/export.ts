import { browser } from '#imports';
import { Dexie } from 'dexie';
import { requireAccount } from '@/lib/cache/accounts';
import { cacheDb } from '@/lib/cache/db';
import { listEntities } from '@/lib/cache/entities';
import { CHUNK_DAYS, validChunk, type SeriesChunk } from '@/lib/cache/series';
import type { AccountId } from '@/lib/schema/account';
import { AppError } from '@/lib/schema/errors';
import { MAX_EXPORT_CHARS } from '@/lib/schema/privacy';
import { ENTITY_LEVELS, INSIGHT_METRICS, type InsightMetric } from '@/lib/schema/insights';
import { exportOwnedSettings } from '@/lib/settings/owned';
import { listSavedSnapshots } from '@/lib/snapshots/store';
import { minorUnitDigits, minorUnitsPerMajor } from '@/lib/util/currency';
import { dateOfEpochDay } from '@/lib/util/dates';

/**
 * "Export my data": everything Adlens keeps in this browser, as one JSON document, and each
 * account's daily insights as CSV. The token is not in it: it lives only in the vault's own
 * database and in session storage, neither of which is read here. Settings (`storage.local` and the
 * background-owned ones, lib/settings/owned) hold nothing secret by design, so they are exported
 * as stored.
 */
export const EXPORT_FORMAT = 'adlens-export';
export const EXPORT_VERSION = 1;

const MONEY: ReadonlySet<InsightMetric> = new Set(['spend', 'purchaseValue', 'costPerPurchase']);
const MILLIONTHS: ReadonlySet<InsightMetric> = new Set(['frequency', 'purchaseRoas']);
/** Insight rows as columns and rows rather than objects: a large account stays a few tens of MB. */
const INSIGHT_COLUMNS = ['date', 'level', 'entityId', ...INSIGHT_METRICS] as const;

function chunkRows(chunk: SeriesChunk): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (let offset = 0; offset < CHUNK_DAYS; offset++) {
    if (chunk.rows[offset] !== 1) continue;
    rows.push([
      dateOfEpochDay(chunk.chunk + offset),
      chunk.level,
      chunk.entityId,
      ...INSIGHT_METRICS.map((_, metric) => chunk.values[metric * CHUNK_DAYS + offset] ?? 0),
    ]);
  }
  return rows;
}

async function insightRows(accountId?: AccountId): Promise<(string | number)[][]> {
  const series = cacheDb().series;
  const chunks =
    accountId === undefined
      ? series.toCollection()
      : series
          .where('[accountId+level+chunk]')
          .between([accountId, Dexie.minKey], [accountId, Dexie.maxKey], true, true);
  const rows: (string | number)[][] = [];
  await chunks.each((raw: unknown) => {
    const chunk = validChunk(raw);
    if (chunk) rows.push(...chunkRows(chunk));
  });
  return rows;
}

/** The whole local store, without the token, as JSON text. */
export async function exportEverything(now = Date.now()): Promise<string> {
  const db = cacheDb();
  const tables: Record<string, unknown> = {};
  for (const table of db.tables) {
    if (table.name === db.series.name) continue;
    tables[table.name] = await table.toArray();
  }
  const document = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date(now).toISOString(),
    notes: {
      money: 'minor units of the account currency (cents; yen have none)',
      ratios: 'frequency and purchaseRoas in millionths',
      dates: "the ad account's own time zone",
    },
    settings: { ...(await browser.storage.local.get(null)), ...(await exportOwnedSettings()) },
    cache: {
      ...tables,
      insights: { columns: INSIGHT_COLUMNS, rows: await insightRows() },
    },
    savedSnapshots: await listSavedSnapshots(now),
  };
  // Compact: an indented file of a large account's insight rows would be several times larger.
  const json = JSON.stringify(document);
  if (json.length > MAX_EXPORT_CHARS) {
    throw new AppError(
      'export-too-large',
      `Your data is too large for one file (${Math.round(json.length / 1e6)} MB). Export each account's daily insights as CSV, or keep fewer days.`,
    );
  }
  return json;
}

/** A spreadsheet must not run an advertiser's name as a formula, and commas must not split it. */
export function csvCell(value: string): string {
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replaceAll('"', '""')}"` : inert;
}

function formatMetric(metric: InsightMetric, value: number, currency: string): string {
  if (MONEY.has(metric)) {
    return (value / minorUnitsPerMajor(currency)).toFixed(minorUnitDigits(currency));
  }
  if (MILLIONTHS.has(metric)) return String(value / 1_000_000);
  return String(value);
}

/** One account's daily insights, a row per entity and day, money in the account currency. */
export async function exportAccountCsv(accountId: AccountId): Promise<string> {
  const account = await requireAccount(accountId);
  const { currency } = account;
  const names = new Map<string, string>();
  for (const level of ENTITY_LEVELS) {
    for (const entity of await listEntities(accountId, level))
      names.set(entity.entityId, entity.name);
  }
  const header = ['date', 'level', 'entity_id', 'entity_name', ...INSIGHT_METRICS].join(',');
  const metricStart = 3;
  const lines = (await insightRows(accountId))
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
    .map((row) => {
      const [date, level, entityId] = row.map(String);
      const metrics = INSIGHT_METRICS.map((metric, index) =>
        formatMetric(metric, Number(row[metricStart + index]), currency),
      );
      return [date, level, entityId, csvCell(names.get(entityId ?? '') ?? ''), ...metrics].join(
        ',',
      );
    });
  return `${[header, ...lines].join('\r\n')}\r\n`;
}

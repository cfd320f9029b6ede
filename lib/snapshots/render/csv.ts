import { listDays } from '@/lib/util/dates';
import type { Reader } from '@/lib/util/message-keys';
import { metricHeading } from './format';
import type { Snapshot } from '@/lib/snapshots/format/schema';

/**
 * The daily series as CSV: a date column and one column per metric, headed in the reader's
 * language; the cells are ISO dates and plain numbers, which every spreadsheet reads. Only dates,
 * metric names and numbers, so no cell can start a spreadsheet formula.
 */
export function snapshotCsv(snapshot: Snapshot, reader: Reader): string {
  const header = [
    reader.t('snapshotCsvDate'),
    ...snapshot.series.map((line) => metricHeading(line.metric, snapshot.currency, reader)),
  ].map(quoted);
  const rows = listDays(snapshot.range).map((day, index) => [
    day,
    ...snapshot.series.map((line) => {
      const value = line.values[index];
      return value === null || value === undefined ? '' : String(value);
    }),
  ]);
  return `${[header, ...rows].map((row) => row.join(',')).join('\r\n')}\r\n`;
}

/** A heading with a comma or quote in some language stays one cell. */
function quoted(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

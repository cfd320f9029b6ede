import { listDays } from '@/lib/util/dates';
import { metricHeading } from './format';
import type { Snapshot } from './schema';

/**
 * The daily series as CSV: a date column and one column per metric. Only dates, metric names and
 * numbers, so no cell can start a spreadsheet formula.
 */
export function snapshotCsv(snapshot: Snapshot): string {
  const header = [
    'date',
    ...snapshot.series.map((line) => metricHeading(line.metric, snapshot.currency)),
  ];
  const rows = listDays(snapshot.range).map((day, index) => [
    day,
    ...snapshot.series.map((line) => {
      const value = line.values[index];
      return value === null || value === undefined ? '' : String(value);
    }),
  ]);
  return `${[header, ...rows].map((row) => row.join(',')).join('\r\n')}\r\n`;
}

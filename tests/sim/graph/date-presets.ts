import { addDays, monthStart, weekday } from '../world/calendar';

/** The 20 `date_preset` values (meta-graph-api.md §3.2), resolved against an account-local today. */
export const DATE_PRESETS = [
  'today',
  'yesterday',
  'this_month',
  'last_month',
  'this_quarter',
  'maximum',
  'data_maximum',
  'last_3d',
  'last_7d',
  'last_14d',
  'last_28d',
  'last_30d',
  'last_90d',
  'last_week_mon_sun',
  'last_week_sun_sat',
  'last_quarter',
  'last_year',
  'this_week_mon_today',
  'this_week_sun_today',
  'this_year',
] as const;

export type DatePreset = (typeof DATE_PRESETS)[number];

export interface DateRange {
  readonly since: string;
  readonly until: string;
}

/** Insights retention: 37 months, which Airbyte clamps to the 1,123 days it can be at least. */
export const RETENTION_DAYS = 1123;

export function isDatePreset(value: string): value is DatePreset {
  return (DATE_PRESETS as readonly string[]).includes(value);
}

/** `last_Nd` presets end yesterday: today is never part of them. */
export function resolveDatePreset(preset: DatePreset, today: string): DateRange {
  switch (preset) {
    case 'last_3d':
    case 'last_7d':
    case 'last_14d':
    case 'last_28d':
    case 'last_30d':
    case 'last_90d': {
      const days = Number(preset.slice(5, -1));
      return { since: addDays(today, -days), until: addDays(today, -1) };
    }
    case 'today':
      return { since: today, until: today };
    case 'yesterday':
      return { since: addDays(today, -1), until: addDays(today, -1) };
    case 'this_month':
      return { since: monthStart(today), until: today };
    case 'last_month':
      return { since: monthStart(today, -1), until: addDays(monthStart(today), -1) };
    case 'this_quarter':
      return { since: quarterStart(today, 0), until: today };
    case 'last_quarter':
      return { since: quarterStart(today, -1), until: addDays(quarterStart(today, 0), -1) };
    case 'this_year':
      return { since: `${today.slice(0, 4)}-01-01`, until: today };
    case 'last_year': {
      const year = Number(today.slice(0, 4)) - 1;
      return { since: `${year}-01-01`, until: `${year}-12-31` };
    }
    case 'maximum':
    case 'data_maximum':
      return { since: addDays(today, -RETENTION_DAYS), until: today };
    case 'this_week_mon_today':
      return { since: addDays(today, -((weekday(today) + 6) % 7)), until: today };
    case 'this_week_sun_today':
      return { since: addDays(today, -weekday(today)), until: today };
    case 'last_week_mon_sun': {
      const monday = addDays(today, -((weekday(today) + 6) % 7) - 7);
      return { since: monday, until: addDays(monday, 6) };
    }
    case 'last_week_sun_sat': {
      const sunday = addDays(today, -weekday(today) - 7);
      return { since: sunday, until: addDays(sunday, 6) };
    }
  }
}

function quarterStart(date: string, quarterOffset: number): string {
  const month = Number(date.slice(5, 7)) - 1;
  const first = monthStart(date, -(month % 3));
  return monthStart(first, quarterOffset * 3);
}

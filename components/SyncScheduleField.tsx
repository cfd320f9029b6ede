import { SYNC_INTERVALS_MINUTES } from '@/lib/schema/sync';

type Interval = (typeof SYNC_INTERVALS_MINUTES)[number];

interface SyncScheduleFieldProps {
  readonly intervalMinutes: Interval;
  readonly onChange: (intervalMinutes: Interval) => void;
}

function intervalText(minutes: Interval): string {
  if (minutes === 0) return 'Off (Sync now only)';
  if (minutes < 60) return `Every ${minutes} minutes`;
  if (minutes === 60) return 'Every hour';
  return minutes === 1440 ? 'Once a day' : `Every ${minutes / 60} hours`;
}

/** How often the background syncs every enabled account on its own. */
export function SyncScheduleField({ intervalMinutes, onChange }: SyncScheduleFieldProps) {
  return (
    <label class="field">
      Sync automatically{' '}
      <select
        data-testid="sync-interval"
        value={String(intervalMinutes)}
        onChange={(event) => {
          const chosen = SYNC_INTERVALS_MINUTES.find(
            (minutes) => String(minutes) === event.currentTarget.value,
          );
          if (chosen !== undefined) onChange(chosen);
        }}
      >
        {SYNC_INTERVALS_MINUTES.map((minutes) => (
          <option key={minutes} value={String(minutes)}>
            {intervalText(minutes)}
          </option>
        ))}
      </select>
    </label>
  );
}

import type { Translate } from '@/components/translate';
import { SYNC_INTERVALS_MINUTES } from '@/lib/schema/sync';

type Interval = (typeof SYNC_INTERVALS_MINUTES)[number];

interface SyncScheduleFieldProps {
  readonly intervalMinutes: Interval;
  readonly onChange: (intervalMinutes: Interval) => void;
  readonly t: Translate;
}

function intervalText(minutes: Interval, t: Translate): string {
  if (minutes === 0) return t('syncIntervalOff');
  if (minutes < 60) return t('syncIntervalMinutes', minutes);
  if (minutes === 60) return t('syncIntervalHour');
  return minutes === 1440 ? t('syncIntervalDay') : t('syncIntervalHours', minutes / 60);
}

/** How often the background syncs every enabled account on its own. */
export function SyncScheduleField({ intervalMinutes, onChange, t }: SyncScheduleFieldProps) {
  return (
    <label class="field">
      {t('syncAutomatically')}{' '}
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
            {intervalText(minutes, t)}
          </option>
        ))}
      </select>
    </label>
  );
}

import { browser } from '#imports';
import type { SyncSettings } from '@/lib/schema/sync';

/**
 * The sync's alarms: one periodic alarm for the scheduled sync (hourly by default, off when the
 * interval is 0), and one one-shot alarm that wakes the worker to carry on: when a rate limit ends,
 * or a minute after a worker that was syncing might have been stopped.
 */
export const SYNC_ALARM = 'adlens-sync';
export const RESUME_ALARM = 'adlens-sync-resume';
/** Chrome does not fire alarms sooner than 30 s ahead. */
const MIN_DELAY_MS = 30_000;

export async function applySyncSchedule(settings: SyncSettings): Promise<void> {
  const minutes = settings.intervalMinutes;
  if (minutes === 0) {
    await browser.alarms.clear(SYNC_ALARM);
    return;
  }
  const existing = await browser.alarms.get(SYNC_ALARM);
  if (existing?.periodInMinutes === minutes) return;
  await browser.alarms.create(SYNC_ALARM, { delayInMinutes: minutes, periodInMinutes: minutes });
}

export async function nextScheduledSync(): Promise<number | null> {
  return (await browser.alarms.get(SYNC_ALARM))?.scheduledTime ?? null;
}

/** Wakes the worker at `at`, or earlier if another wake-up is already due before it. */
export async function scheduleResume(at: number, now = Date.now()): Promise<void> {
  const when = Math.max(at, now + MIN_DELAY_MS);
  const existing = await browser.alarms.get(RESUME_ALARM);
  if (existing && existing.scheduledTime > now && existing.scheduledTime <= when) return;
  await browser.alarms.create(RESUME_ALARM, { when });
}

import { browser, defineBackground } from '#imports';
import { onRenewalAlarm, resumeRenewal } from '@/lib/auth/renewal';
import { graphErrorToAppError } from '@/lib/graph/errors';
import { listenForMessages } from '@/lib/messaging/server';
import { applyDataPolicy } from '@/lib/privacy/data-policy';
import { RETENTION_ALARM, scheduleRetention } from '@/lib/privacy/retention';
import { moveLegacySettings } from '@/lib/settings/legacy';
import { readSyncSettings } from '@/lib/settings/sync';
import { applySyncSchedule } from '@/lib/sync/schedule';
import { onSyncAlarm, startSyncService } from '@/lib/sync/service';
import { handlers } from './handlers';

export default defineBackground(() => {
  listenForMessages(handlers, graphErrorToAppError);
  void resumeRenewal();
  browser.alarms.onAlarm.addListener(({ name }) => void onRenewalAlarm(name));
  browser.alarms.onAlarm.addListener((alarm) => void onSyncAlarm(alarm.name));
  // Settings change only through `settings.updateSync`, which applies them; nothing here watches
  // storage.local, which content scripts can write. The daily alarm ages insights out.
  browser.alarms.onAlarm.addListener(({ name }) => {
    if (name === RETENTION_ALARM) void readSyncSettings().then(applyDataPolicy);
  });
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason !== 'update') return;
    void moveLegacySettings().then(readSyncSettings).then(applySyncSchedule);
  });
  void scheduleRetention();
  // Every worker start: the schedule as set, and any sync a stopped worker left unfinished.
  void startSyncService();
});

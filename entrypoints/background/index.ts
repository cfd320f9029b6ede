import { browser, defineBackground } from '#imports';
import { onRenewalAlarm, resumeRenewal } from '@/lib/auth/renewal';
import { applyTokenPersistence } from '@/lib/auth/vault';
import { graphErrorToAppError } from '@/lib/graph/errors';
import { listenForMessages } from '@/lib/messaging/server';
import { applyDataPolicy } from '@/lib/privacy/data-policy';
import { RETENTION_ALARM, scheduleRetention } from '@/lib/privacy/retention';
import { syncSettings } from '@/lib/settings/sync';
import { forgetTokenOnBrowserClose } from '@/lib/settings/token-persistence';
import { applySyncSchedule } from '@/lib/sync/schedule';
import { onSyncAlarm, startSyncService } from '@/lib/sync/service';
import { handlers } from './handlers';

export default defineBackground(() => {
  listenForMessages(handlers, graphErrorToAppError);
  forgetTokenOnBrowserClose.watch(() => void applyTokenPersistence());
  void resumeRenewal();
  browser.alarms.onAlarm.addListener(({ name }) => void onRenewalAlarm(name));
  browser.alarms.onAlarm.addListener((alarm) => void onSyncAlarm(alarm.name));
  syncSettings.watch((settings) => void applySyncSchedule(settings));
  // Data no longer wanted goes at once; the daily alarm ages insights out between changes.
  syncSettings.watch((settings) => void applyDataPolicy(settings));
  browser.alarms.onAlarm.addListener(({ name }) => {
    if (name === RETENTION_ALARM) void syncSettings.getValue().then(applyDataPolicy);
  });
  void scheduleRetention();
  // Every worker start: the schedule as set, and any sync a stopped worker left unfinished.
  void startSyncService();
});

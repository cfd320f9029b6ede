import type { Handler } from '@/lib/messaging/server';
import { clearApiLog, readApiLog } from '@/lib/privacy/api-log';
import { exportAccountCsv, exportEverything } from '@/lib/privacy/export';
import { describeStoredData } from '@/lib/privacy/stored-data';

/** What Adlens keeps, shown and exported as it is (lib/privacy does the work). */
export const storedData: Handler<'privacy.storedData'> = () => describeStoredData();

export const exportData: Handler<'privacy.export'> = async () => ({
  json: await exportEverything(),
});

export const exportCsv: Handler<'privacy.exportCsv'> = async ({ accountId }) => ({
  csv: await exportAccountCsv(accountId),
});

export const apiLog: Handler<'privacy.apiLog'> = () => readApiLog();

export const apiLogClear: Handler<'privacy.clearApiLog'> = async () => {
  await clearApiLog();
  return {};
};

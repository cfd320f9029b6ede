import { defineHandler } from '@/lib/messaging/handler';
import { exportAccountCsv } from '@/lib/privacy/export';

/** One account's daily insights as CSV, a row per entity and day. */
export default defineHandler('privacy.exportCsv', async ({ accountId }) => ({
  csv: await exportAccountCsv(accountId),
}));

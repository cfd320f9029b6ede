import type { Handler } from '@/lib/messaging/server';
import { exportAccountCsv } from '@/lib/privacy/export';

export const exportCsv: Handler<'privacy.exportCsv'> = async ({ accountId }) => ({
  csv: await exportAccountCsv(accountId),
});

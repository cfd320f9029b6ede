import { defineHandler } from '@/lib/messaging/handler';
import { readApiLog } from '@/lib/privacy/api-log';

/** The log of calls made to Meta, shown as it is. */
export default defineHandler('privacy.apiLog', () => readApiLog());

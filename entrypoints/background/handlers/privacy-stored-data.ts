import { defineHandler } from '@/lib/messaging/handler';
import { describeStoredData } from '@/lib/privacy/stored-data';

/** What Adlens keeps, shown as it is (lib/privacy does the work). */
export default defineHandler('privacy.storedData', () => describeStoredData());

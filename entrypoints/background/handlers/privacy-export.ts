import { defineHandler } from '@/lib/messaging/handler';
import { exportEverything } from '@/lib/privacy/export';

/** Everything Adlens keeps, the token left out, as JSON. */
export default defineHandler('privacy.export', async () => ({ json: await exportEverything() }));

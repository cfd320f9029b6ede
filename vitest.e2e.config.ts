import { defineConfig } from 'vitest/config';

// Puppeteer specs against the production build in real Chromium. One file at a time: each file
// owns a browser and a simulator, and the machine has two cores.
export default defineConfig({
  // Specs may build test data with the product's own pure modules (lib/share), which import '@/…'.
  resolve: { alias: { '@': import.meta.dirname } },
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    // Quarantined 2026-11-23: on a loaded 2-core machine the worker sometimes does not come back
    // within the harness's wait after the second stop, so the spec fails without a product fault
    // being shown. Issue 3 stays open until it is made reliable and back in this run.
    exclude: ['tests/e2e/sync-resume.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

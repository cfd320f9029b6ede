import { defineConfig } from 'vitest/config';

// Puppeteer specs against the production build in real Chromium. One file at a time: each file
// owns a browser and a simulator, and the machine has two cores.
export default defineConfig({
  // Specs may build test data with the product's own pure modules (lib/snapshots), which import '@/…'.
  resolve: { alias: { '@': import.meta.dirname } },
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

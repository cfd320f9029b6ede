import { defineConfig } from 'vitest/config';

// The Firefox lane: the same simulator and harness as the Chromium specs, against the Firefox build
// (`npm run build:firefox`) in Debian's firefox-esr over WebDriver BiDi.
export default defineConfig({
  resolve: { alias: { '@': import.meta.dirname } },
  test: {
    include: ['tests/e2e-firefox/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: [
      'tests/unit/**/*.test.{ts,tsx}',
      'tests/sim/**/*.test.ts',
      'tests/audit/**/*.test.ts',
      // The benches' own generators and scores, checked beside them.
      'tests/bench/**/*.test.ts',
    ],
    setupFiles: ['fake-indexeddb/auto'],
    restoreMocks: true,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Synthesis tests write to temporary folders; keep the default isolation per file.
    testTimeout: 30_000,
    // One fast-check seed for every property test (test/support/seed.ts; NETPOL_SEED overrides it).
    setupFiles: ['test/support/seed.ts'],
    // temporary-folder: one temporary folder for the run, removed at its end.
    globalSetup: ['test/support/seed-banner.ts', 'test/support/temporary-folder.ts'],
  },
});

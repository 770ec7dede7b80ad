import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Synthesis tests write to temporary folders; keep the default isolation per file.
    testTimeout: 30_000,
  },
});

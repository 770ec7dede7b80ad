import { defineConfig } from 'vitest/config';

// `npm run test:consumer`: the consumer path (packs and installs from the npm registry), apart from `npm test`.
export default defineConfig({
  test: { include: ['test-consumer/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 600_000 },
});

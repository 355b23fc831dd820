import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Simulator tests use real loopback sockets; a generous timeout keeps a slow CI machine green.
    testTimeout: 20_000,
    // The e2e tests (test/e2e) run the built app; this builds dist/ when it is missing or stale.
    globalSetup: ['test/e2e/global-setup.ts'],
  },
});

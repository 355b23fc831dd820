import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Simulator tests use real loopback sockets; a generous timeout keeps a slow CI machine green.
    testTimeout: 20_000,
  },
});

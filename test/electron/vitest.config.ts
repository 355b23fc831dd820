/**
 * The end-to-end tests in a real Electron, run by `npm run test:electron` (test/electron/run.ts)
 * only where the Electron binary is installed. They are named *.spec.ts so that the main
 * config (test/**\/*.test.ts) never picks them up.
 */
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The project folder, so `include` and the app's own paths mean the same as in the main config.
    root: path.join(import.meta.dirname, '../..'),
    include: ['test/electron/*.spec.ts'],
    // Starting Electron and building its first window takes seconds, more on a cold CI machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One app at a time: each would otherwise compete for the display and the CPU.
    fileParallelism: false,
  },
});

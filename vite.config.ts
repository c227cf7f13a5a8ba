import { defineConfig } from 'vitest/config';

/**
 * One config for the game build and the test runner. Tests run in forked processes: the native
 * WebRTC module (@roamhq/wrtc) crashes worker threads at exit.
 */
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

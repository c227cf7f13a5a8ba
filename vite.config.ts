import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { leanPhaser } from './scripts/phaser-lean-plugin.js';
import { precompress } from './scripts/precompress-plugin.js';
import { preloadLazyChunks } from './scripts/preload-lazy-plugin.js';

/** msgpack's builds that never generate code at run time, so the page's CSP needs no 'unsafe-eval'. */
const noEval = (module: string): string => fileURLToPath(new URL(`./node_modules/${module}/dist/index-no-eval.cjs`, import.meta.url));

/**
 * One config for the game build and the test runner. Tests run in forked processes: the native
 * WebRTC module (@roamhq/wrtc) crashes worker threads at exit.
 */
export default defineConfig({
  // Sprites and sounds made for the games (assets/LICENSE.md), served from the site's root.
  publicDir: 'assets',
  // The network stack is what joining waits for: its download starts with the page's own script.
  plugins: [leanPhaser(), preloadLazyChunks(['src/view/live-game.ts']), precompress()],
  resolve: {
    alias: [
      { find: /^msgpackr$/, replacement: noEval('msgpackr') },
      { find: /^@colyseus\/msgpackr$/, replacement: noEval('@colyseus/msgpackr') },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // One page per game; the server serves the one chosen at start (GAME) at / and /join/CODE.
    rolldownOptions: { input: { index: 'index.html', tag: 'tag.html' } },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

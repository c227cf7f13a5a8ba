import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { hostmesh } from './server/vite/index.js';

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

/**
 * One config for the game build and the test runner. Tests run in forked processes: the native
 * WebRTC module (@roamhq/wrtc) crashes worker threads at exit.
 */
export default defineConfig({
  // Sprites and sounds made for the games (assets/LICENSE.md), served from the site's root.
  publicDir: 'assets',
  // hostmesh() preloads the network stack, which joining waits for, and builds Phaser lean.
  plugins: [hostmesh({ leanPhaser: true })],
  resolve: {
    // The games here import the engine by its package name, as an author's game does.
    alias: [
      { find: /^hostmesh$/, replacement: here('./src/index.ts') },
      { find: /^hostmesh\/testing$/, replacement: here('./src/testing/index.ts') },
      { find: /^hostmesh\/page\.css$/, replacement: here('./src/view/page.css') },
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
    include: ['tests/**/*.test.ts', 'src/games/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

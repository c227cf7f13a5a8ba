import type { Plugin } from 'vite';
import { devLobby, type DevLobbyOptions } from './dev-lobby-plugin.js';
import { noEvalMsgpack } from './no-eval-msgpack.js';
import { precompress } from './precompress-plugin.js';
import { leanPhaser, type LeanPhaserOptions } from './lean-phaser.js';
import { preloadLazyChunks } from './preload-lazy-plugin.js';

/**
 * The engine's network stack (lobby client, WebRTC links, codec), which runGame imports at run
 * time beside the start page: joining waits for it, so its download starts with the page's own
 * script. As a source file here, as a built one in a game that installed the package.
 */
const NETWORK_STACK = ['src/view/live-game.ts', 'src/view/live-game.js'];

export interface HostmeshPluginOptions extends DevLobbyOptions {
  /**
   * Build the page with the part of Phaser the engine and a simple game use (see leanPhaser):
   * a Phaser chunk about 40 % smaller for a friend's first visit. Off by default, because a game
   * that uses more of Phaser must list it (`{ add: [...] }`) and would otherwise fail only in
   * its built page.
   */
  readonly leanPhaser?: boolean | LeanPhaserOptions;
}

/**
 * `hostmesh/vite`: what a game's `vite.config.ts` adds to build and develop with Hostmesh.
 * - `vite dev`: the lobby runs inside the dev server, on its port (invite links work, edits reload);
 * - `vite build`: brotli and gzip copies of every text file, which `hostmesh serve` sends, and a
 *   preload hint for the engine's network stack, so joining does not wait a round trip for it;
 * - both: msgpack without run-time code generation, as the server's CSP requires;
 * - with `leanPhaser`, a build with only the part of Phaser the game uses.
 *
 * ```ts
 * export default defineConfig({ plugins: [hostmesh()] });
 * ```
 */
export function hostmesh(options: HostmeshPluginOptions = {}): Plugin[] {
  const lean = options.leanPhaser === undefined || options.leanPhaser === false ? [] : [leanPhaser(options.leanPhaser === true ? {} : options.leanPhaser)];
  return [...lean, noEvalMsgpack(), devLobby(options), preloadLazyChunks(NETWORK_STACK), precompress()];
}

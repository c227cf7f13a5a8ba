import type { Plugin } from 'vite';
import { devLobby, type DevLobbyOptions } from './dev-lobby-plugin.js';
import { noEvalMsgpack } from './no-eval-msgpack.js';
import { precompress } from './precompress-plugin.js';

export type HostmeshPluginOptions = DevLobbyOptions;

/**
 * `hostmesh/vite`: what a game's `vite.config.ts` adds to build and develop with Hostmesh.
 * - `vite dev`: the lobby runs inside the dev server, on its port (invite links work, edits reload);
 * - `vite build`: brotli and gzip copies of every text file, which `hostmesh serve` sends;
 * - both: msgpack without run-time code generation, as the server's CSP requires.
 *
 * ```ts
 * export default defineConfig({ plugins: [hostmesh()] });
 * ```
 */
export function hostmesh(options: HostmeshPluginOptions = {}): Plugin[] {
  return [noEvalMsgpack(), devLobby(options), precompress()];
}

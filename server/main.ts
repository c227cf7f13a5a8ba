import { fileURLToPath } from 'node:url';
import { readGamePage } from './game-page.js';
import { serveUntilSignalled } from './serve-process.js';

/**
 * `npm start` in this repository: this build's games (`GAME` picks one) and the lobby. Game
 * authors run their own build with `hostmesh serve` (server/cli.ts) instead.
 */
const page = readGamePage(process.env['GAME']);
if (page.ok) {
  // Where `vite build` puts the games, relative to this file once compiled into build/lib/server/.
  const staticDir = process.env['STATIC_DIR'] ?? fileURLToPath(new URL('../../../dist/', import.meta.url));
  await serveUntilSignalled({ staticDir, page: page.value });
} else {
  process.stderr.write(`${page.reason}\n`);
  process.exitCode = 1;
}

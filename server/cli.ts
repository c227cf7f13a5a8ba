#!/usr/bin/env node
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createStarter } from './create-starter.js';
import { engineManifest } from './package-root.js';
import { serveUntilSignalled } from './serve-process.js';

const USAGE = `Usage:
  hostmesh serve [folder] [--page index.html]   serve a built game (default folder: dist) and its lobby on one port
  hostmesh create <folder> [--engine <spec>]    write a new game project (Vite + TypeScript + Phaser) to <folder>
  hostmesh --version

serve reads the same environment as the engine's npm start: PORT (default 2567), HOST, STUN_PORT,
ICE_SERVERS, TURN, TURN_SECRET, TURN_URLS, REDIS_URL, PUBLIC_ADDRESS, ALLOWED_ORIGINS, LOG_LEVEL.
`;

/** Says what went wrong and how the command is used, and exits with 2 (a usage error). */
function usageError(message: string): never {
  process.stderr.write(`hostmesh: ${message}\n\n${USAGE}`);
  process.exit(2);
}

/** A path as one word a shell reads back unchanged (quoted when it has spaces or symbols). */
function shellWord(text: string): string {
  return /^[\w./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

async function main(argv: readonly string[]): Promise<void> {
  const parsed = (() => {
    try {
      return parseArgs({ args: [...argv], allowPositionals: true, options: { page: { type: 'string' }, engine: { type: 'string' }, version: { type: 'boolean' }, help: { type: 'boolean' } } });
    } catch (error) {
      return usageError(error instanceof Error ? error.message : String(error));
    }
  })();
  const [command, ...rest] = parsed.positionals;
  const engine = engineManifest();
  if (parsed.values.version === true) {
    process.stdout.write(`${engine.version}\n`);
    return;
  }
  if (parsed.values.help === true || command === undefined) {
    process.stdout.write(USAGE);
    return;
  }
  if (command === 'serve') {
    if (rest.length > 1) usageError('serve takes one folder');
    const staticDir = path.resolve(rest[0] ?? 'dist');
    await serveUntilSignalled({ staticDir, ...(parsed.values.page === undefined ? {} : { page: parsed.values.page }) });
    return;
  }
  if (command === 'create') {
    const [folder] = rest;
    if (folder === undefined || rest.length > 1) usageError('create takes one folder, e.g. hostmesh create my-game');
    const created = await createStarter(engine, { folder, ...(parsed.values.engine === undefined ? {} : { engineSpec: parsed.values.engine }) });
    if (!created.ok) {
      process.stderr.write(`hostmesh: ${created.reason}\n`);
      process.exitCode = 1;
      return;
    }
    const relative = shellWord(path.relative(process.cwd(), created.value.folder) || '.');
    process.stdout.write(`Created ${created.value.name} in ${created.value.folder}.\n\nNext:\n  cd ${relative}\n  npm install && npm start    (then open the URL it prints, and send a friend the invite link)\n  npm test\n`);
    return;
  }
  usageError(`unknown command "${command}"`);
}

await main(process.argv.slice(2));

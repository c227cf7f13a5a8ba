import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { killWithParent } from './child-process.js';

const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));

export interface CommandRun {
  readonly output: string;
  readonly ms: number;
}

/**
 * Runs a command to completion and returns what it printed; a non-zero exit rejects with the
 * command, its code and the end of its output. npm reads its cache first (`prefer-offline`):
 * CI fills the cache before the tests lose the network (tests/support/warm-author-cache.ts).
 */
export function runCommand(command: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<CommandRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    killWithParent(child);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve({ output, ms: performance.now() - started });
      else reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) exited with ${code ?? signal}:\n${output.slice(-4_000)}`));
    });
  });
}

/**
 * npm settings for a run without the registry (the tests run in a network namespace): a package
 * missing from npm's cache fails at once (`ENOTCACHED`) instead of npm retrying a network that is
 * not there for minutes.
 */
export const CACHE_ONLY: Readonly<Record<string, string>> = { npm_config_offline: 'true' };

/** What to tell someone whose npm cache lacks the starter's packages, with npm's own words after it. */
export function explainCacheMiss(error: unknown): unknown {
  if (!(error instanceof Error) || !error.message.includes('ENOTCACHED')) return error;
  return new Error(`npm's cache lacks packages a starter project installs. With the network, run once: npm run build && npx tsx tests/support/warm-author-cache.ts (.ci/run does).\n${error.message}`);
}

/** A game project made as an outside author makes one: from the engine's tarball, then installed. */
export interface AuthorProject {
  readonly tarball: string;
  readonly folder: string;
  /** How long each step took, in milliseconds. */
  readonly timings: { readonly pack: number; readonly create: number; readonly install: number };
}

/**
 * `npm pack` of this repository (its build, made by `npm test` before the tests run: packing does
 * not rebuild, so no test's running server sees its files rewritten), then in `work` (a folder
 * outside the repository) `hostmesh create my-game` run from the tarball, and `npm install`, npm
 * with `npmEnv` besides (e.g. CACHE_ONLY).
 */
export async function createAuthorProject(work: string, npmEnv: Record<string, string> = {}): Promise<AuthorProject> {
  const pack = await runCommand('npm', ['pack', '--ignore-scripts', '--pack-destination', work], REPOSITORY, npmEnv);
  const tarballName = pack.output.trim().split('\n').at(-1)?.trim() ?? '';
  if (!tarballName.endsWith('.tgz')) throw new Error(`npm pack printed no tarball name:\n${pack.output}`);
  const tarball = path.join(work, tarballName);
  const create = await runCommand('npm', ['exec', '--yes', '--package', tarball, '--', 'hostmesh', 'create', 'my-game', '--engine', tarball], work, npmEnv);
  const folder = path.join(work, 'my-game');
  const install = await runCommand('npm', ['install'], folder, npmEnv);
  return { tarball, folder, timings: { pack: pack.ms, create: create.ms, install: install.ms } };
}

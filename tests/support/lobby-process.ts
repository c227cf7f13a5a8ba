import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { killWithParent } from './child-process.js';
import { freePort } from './redis-process.js';

const SERVER_ENTRY = fileURLToPath(new URL('../../build/lib/server/main.js', import.meta.url));

export interface LobbyProcess {
  readonly origin: string;
  readonly pid: number;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
  /** Kills the process with SIGKILL, as a crash would: no shutdown code runs. */
  crash(): Promise<void>;
}

/**
 * Limits lifted for a bench that plays dozens of games from one address within minutes: the
 * per-address rates and the cap of live rooms (a closed host's room lives on through its
 * reconnection grace) are made for one household, not for a bench.
 */
export const BENCH_LIMITS: Readonly<Record<string, string>> = { CREATE_RATE: '1000:100', JOIN_RATE: '1000:100', ROOMS_PER_ADDRESS: '1000' };

/**
 * Runs the production server (`npm start`'s process, from the build) on a free loopback port and
 * waits for the URL it prints. Stopped by PID: SIGTERM, then SIGKILL if it does not exit.
 */
export function startLobbyProcess(env: Record<string, string> = {}): Promise<LobbyProcess> {
  return startServerProcess(process.execPath, [SERVER_ENTRY], { env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env } });
}

/**
 * Runs any command that serves a page and prints its `http://localhost:PORT/` address (the
 * engine's server, `hostmesh serve`, `vite`), and waits for that address.
 */
export async function startServerProcess(command: string, args: readonly string[], options: { readonly env?: Record<string, string>; readonly cwd?: string } = {}): Promise<LobbyProcess> {
  const child = spawn(command, args, {
    env: { ...withoutVitest(process.env), NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  killWithParent(child);
  let output = '';
  const origin = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      // Vite prints the port in bold even where colours are off: escapes are dropped first.
      output += stripVTControlCharacters(chunk.toString());
      const match = /http:\/\/(?:localhost|127\.0\.0\.1):(\d+)\//.exec(output);
      if (match) resolve(`http://127.0.0.1:${match[1]}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${command} exited with ${code} before listening:\n${output}`)));
  });
  const crash = (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    return exited;
  };
  return { origin, pid: child.pid ?? -1, output: () => output, stop: () => stopChild(child), crash };
}

/**
 * One of several lobby processes sharing `redisUrl`: a fixed free port, since the process must
 * announce its own public address to the others' clients.
 */
export async function startScaledLobby(redisUrl: string, env: Record<string, string> = {}): Promise<LobbyProcess> {
  const port = await freePort();
  return startLobbyProcess({ PORT: String(port), PUBLIC_ADDRESS: `127.0.0.1:${port}`, REDIS_URL: redisUrl, ...env });
}

/**
 * The environment without the variables Vitest sets in its workers: a server started by a test
 * runs as it would from a shell (Hostmesh's Vite plugin, for one, starts no lobby under Vitest).
 */
function withoutVitest(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('VITEST')));
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

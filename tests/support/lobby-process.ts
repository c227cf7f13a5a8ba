import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { killWithParent } from './child-process.js';
import { freePort } from './redis-process.js';

const SERVER_ENTRY = fileURLToPath(new URL('../../build/server/server/index.js', import.meta.url));

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
 * Runs the production server (`npm start`'s process, from the build) on a free loopback port and
 * waits for the URL it prints. Stopped by PID: SIGTERM, then SIGKILL if it does not exit.
 */
export async function startLobbyProcess(env: Record<string, string> = {}): Promise<LobbyProcess> {
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killWithParent(child);
  let output = '';
  const origin = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /http:\/\/localhost:(\d+)\//.exec(output);
      if (match) resolve(`http://127.0.0.1:${match[1]}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${output}`)));
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

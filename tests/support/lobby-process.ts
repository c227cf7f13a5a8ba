import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { killWithParent } from './child-process.js';

const SERVER_ENTRY = fileURLToPath(new URL('../../build/server/server/index.js', import.meta.url));

export interface LobbyProcess {
  readonly origin: string;
  readonly pid: number;
  stop(): Promise<void>;
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
  const origin = await new Promise<string>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /http:\/\/localhost:(\d+)\//.exec(output);
      if (match) resolve(`http://127.0.0.1:${match[1]}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${output}`)));
  });
  return { origin, pid: child.pid ?? -1, stop: () => stopChild(child) };
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

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitForStunAnswer } from '../../server/turn/stun-ping.js';
import { killWithParent } from './child-process.js';

/** A running coturn owned by one test (or bench) run. */
export interface Coturn {
  /** `turn:127.0.0.1:PORT?transport=udp` */
  readonly url: string;
  /** The shared secret credentials are minted with (`--static-auth-secret`). */
  readonly secret: string;
  readonly pid: number;
  stop(): Promise<void>;
}

export const TURNSERVER = process.env['TURNSERVER_PATH'] ?? 'turnserver';

/** A UDP port nobody is using right now (the OS picks it; a tiny race is acceptable in tests). */
async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(resolve));
  return port;
}

/** Where one coturn listens and keeps its files, and the secret its credentials are minted with. */
export interface CoturnSetup {
  readonly ip: string;
  readonly port: number;
  readonly secret: string;
  readonly dir: string;
}

/** The flags every coturn of the tests runs with: shared-secret credentials, UDP and TCP, no TLS, log to stdout. */
export function coturnArgs({ ip, port, secret, dir }: CoturnSetup): string[] {
  // prettier-ignore
  return [
    '-n', `--listening-ip=${ip}`, `--listening-port=${port}`, `--relay-ip=${ip}`,
    '--min-port=49152', '--max-port=65535', '--use-auth-secret', `--static-auth-secret=${secret}`,
    '--realm=hostmesh.test', '--fingerprint', '--no-tls', '--no-dtls', '--no-cli', '--log-file=stdout',
    '--simple-log', `--pidfile=${join(dir, 'turnserver.pid')}`, `--userdb=${join(dir, 'turndb')}`,
  ];
}

/**
 * Starts Debian's coturn on loopback with a fresh shared secret, its pid file and user database
 * in a temporary folder, and waits until it listens. Stopped by PID. Needs `apt-get install coturn`.
 */
export async function startCoturn(): Promise<Coturn> {
  const dir = await mkdtemp(join(tmpdir(), 'hostmesh-turn-'));
  const port = await freeUdpPort();
  const secret = randomBytes(16).toString('hex');
  const args = [...coturnArgs({ ip: '127.0.0.1', port, secret, dir }), '--allow-loopback-peers'];
  const child = spawn(TURNSERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  killWithParent(child);
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const started = Promise.race([
    waitForStunAnswer(port, 10_000),
    new Promise<never>((_, reject) => {
      child.once('error', (error) => reject(new Error(`cannot start ${TURNSERVER} (apt-get install coturn)`, { cause: error })));
      child.once('exit', (code) => reject(new Error(`turnserver exited with ${code}:\n${output}`)));
    }),
  ]);
  await started.catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(forced);
    }
    await rm(dir, { recursive: true, force: true });
  };
  return { url: `turn:127.0.0.1:${port}?transport=udp`, secret, pid: child.pid ?? -1, stop };
}

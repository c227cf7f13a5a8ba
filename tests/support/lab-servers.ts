import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { coturnArgs, TURNSERVER } from './coturn.js';
import { LAB_SERVER_ADDRESS, type NatLab } from './nat-lab.js';

const SERVER_ENTRY = fileURLToPath(new URL('../../build/server/server/index.js', import.meta.url));
const STUN_PROBE = fileURLToPath(new URL('./stun-probe.ts', import.meta.url));
/** coturn's usual port, on the lab's internet side. */
export const LAB_TURN_PORT = 3478;

/** TURN settings for a lab lobby: the coturn's secret and its UDP and TCP URLs. */
export interface LabTurn {
  readonly secret: string;
  readonly urls: readonly string[];
}

/** Waits until a process started in the lab exits, and fails with its output unless it exits 0. */
function exitedCleanly(child: ReturnType<NatLab['spawnIn']>, what: string): Promise<void> {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${what} exited with ${code}:\n${output}`))));
  });
}

/**
 * Debian's coturn on the lab's internet side, UDP and TCP on port 3478. Players' private
 * addresses are denied as peers, as on a real relay (and a send to one would fail and close the
 * allocation). Resolves once it answers STUN; the lab's tear-down stops it.
 */
export async function startLabCoturn(lab: NatLab): Promise<LabTurn> {
  const dir = await mkdtemp(join(tmpdir(), 'hostmesh-lab-turn-'));
  const secret = randomBytes(16).toString('hex');
  const denied = ['10.0.0.0-10.255.255.255', '172.16.0.0-172.31.255.255', '192.168.0.0-192.168.255.255'].map((range) => `--denied-peer-ip=${range}`);
  const child = lab.spawnIn(lab.internetNamespace, TURNSERVER, [...coturnArgs({ ip: LAB_SERVER_ADDRESS, port: LAB_TURN_PORT, secret, dir }), ...denied]);
  child.stdout?.resume();
  child.stderr?.resume();
  child.once('exit', () => void rm(dir, { recursive: true, force: true }));
  const probe = lab.spawnIn(lab.internetNamespace, process.execPath, ['--import', 'tsx', STUN_PROBE, LAB_SERVER_ADDRESS, String(LAB_TURN_PORT)]);
  await exitedCleanly(probe, 'the STUN probe of the lab coturn');
  const address = `${LAB_SERVER_ADDRESS}:${LAB_TURN_PORT}`;
  return { secret, urls: [`turn:${address}?transport=udp`, `turn:${address}?transport=tcp`] };
}

/**
 * The production server (`npm start`'s process, from the build) on the lab's internet side, with
 * its built-in STUN server on the same port number, as a user would run it on a VPS. With `turn`,
 * it hands out TURN credentials too. Resolves with its URL once it listens.
 */
export async function startLabLobby(lab: NatLab, port: number, turn?: LabTurn): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: LAB_SERVER_ADDRESS, PORT: String(port), LOG_LEVEL: 'warn' };
  if (turn) Object.assign(env, { TURN_SECRET: turn.secret, TURN_URLS: turn.urls.join(',') });
  const child = lab.spawnIn(lab.internetNamespace, process.execPath, [SERVER_ENTRY], env);
  await new Promise<void>((resolve, reject) => {
    let output = '';
    // Never wait for ever: the caller tears the lab down (and this server with it) on failure.
    const bound = setTimeout(() => reject(new Error(`the lab lobby on port ${port} did not start within 30 s:\n${output}`)), 30_000);
    child.once('exit', () => clearTimeout(bound));
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('STUN on UDP port')) {
        clearTimeout(bound);
        resolve();
      }
      // The lab is about NATs: a lobby without its STUN server would prove nothing.
      if (output.includes('no STUN server')) reject(new Error(`the lab lobby on port ${port} runs no STUN server:\n${output}`));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the lab lobby exited with ${code}:\n${output}`)));
  });
  return `http://${LAB_SERVER_ADDRESS}:${port}`;
}

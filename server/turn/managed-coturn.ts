import type { ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomToken, URL_SAFE_ALPHABET } from '../../src/util/random-token.js';
import { fail, ok, type Result } from '../../src/util/result.js';
import type { Logger } from '../log.js';
import { RELAY_POLICY } from './relay-policy.js';
import { waitForStunAnswer } from './stun-ping.js';
import { findExecutable, spawnTiedToParent } from './tied-to-parent.js';

/** How `TURN=managed` runs coturn (README: "A relay of its own"). */
export interface ManagedTurnOptions {
  /** UDP and TCP port coturn listens on (`TURN_PORT`, 3478). */
  readonly port: number;
  /** Address to listen and relay on; undefined listens on every address (the lobby's `HOST`). */
  readonly listenIp: string | undefined;
  /** The public address of a machine behind 1:1 NAT (a cloud VM): coturn names it in relay candidates. */
  readonly externalIp: string | undefined;
  /** `turnserver`, or `TURNSERVER_PATH`. */
  readonly command: string;
  readonly logger: Logger;
  /** Until coturn answers STUN at its first start. */
  readonly startTimeoutMs?: number;
}

/** A coturn the lobby process runs and restarts, with a secret only the two of them know. */
export interface ManagedTurn {
  /** Drawn at start; credentials are minted with it (coturn's `static-auth-secret`). */
  readonly secret: string;
  readonly port: number;
  /** The running coturn's process id; undefined while it is being restarted. */
  pid(): number | undefined;
  /** Stops coturn (SIGTERM, SIGKILL after 3 s) and removes its files; no more restarts. */
  stop(): Promise<void>;
}

/** Restarts back off from 1 s to 30 s; a coturn that ran a minute resets the back-off. */
const FIRST_RESTART_MS = 1_000;
const LONGEST_RESTART_MS = 30_000;
const STABLE_MS = 60_000;
const STOP_GRACE_MS = 3_000;
/** Lines of coturn's output kept for the error report when it exits. */
const KEPT_LINES = 20;

/**
 * coturn's configuration: shared-secret credentials, UDP and TCP listeners, no TLS (browsers
 * reach it by plain `turn:`), nothing written outside its own folder, and the relay policy.
 * Written to a file only this user can read, so the secret is not on a command line that every
 * user of the machine can list.
 */
export function managedCoturnConfig(options: Pick<ManagedTurnOptions, 'port' | 'listenIp' | 'externalIp'>, secret: string, dir: string): string {
  const lines = [
    `listening-port=${options.port}`,
    ...(options.listenIp === undefined ? [] : [`listening-ip=${options.listenIp}`, `relay-ip=${options.listenIp}`]),
    ...(options.externalIp === undefined ? [] : [`external-ip=${options.externalIp}`]),
    'fingerprint',
    'use-auth-secret',
    `static-auth-secret=${secret}`,
    'realm=hostmesh',
    'no-cli',
    'no-tls',
    'no-dtls',
    'stale-nonce=600',
    `pidfile=${join(dir, 'turnserver.pid')}`,
    `userdb=${join(dir, 'turndb')}`,
    'log-file=stdout',
    'simple-log',
    ...RELAY_POLICY.map(({ line }) => line),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * Starts coturn as a child of the lobby process and keeps it running: resolves once it answers
 * STUN, or fails with the reason (not installed, port taken: its own words). An exit later is
 * logged with coturn's last lines and followed by a restart, with back-off. The child is killed
 * when the lobby process exits, also by SIGKILL where util-linux's setpriv is installed
 * (spawnTiedToParent); elsewhere a lobby killed with SIGKILL leaves it running (README).
 */
export async function startManagedTurn(options: ManagedTurnOptions): Promise<Result<ManagedTurn>> {
  const taken = await portTaken(options.port, options.listenIp);
  if (taken !== undefined) {
    return fail(`${taken} port ${options.port} is in use (another TURN server? Debian's coturn service listens on 3478: stop it, or set TURN_PORT)`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'hostmesh-turn-'));
  // 258 bits: the shared secret every credential the lobby mints is signed with.
  const secret = randomToken(URL_SAFE_ALPHABET, 43);
  const configFile = join(dir, 'turnserver.conf');
  await writeFile(configFile, managedCoturnConfig(options, secret, dir), { mode: 0o600 });
  const supervisor = new CoturnSupervisor(options, configFile);
  const started = await supervisor.start();
  if (!started.ok) {
    await supervisor.stop();
    await rm(dir, { recursive: true, force: true });
    return started;
  }
  return ok({
    secret,
    port: options.port,
    pid: () => supervisor.pid(),
    stop: async () => {
      await supervisor.stop();
      await rm(dir, { recursive: true, force: true });
    },
  });
}

/**
 * Whether something listens on `port` already, over TCP or UDP. coturn binds its UDP listeners
 * with SO_REUSEPORT, so a second coturn on the same port starts without complaint and the two
 * share (and scramble) the traffic: the lobby checks before starting one. Returns the protocol
 * that is taken.
 */
async function portTaken(port: number, host: string | undefined): Promise<'TCP' | 'UDP' | undefined> {
  const tcpFree = await new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
  if (!tcpFree) return 'TCP';
  const udpFree = await new Promise<boolean>((resolve) => {
    const socket = createSocket(host?.includes(':') === true ? 'udp6' : 'udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, host, () => socket.close(() => resolve(true)));
  });
  return udpFree ? undefined : 'UDP';
}

/** One coturn child at a time: started, watched, restarted, stopped. */
class CoturnSupervisor {
  private child: ChildProcess | undefined;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private restartDelayMs = FIRST_RESTART_MS;
  private readonly lastLines: string[] = [];
  private readonly killOnExit = (): void => {
    this.child?.kill('SIGKILL');
  };

  constructor(
    private readonly options: ManagedTurnOptions,
    private readonly configFile: string,
  ) {
    process.once('exit', this.killOnExit);
  }

  pid(): number | undefined {
    return this.child?.pid;
  }

  /** Spawns coturn and waits until it answers STUN; the result says why not. */
  async start(): Promise<Result<void>> {
    const { command, port, listenIp, logger } = this.options;
    const executable = findExecutable(command);
    if (executable === undefined) return fail(`cannot run ${command}: not found (install coturn: apt-get install coturn, or set TURNSERVER_PATH)`);
    // Tied to this process: a lobby killed with SIGKILL takes its coturn along.
    const child = spawnTiedToParent(executable, ['-c', this.configFile]);
    this.child = child;
    const startedAt = Date.now();
    // coturn's own log (allocations, refused permissions) reaches the lobby's at debug level.
    const keep = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim() === '') continue;
        this.lastLines.push(line.trim());
        logger.debug({ coturn: line.trim() }, 'coturn');
      }
      this.lastLines.splice(0, Math.max(0, this.lastLines.length - KEPT_LINES));
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const exited = new Promise<string>((resolve) => {
      child.once('error', (error) => resolve(`cannot run ${command}: ${error.message} (install coturn: apt-get install coturn, or set TURNSERVER_PATH)`));
      child.once('exit', (code, signal) => resolve(`${command} exited (${signal ?? `code ${code}`}): ${this.lastLines.join(' | ')}`));
    });
    const answering = waitForStunAnswer(port, this.options.startTimeoutMs ?? 10_000, listenIp ?? '127.0.0.1').then(
      () => undefined,
      (error: unknown) => `coturn did not answer on port ${port}: ${String(error)}`,
    );
    const problem = await Promise.race([exited, answering]);
    if (problem !== undefined) {
      child.kill('SIGKILL');
      return fail(problem);
    }
    child.once('exit', (code, signal) => this.exitedUnexpectedly(child, code, signal, Date.now() - startedAt));
    logger.info({ pid: child.pid, port }, 'managed TURN relay (coturn) running');
    return ok(undefined);
  }

  private exitedUnexpectedly(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null, ranMs: number): void {
    if (this.isStopping() || this.child !== child) return;
    this.child = undefined;
    if (ranMs >= STABLE_MS) this.restartDelayMs = FIRST_RESTART_MS;
    this.scheduleRestart('managed TURN relay (coturn) exited; restarting', { code, signal, lastLines: [...this.lastLines] });
  }

  private async restart(): Promise<void> {
    if (this.isStopping()) return;
    const started = await this.start();
    if (started.ok || this.isStopping()) return;
    // start() killed the child it could not get an answer from; that exit is not watched.
    this.child = undefined;
    this.scheduleRestart('managed TURN relay (coturn) did not start again; retrying', { reason: started.reason });
  }

  /** The next start after the current back-off, which doubles for the one after. */
  private scheduleRestart(message: string, details: Record<string, unknown>): void {
    const delayMs = this.restartDelayMs;
    this.restartDelayMs = Math.min(LONGEST_RESTART_MS, delayMs * 2);
    this.options.logger.error({ ...details, restartInMs: delayMs }, message);
    this.restartTimer = setTimeout(() => void this.restart(), delayMs);
  }

  /** A method, not the field: `stop()` may set it while a start is awaited. */
  private isStopping(): boolean {
    return this.stopping;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    process.off('exit', this.killOnExit);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const forced = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(forced);
  }
}

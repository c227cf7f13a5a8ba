import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { CandidateType, RelayProtocol } from '../../src/net/peer-link.js';
import type { NatLab } from './nat-lab.js';

const PLAYER_ENTRY = fileURLToPath(new URL('./lab-player-process.ts', import.meta.url));

/** What a lab player reports, one per line (see lab-player-process.ts); `at` is ms since it started. */
export type LabReport =
  | { readonly event: 'entered'; readonly at: number; readonly code: string; readonly self: string; readonly iceServers: readonly string[] }
  | { readonly event: 'refused'; readonly reason: string }
  | {
      readonly event: 'linked';
      readonly peer: string;
      readonly at: number;
      readonly local: CandidateType;
      readonly remote: CandidateType;
      readonly relayProtocol?: RelayProtocol | undefined;
    }
  | { readonly event: 'unreachable'; readonly peer: string; readonly at: number; readonly reason: string }
  | { readonly event: 'link-closed'; readonly peer: string; readonly at: number; readonly reason: string }
  | {
      readonly event: 'state';
      readonly at: number;
      readonly status: string;
      readonly host: string | undefined;
      readonly epoch: number;
      readonly players: readonly { readonly slot: number; readonly peerId: string; readonly x: number; readonly y: number }[];
      /** Messages received so far on each open link, by peer id. */
      readonly received: Readonly<Record<string, number>>;
    };

type ReportOf<E extends LabReport['event']> = Extract<LabReport, { event: E }>;

/** A player process in one of the lab's machines, and everything it reported so far. */
export class LabPlayer {
  readonly reports: LabReport[] = [];
  /** When each report arrived, on this process's clock (performance.now()): one clock for every player. */
  readonly arrivals: number[] = [];
  private readonly waiters = new Set<() => void>();
  private exited = false;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    if (!child.stdout) throw new Error('a lab player needs its stdout');
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        this.reports.push(JSON.parse(line) as LabReport);
        this.arrivals.push(performance.now());
      } catch {
        return; // a stray line (a library's warning) is no report
      }
      for (const wake of this.waiters) wake();
    });
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4_000)));
    child.once('exit', (code) => {
      this.exited = true;
      if (code !== 0 && code !== null && errors !== '') process.stderr.write(`lab player ${name} exited with ${code}:\n${errors}\n`);
      for (const wake of this.waiters) wake();
    });
  }

  /** Starts a player in `namespace` that hosts a game, or joins the one with `code`. */
  static start(lab: NatLab, name: string, namespace: string, lobby: string, code?: string, connectTimeoutMs = 8_000): LabPlayer {
    const args = ['--import', 'tsx', PLAYER_ENTRY, lobby, code === undefined ? 'host' : 'join', code ?? '', String(connectTimeoutMs)];
    return new LabPlayer(name, lab.spawnIn(namespace, process.execPath, args));
  }

  /** The first report of this kind that matches, waiting for it up to `timeoutMs`. */
  async next<E extends LabReport['event']>(event: E, timeoutMs: number, matches: (report: ReportOf<E>) => boolean = () => true): Promise<ReportOf<E>> {
    const find = (): ReportOf<E> | undefined => this.reports.find((report): report is ReportOf<E> => report.event === event && matches(report as ReportOf<E>));
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = find();
        if (!found && !this.exited) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        if (found) resolve(found);
        else reject(new Error(`${this.name} exited before reporting ${event}; last reports: ${JSON.stringify(this.reports.slice(-3))}`));
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`${this.name} reported no ${event} within ${timeoutMs} ms; last reports: ${JSON.stringify(this.reports.slice(-3))}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  /** The first of `linked` or `unreachable` about its link to `peer`. */
  async linkOutcome(peer: string, timeoutMs: number): Promise<ReportOf<'linked'> | ReportOf<'unreachable'>> {
    const about = (report: LabReport): boolean => (report.event === 'linked' || report.event === 'unreachable') && report.peer === peer;
    const found = await Promise.any([this.next('linked', timeoutMs, about), this.next('unreachable', timeoutMs, about)]).catch((error: unknown) => {
      throw error instanceof AggregateError ? (error.errors[0] as Error) : error;
    });
    return found;
  }

  /** Every `state` report with the time it arrived (this process's clock), from `since` on. */
  states(since = 0): { readonly arrived: number; readonly state: ReportOf<'state'> }[] {
    return this.reports.flatMap((report, index) => {
      const arrived = this.arrivals[index] ?? 0;
      return report.event === 'state' && arrived >= since ? [{ arrived, state: report }] : [];
    });
  }

  /** The latest `state` report, once there is one. */
  async latestState(timeoutMs = 5_000): Promise<ReportOf<'state'>> {
    await this.next('state', timeoutMs);
    const all = this.states();
    const last = all[all.length - 1];
    if (!last) throw new Error(`${this.name} has no state`);
    return last.state;
  }

  /** Kills the process (the lab's tear-down would too). */
  stop(): Promise<void> {
    if (this.exited) return Promise.resolve();
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGKILL');
    return gone;
  }
}

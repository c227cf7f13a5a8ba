import type { LobbySession } from './lobby-client.js';
import type { PeerLink } from './peer-link.js';
import { MonitoredLink, type LinkStats, type MonitorOptions } from './monitored-link.js';
import { sameAttempt, supersedesAttempt, unwrapSignal, wrapSignal, type AttemptId } from './signal-envelope.js';
import { systemScheduler, type Scheduler } from '../time/scheduler.js';
import { Emitter } from '../util/emitter.js';

/** How long a peer the lobby reports gone gets to answer on its link before it is declared gone. */
const MEMBER_LEFT_PROBE_MS = 400;
/** A link to a member still in the room that closed (or never opened) is tried again after this, doubling up to the ceiling. */
const REPAIR_FIRST_MS = 500;
const REPAIR_MAX_MS = 8_000;
/** The longer-present side of a pair waits this much longer, so usually only the newer one offers again. */
const REPAIR_DEFER_MS = 1_000;

/** Builds a link to one remote member; `sendSignal` relays through the lobby to that member. */
export type LinkFactory = (remoteId: string, initiator: boolean, sendSignal: (data: string) => void) => PeerLink;

export interface MeshEvents extends Record<string, unknown> {
  'link-open': PeerLink;
  /** `opened` is false for a link that never connected (its reason says why). */
  'link-closed': { readonly remoteId: string; readonly reason: string; readonly opened: boolean };
}

/**
 * What modules beside the session see of the mesh (chat, voice, the net overlay): the open links
 * and news of links opening and closing, without the power to close or emit anything.
 */
export interface MeshLinks {
  openLinks(): PeerLink[];
  stats(): LinkStats[];
  readonly events: Pick<Emitter<MeshEvents>, 'on'>;
}

interface MeshEntry {
  readonly link: MonitoredLink;
  readonly id: AttemptId;
  readonly initiator: boolean;
  opened: boolean;
}

/** A random incarnation: from `random` when a simulation injects one, else the system's. */
function randomIncarnation(random: (() => number) | undefined): string {
  const value = random ? Math.floor(random() * 0x1_0000_0000) : (crypto.getRandomValues(new Uint32Array(1))[0] ?? 0);
  return value.toString(16).padStart(8, '0');
}

/**
 * Keeps one link to every other member of the room (a full mesh), so any peer could take over
 * as host. The newcomer initiates to everyone already present; members already present answer,
 * which avoids both sides offering at once. Every link is a MonitoredLink: a peer that goes
 * silent or says Bye is reported as `link-closed` like any other close. A link to a member still
 * in the room that closes, or never opens (a busy machine, a lost signal, a network that changed
 * under it), is offered again with backoff, so a mesh heals by itself; when both sides offer at
 * once, the offer of the peer with the smaller id wins.
 */
export class Mesh implements MeshLinks {
  readonly events = new Emitter<MeshEvents>();
  private readonly links = new Map<string, MeshEntry>();
  private readonly unsubscribe: (() => void)[] = [];
  /** This mesh's incarnation: random per page load, in every offer it makes. */
  private readonly incarnation: string;
  private attempts = 0;
  /** The newest attempt each remote made to us, so late signals of older ones are dropped. */
  private readonly seen = new Map<string, AttemptId>();
  private readonly repairs = new Map<string, { readonly cancel: () => void; readonly failures: number; pending: boolean }>();
  private readonly scheduler: Scheduler;
  private readonly random: () => number;
  /** Relayed signals without a valid envelope, or of an attempt that is over, dropped. */
  badSignals = 0;
  private closed = false;

  constructor(
    private readonly lobby: LobbySession,
    private readonly createLink: LinkFactory,
    /** Liveness and backpressure settings of every link. */
    private readonly monitor: MonitorOptions = {},
    random?: () => number,
  ) {
    this.incarnation = randomIncarnation(random);
    this.scheduler = monitor.scheduler ?? systemScheduler;
    this.random = random ?? Math.random;
  }

  /** Connects to the members present at join and starts answering newcomers. */
  start(): void {
    this.unsubscribe.push(
      this.lobby.events.on('signal', ({ from, data }) => this.receiveSignal(from, data)),
      // The lobby only sees its WebSocket: ask the link itself before giving up on the peer, unless
      // the host removed it (then nobody keeps a link to it).
      this.lobby.events.on('member-left', ({ id, kicked }) => {
        const link = this.links.get(id)?.link;
        if (kicked) link?.close('removed from the game by the host');
        else link?.probe(MEMBER_LEFT_PROBE_MS);
      }),
      // Back in the room after a lobby restart: someone may have joined while we were out, and
      // we are the later arrival for them, so we offer; a link still connecting lost its signals
      // while we were out, so it starts over (links that survived are left alone).
      // A link gone quiet (maybe the same network change that dropped our lobby connection) lost its
      // ICE restart signals meanwhile: restart it now.
      this.lobby.events.on('reattached', () => {
        this.connectMissing(true);
        for (const { link } of this.links.values()) link.restartIfQuiet();
      }),
    );
    this.connectMissing(false);
  }

  /** The link to `remoteId`, if one exists and is not closed. */
  link(remoteId: string): PeerLink | undefined {
    return this.links.get(remoteId)?.link;
  }

  /** True while the link to `remoteId` is quiet and restarting ICE (see MonitoredLink.restarting). */
  restarting(remoteId: string): boolean {
    return this.links.get(remoteId)?.link.restarting === true;
  }

  /** Every link that is open right now. */
  openLinks(): PeerLink[] {
    return [...this.links.values()].map((entry) => entry.link).filter((link) => link.state === 'open');
  }

  /** Health and traffic of every link that is open right now. */
  stats(): LinkStats[] {
    return [...this.links.values()].filter(({ link }) => link.state === 'open').map(({ link }) => link.stats());
  }

  /** Closes every link and stops listening to the lobby. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    // Our own closing is nobody's news: the links' close events must not reach the match.
    this.events.clear();
    for (const off of this.unsubscribe) off();
    for (const repair of this.repairs.values()) repair.cancel();
    for (const { link } of [...this.links.values()]) link.close('mesh closed');
  }

  /** Offers a link to every member in the room we have no link to (or, with `restartUnopened`, no open one). */
  private connectMissing(restartUnopened: boolean): void {
    for (const id of this.lobby.members.keys()) {
      if (id === this.lobby.selfId) continue;
      const entry = this.links.get(id);
      if (entry && (entry.opened || !restartUnopened)) continue;
      this.repairs.delete(id);
      if (entry) {
        this.links.delete(id);
        entry.link.close('offering again after the lobby came back');
      }
      this.connect(id, undefined);
    }
  }

  /**
   * Routes a relayed signal to the link of its attempt. A newer attempt of the remote (a repair,
   * or a reload: same peer id, new incarnation) replaces the old link; signals of older attempts
   * are dropped.
   */
  private receiveSignal(from: string, data: string): void {
    const envelope = unwrapSignal(data);
    if (!envelope) {
      this.badSignals += 1;
      return;
    }
    const { id, signal } = envelope;
    const entry = this.links.get(from);
    if (entry && sameAttempt(entry.id, id)) {
      entry.link.receiveSignal(signal);
      return;
    }
    const seen = this.seen.get(from);
    if (seen && !supersedesAttempt(id, seen)) {
      this.badSignals += 1; // a late signal of an attempt that is over
      return;
    }
    if (entry?.initiator === true && !entry.opened && from > this.lobby.selfId) return; // both offered: ours wins
    this.seen.set(from, id);
    entry?.link.close(entry.opened ? 'the peer reconnected' : 'the peer offered at the same time');
    this.connect(from, id).receiveSignal(signal);
  }

  /** A link to `remoteId`: ours to offer (`answering` undefined), or the answer to the remote's attempt. */
  private connect(remoteId: string, answering: AttemptId | undefined): PeerLink {
    this.cancelRepair(remoteId);
    const id = answering ?? { incarnation: this.incarnation, attempt: (this.attempts += 1) };
    const transport = this.createLink(remoteId, answering === undefined, (data) => this.lobby.sendSignal(remoteId, wrapSignal(id, data)));
    const link = new MonitoredLink(transport, this.monitor);
    const entry: MeshEntry = { link, id, initiator: answering === undefined, opened: false };
    this.links.set(remoteId, entry);
    link.events.on('open', () => {
      entry.opened = true;
      this.repairs.delete(remoteId);
      this.events.emit('link-open', link);
    });
    link.events.on('close', ({ reason }) => {
      if (this.links.get(remoteId) !== entry) return; // replaced by a newer attempt
      this.links.delete(remoteId);
      this.events.emit('link-closed', { remoteId, reason, opened: entry.opened });
      this.scheduleRepair(remoteId);
    });
    return link;
  }

  /** Offers again, with backoff, while the peer is still in the room and nobody else has linked us. */
  private scheduleRepair(remoteId: string): void {
    if (this.closed || this.repairs.get(remoteId)?.pending === true) return;
    const failures = (this.repairs.get(remoteId)?.failures ?? 0) + 1;
    const order = this.lobby.joinOrder;
    const longerPresent = order.indexOf(this.lobby.selfId) < order.indexOf(remoteId);
    const delay = Math.min(REPAIR_MAX_MS, REPAIR_FIRST_MS * 2 ** (failures - 1)) + (longerPresent ? REPAIR_DEFER_MS : 0) + this.random() * 250;
    const repair = {
      failures,
      pending: true,
      cancel: this.scheduler.after(delay, () => {
        repair.pending = false;
        // Without the lobby no signal gets through: 'reattached' offers again once it is back.
        if (this.lobby.reattaching) return;
        if (!this.closed && this.lobby.members.has(remoteId) && !this.links.has(remoteId)) this.connect(remoteId, undefined);
      }),
    };
    this.repairs.set(remoteId, repair);
  }

  private cancelRepair(remoteId: string): void {
    const repair = this.repairs.get(remoteId);
    if (!repair?.pending) return;
    repair.cancel();
    repair.pending = false;
  }
}

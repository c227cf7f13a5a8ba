import type { Scheduler } from '../../time/scheduler.js';
import { Emitter } from '../../util/emitter.js';
import { seededRandom } from '../../util/seeded-random.js';
import { Channel, type LinkDropCounters, type LinkEvents, type LinkState, type PeerLink, type SelectedCandidatePair } from '../peer-link.js';
import type { NetworkConditions } from './conditions.js';
import { Conditioner } from './conditioner.js';

/**
 * How to build an in-memory pair. Drive time only through the scheduler (`ManualScheduler.advance`):
 * moving its clock directly would skip the deliveries that fall due.
 */
export interface LoopbackPairOptions {
  /** Drives delivery; with a ManualScheduler nothing moves until `advance`. */
  readonly scheduler: Scheduler;
  /** Same seed, same losses and delays, every run. */
  readonly seed: number;
  /** Remote ids as each side sees them: `[a.remoteId, b.remoteId]`. Default `['b', 'a']`. */
  readonly ids?: readonly [string, string];
  /** The network from a to b, and from b to a; perfect where not given. */
  readonly aToB?: Partial<NetworkConditions>;
  readonly bToA?: Partial<NetworkConditions>;
}

/**
 * One end of an in-memory link: what it sends goes through its own Conditioner to the other end.
 * No WebRTC, no real time: the deterministic test double for every layer above PeerLink.
 */
export class LoopbackLink implements PeerLink {
  readonly events = new Emitter<LinkEvents>();
  readonly drops: LinkDropCounters = { malformed: 0, badSignals: 0 };
  private currentState: LinkState = 'connecting';
  private other: LoopbackLink | undefined;
  private severed = false;
  /** Reliable messages sent while severed: SCTP keeps retransmitting them, so they arrive once traffic flows again. */
  private readonly heldReliable: Uint8Array[] = [];
  /** Reliable messages that were on their way when traffic stopped: they arrive once it flows again, first. */
  private readonly arrivingReliable: Uint8Array[] = [];
  private readonly conditioner: Conditioner;

  /** Use `createLoopbackPair`; a lone end has nobody to talk to. */
  constructor(
    readonly remoteId: string,
    private readonly scheduler: Scheduler,
    random: () => number,
    conditions: Partial<NetworkConditions>,
  ) {
    this.conditioner = new Conditioner(scheduler, random, conditions);
  }

  get state(): LinkState {
    return this.currentState;
  }

  /** The knobs of this end's outgoing direction. */
  get conditions(): NetworkConditions {
    return this.conditioner.conditions;
  }

  /** What the simulated network did to this end's outgoing messages. */
  get counters(): Conditioner['counters'] {
    return this.conditioner.counters;
  }

  /** Changes this end's outgoing knobs from now on. */
  setConditions(conditions: Partial<NetworkConditions>): void {
    this.conditioner.set(conditions);
  }

  /**
   * Silently stops all traffic both ways, without a close on either end: a killed process or a
   * pulled cable, which only liveness checks can notice. Unreliable messages sent meanwhile are
   * lost; reliable ones wait, as SCTP's retransmissions would, for `restore`.
   */
  sever(): void {
    this.setSevered(true);
  }

  /** Traffic flows again (a network partition healed before anyone gave up on the link). */
  restore(): void {
    this.setSevered(false);
  }

  private setSevered(severed: boolean): void {
    for (const end of [this, this.other]) {
      if (!end) continue;
      end.severed = severed;
      if (severed) continue;
      for (const bytes of end.arrivingReliable.splice(0)) end.receive(Channel.Reliable, bytes);
      end.flushHeld();
    }
  }

  private flushHeld(): void {
    for (const bytes of this.heldReliable.splice(0)) this.send(Channel.Reliable, bytes);
  }

  send(channel: Channel, bytes: Uint8Array): boolean {
    const other = this.other;
    if (this.currentState !== 'open' || !other) return false;
    if (this.severed) {
      if (channel === Channel.Reliable) this.heldReliable.push(bytes);
      return true;
    }
    this.conditioner.pass(channel, bytes, (delivered) => other.receive(channel, delivered));
    return true;
  }

  bufferedAmount(): number {
    return this.conditioner.bufferedAmount;
  }

  selectedCandidatePair(): Promise<SelectedCandidatePair | undefined> {
    return Promise.resolve(undefined);
  }

  /** Nothing to signal in memory; the pair is connected by `createLoopbackPair`. */
  receiveSignal(): void {
    this.drops.badSignals += 1;
  }

  close(reason = 'closed locally'): void {
    if (this.currentState === 'closed') return;
    const other = this.other;
    this.finish(reason, false);
    if (!other || this.severed) return;
    // Like an SCTP shutdown: what was sent still arrives, and the remote learns of the close
    // one (simulated) latency later.
    this.scheduler.after(this.conditioner.conditions.latencyMs, () => other.finish('closed by the remote peer', true));
  }

  /** Connects two ends and opens both on the scheduler's next turn. */
  static connect(a: LoopbackLink, b: LoopbackLink, scheduler: Scheduler): void {
    a.other = b;
    b.other = a;
    scheduler.after(0, () => {
      for (const end of [a, b]) {
        if (end.currentState !== 'connecting') continue;
        end.currentState = 'open';
        end.events.emit('open', undefined);
      }
    });
  }

  private receive(channel: Channel, bytes: Uint8Array): void {
    if (this.currentState !== 'open') return;
    if (!this.severed) this.events.emit('message', { channel, bytes });
    else if (channel === Channel.Reliable) this.arrivingReliable.push(bytes);
  }

  /** `dropInFlight`: closed by the remote, so what this end still had in flight is lost. */
  private finish(reason: string, dropInFlight: boolean): void {
    if (this.currentState === 'closed') return;
    this.currentState = 'closed';
    if (dropInFlight) this.conditioner.dispose();
    this.events.emit('close', { reason });
    this.events.clear();
  }
}

/**
 * Two connected in-memory links, `a` (whose remote is `ids[0]`) and `b`. Both open on the
 * scheduler's next turn, so attach handlers right after creating them.
 *
 * ```ts
 * const scheduler = new ManualScheduler();
 * const [a, b] = createLoopbackPair({ scheduler, seed: 7, aToB: { latencyMs: 80, jitterMs: 20, loss: 0.05 } });
 * scheduler.advance(1000);
 * ```
 */
export function createLoopbackPair(options: LoopbackPairOptions): [LoopbackLink, LoopbackLink] {
  const [aRemote, bRemote] = options.ids ?? ['b', 'a'];
  const random = seededRandom(options.seed);
  const a = new LoopbackLink(aRemote, options.scheduler, random, options.aToB ?? {});
  const b = new LoopbackLink(bRemote, options.scheduler, random, options.bToA ?? {});
  LoopbackLink.connect(a, b, options.scheduler);
  return [a, b];
}

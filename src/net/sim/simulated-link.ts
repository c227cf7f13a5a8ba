import type { Scheduler } from '../../time/scheduler.js';
import { seededRandom } from '../../util/seeded-random.js';
import { Emitter } from '../../util/emitter.js';
import type { Channel, LinkDropCounters, LinkEvents, LinkState, PeerLink, SelectedCandidatePair } from '../peer-link.js';
import type { Direction, LinkConditions, NetworkConditions } from './conditions.js';
import { Conditioner } from './conditioner.js';

/** What a SimulatedLink needs: timers, a seed, and the starting conditions of each direction. */
export interface SimulatedLinkOptions {
  /** Timers for delayed delivery: the system's in a browser, a ManualScheduler in a test. */
  readonly scheduler: Scheduler;
  /** Seed of the PRNG behind loss, jitter, duplication and reordering. */
  readonly seed: number;
  readonly conditions?: LinkConditions;
}

/**
 * A PeerLink around any PeerLink that passes every message through a simulated network, in each
 * direction separately, so a real WebRTC link (or an in-memory one) can be made slow, lossy,
 * jittery or narrow at run time, in the browser or in a test, without the layers above knowing.
 * While a direction is a perfect network with nothing in flight, its messages pass straight
 * through (no timer, no PRNG draw): the browser can keep every link wrapped at no cost.
 */
export class SimulatedLink implements PeerLink {
  readonly events = new Emitter<LinkEvents>();
  private readonly conditioners: Record<Direction, Conditioner>;

  /** The transport's ICE restart, when it has one: a simulated network in front must not hide it. */
  readonly restartIce?: () => void;

  constructor(
    private readonly inner: PeerLink,
    options: SimulatedLinkOptions,
  ) {
    if (inner.restartIce) this.restartIce = () => inner.restartIce?.();
    const random = seededRandom(options.seed);
    this.conditioners = {
      outgoing: new Conditioner(options.scheduler, random, options.conditions?.outgoing),
      incoming: new Conditioner(options.scheduler, random, options.conditions?.incoming),
    };
    inner.events.on('open', () => this.events.emit('open', undefined));
    inner.events.on('message', ({ channel, bytes }) => {
      if (this.conditioners.incoming.passesThrough) {
        this.events.emit('message', { channel, bytes });
        return;
      }
      this.conditioners.incoming.pass(channel, bytes, (delayed) => {
        if (this.inner.state === 'open') this.events.emit('message', { channel, bytes: delayed });
      });
    });
    inner.events.on('close', ({ reason }) => this.finish(reason));
  }

  get remoteId(): string {
    return this.inner.remoteId;
  }

  get state(): LinkState {
    return this.inner.state;
  }

  get drops(): Readonly<LinkDropCounters> {
    return this.inner.drops;
  }

  /** The knobs of one direction now; change them with `setConditions`. */
  conditions(direction: Direction): NetworkConditions {
    return this.conditioners[direction].conditions;
  }

  /** Changes one direction's knobs from now on (the ones not given stay as they are). */
  setConditions(direction: Direction, conditions: Partial<NetworkConditions>): void {
    this.conditioners[direction].set(conditions);
  }

  /** What the simulated network did in one direction so far. */
  counters(direction: Direction): Conditioner['counters'] {
    return this.conditioners[direction].counters;
  }

  send(channel: Channel, bytes: Uint8Array): boolean {
    if (this.inner.state !== 'open') return false;
    if (this.conditioners.outgoing.passesThrough) return this.inner.send(channel, bytes);
    this.conditioners.outgoing.pass(channel, bytes, (delayed) => this.inner.send(channel, delayed));
    return true;
  }

  bufferedAmount(channel: Channel): number {
    return this.inner.bufferedAmount(channel) + this.conditioners.outgoing.bufferedAmount;
  }

  selectedCandidatePair(): Promise<SelectedCandidatePair | undefined> {
    return this.inner.selectedCandidatePair();
  }

  receiveSignal(data: string): void {
    this.inner.receiveSignal(data);
  }

  close(reason?: string): void {
    this.inner.close(reason);
  }

  private finish(reason: string): void {
    this.conditioners.outgoing.dispose();
    this.conditioners.incoming.dispose();
    this.events.emit('close', { reason });
    this.events.clear();
  }
}

import type { LinkFactory } from '../net/mesh.js';
import type { LinkDropCounters, LinkEvents, LinkState, PeerLink, SelectedCandidatePair } from '../net/peer-link.js';
import type { Channel } from '../net/peer-link.js';
import type { NetworkConditions } from '../net/sim/conditions.js';
import { LoopbackLink } from '../net/sim/loopback-link.js';
import type { LinkFactoryFor } from '../session/match.js';
import type { Scheduler } from '../time/scheduler.js';
import { Emitter } from '../util/emitter.js';

export interface SimNetworkOptions {
  readonly scheduler: Scheduler;
  readonly random: () => number;
  /** From the answer to an open link (ICE checks, DTLS, SCTP), plus up to as much again. */
  readonly connectMs?: number;
  /** A link that cannot connect (no route) gives up after this long, as ICE does. */
  readonly failAfterMs?: number;
}

interface PeerNet {
  group: number;
  crashed: boolean;
  outgoing: Partial<NetworkConditions>;
  readonly links: Set<SignaledLink>;
}

/**
 * The peers' network in a simulation: links that connect only through signaling relayed by the
 * lobby (an offer and an answer, as WebRTC needs), then carry messages as in-memory LoopbackLinks
 * with each peer's network conditions. Partitions silence links between groups (liveness checks
 * notice) and refuse new ones until they heal; a crashed peer's links go silent for good.
 */
export class SimNetwork {
  private readonly peers = new Map<string, PeerNet>();
  /** Which simulated player a peer id belongs to (a reloaded page keeps its id). */
  private readonly owners = new Map<string, string>();
  private readonly offers = new Map<number, SignaledLink>();
  private readonly answers = new Map<number, SignaledLink>();
  private nextOffer = 0;

  constructor(private readonly options: SimNetworkOptions) {}

  /** Tells the network that `peerId` is `player`'s (before that player's page joins). */
  register(player: string, peerId: string): void {
    this.owners.set(peerId, player);
    this.net(player).crashed = false;
  }

  /** The link factory of `player`'s page. */
  linkFactory(player: string): LinkFactoryFor {
    return () => this.factoryFor(player);
  }

  /** Splits the peers: each list is a group that reaches only itself; anyone not listed is in group 0. */
  partition(groups: readonly (readonly string[])[]): void {
    for (const net of this.peers.values()) net.group = 0;
    groups.forEach((players, index) => {
      for (const player of players) this.net(player).group = index + 1;
    });
    this.applyReach();
  }

  /** Everyone reaches everyone again; links still open carry traffic again. */
  heal(): void {
    this.partition([]);
  }

  /** The player's page crashed: its links go silent for good; the page never answers again. */
  crash(player: string): void {
    const net = this.net(player);
    net.crashed = true;
    for (const link of net.links) link.sever();
  }

  /** Changes the conditions of everything `player` sends, on its links now and later. */
  setConditions(player: string, conditions: Partial<NetworkConditions>): void {
    const net = this.net(player);
    net.outgoing = { ...net.outgoing, ...conditions };
    for (const link of net.links) link.setOutgoing(net.outgoing);
  }

  /** Whether two players' pages can reach each other now. */
  reaches(a: string, b: string): boolean {
    const netA = this.net(a);
    const netB = this.net(b);
    return !netA.crashed && !netB.crashed && netA.group === netB.group;
  }

  private factoryFor(player: string): LinkFactory {
    return (remoteId, initiator, sendSignal) => {
      const net = this.net(player);
      const link = new SignaledLink(remoteId, this.options.scheduler, this.options.random, net.outgoing, sendSignal, this.options.failAfterMs ?? 5_000, {
        offer: (offering) => {
          const id = this.nextOffer++;
          this.offers.set(id, offering);
          return id;
        },
        answer: (id, answering) => this.answers.set(id, answering),
        answered: (id, offering) => this.pair(id, offering, player),
      });
      net.links.add(link);
      link.events.on('close', () => net.links.delete(link));
      if (initiator) link.offer();
      return link;
    };
  }

  /** The offerer got the answer: connect both ends if their pages can reach each other. */
  private pair(id: number, offering: SignaledLink, player: string): void {
    const answering = this.answers.get(id);
    if (this.offers.get(id) !== offering || !answering) return;
    this.offers.delete(id);
    this.answers.delete(id);
    const remote = this.owners.get(offering.remoteId);
    const connectMs = this.options.connectMs ?? 40;
    this.options.scheduler.after(connectMs + this.options.random() * connectMs, () => {
      if (remote !== undefined && this.reaches(player, remote)) offering.connectTo(answering);
    });
  }

  private applyReach(): void {
    for (const [player, net] of this.peers) {
      for (const link of net.links) {
        const remote = this.owners.get(link.remoteId);
        if (remote === undefined || !this.reaches(player, remote)) link.sever();
        else link.restore();
      }
    }
  }

  private net(player: string): PeerNet {
    let net = this.peers.get(player);
    if (!net) {
      net = { group: 0, crashed: false, outgoing: {}, links: new Set() };
      this.peers.set(player, net);
    }
    return net;
  }
}

/** How a link reaches the network's offer/answer book. */
interface SignalBook {
  offer(link: SignaledLink): number;
  answer(id: number, link: SignaledLink): void;
  answered(id: number, link: SignaledLink): void;
}

const OFFER = /^offer:(\d+)$/;
const ANSWER = /^answer:(\d+)$/;

/**
 * One end of a simulated peer link: an offer/answer exchange through the lobby, then an
 * in-memory LoopbackLink. Fails like ICE when it cannot connect in time.
 */
class SignaledLink implements PeerLink {
  readonly events = new Emitter<LinkEvents>();
  readonly drops: LinkDropCounters = { malformed: 0, badSignals: 0 };
  private readonly inner: LoopbackLink;
  private readonly cancelFailure: () => void;
  private failed = false;

  constructor(
    readonly remoteId: string,
    private readonly scheduler: Scheduler,
    random: () => number,
    outgoing: Partial<NetworkConditions>,
    private readonly sendSignal: (data: string) => void,
    failAfterMs: number,
    private readonly book: SignalBook,
  ) {
    this.inner = new LoopbackLink(remoteId, scheduler, random, outgoing);
    this.inner.events.on('open', () => {
      this.cancelFailure();
      this.events.emit('open', undefined);
    });
    this.inner.events.on('message', (message) => this.events.emit('message', message));
    this.inner.events.on('close', (close) => this.finish(close.reason));
    this.cancelFailure = scheduler.after(failAfterMs, () => {
      if (this.inner.state !== 'connecting') return;
      this.failed = true;
      this.inner.close('ICE failed: no route to the peer');
    });
  }

  get state(): LinkState {
    return this.failed ? 'closed' : this.inner.state;
  }

  /** Sends the offer (a moment later, as creating one takes a turn of the event loop). */
  offer(): void {
    const id = this.book.offer(this);
    this.scheduler.after(1, () => {
      if (this.inner.state === 'connecting') this.sendSignal(`offer:${id}`);
    });
  }

  connectTo(answering: SignaledLink): void {
    if (this.inner.state === 'connecting' && answering.inner.state === 'connecting') LoopbackLink.connect(this.inner, answering.inner, this.scheduler);
  }

  sever(): void {
    this.inner.sever();
  }

  restore(): void {
    this.inner.restore();
  }

  setOutgoing(conditions: Partial<NetworkConditions>): void {
    this.inner.setConditions(conditions);
  }

  send(channel: Channel, bytes: Uint8Array): boolean {
    return this.inner.send(channel, bytes);
  }

  bufferedAmount(): number {
    return this.inner.bufferedAmount();
  }

  selectedCandidatePair(): Promise<SelectedCandidatePair | undefined> {
    return Promise.resolve(this.inner.state === 'open' ? { local: 'host', remote: 'host' } : undefined);
  }

  receiveSignal(data: string): void {
    const offer = OFFER.exec(data);
    const answer = ANSWER.exec(data);
    if (offer) {
      const id = Number(offer[1]);
      this.book.answer(id, this);
      this.scheduler.after(1, () => {
        if (this.inner.state === 'connecting') this.sendSignal(`answer:${id}`);
      });
    } else if (answer) this.book.answered(Number(answer[1]), this);
    else this.drops.badSignals += 1;
  }

  close(reason = 'closed locally'): void {
    this.cancelFailure();
    this.inner.close(reason);
  }

  private finish(reason: string): void {
    this.cancelFailure();
    this.events.emit('close', { reason });
    this.events.clear();
  }
}

import { systemScheduler, type Scheduler } from '../time/scheduler.js';
import { Emitter } from '../util/emitter.js';
import {
  decodeLinkMessage,
  encodeLinkMessage,
  isLinkFrame,
  LinkMessageType,
  MAX_BYE_REASON_LENGTH,
  MAX_PING_SEQ,
  type LinkMessage,
} from './link-messages.js';
import { Channel, type LinkDropCounters, type LinkEvents, type LinkState, type PeerLink, type SelectedCandidatePair } from './peer-link.js';
import { RoundTripEstimator } from './round-trip.js';
import { TrafficMeter, type TrafficRates, type TrafficTotals } from './traffic-meter.js';

/** Liveness and backpressure settings; every one has a default. */
export interface MonitorOptions {
  readonly scheduler?: Scheduler;
  /** How often to ping (and check for silence). Default 250 ms. */
  readonly pingIntervalMs?: number;
  /** A link that hears nothing for this long is declared gone. Default 2,500 ms. */
  readonly silenceTimeoutMs?: number;
  /**
   * Over a transport that can restart ICE: silence after which it is asked to (a network change
   * looks like silence), and again every this long while the silence lasts. Default 500 ms.
   */
  readonly restartAfterMs?: number;
  /**
   * Over a transport that can restart ICE, the silence timeout is this long instead, so a restart
   * has time to find the new path. Default 5,000 ms. A peer whose tab or process is gone is still
   * dropped fast: the lobby sees its socket close and the link is probed (`probe`).
   */
  readonly restartingSilenceTimeoutMs?: number;
  /** A ping unanswered this long counts as lost. Default 1,000 ms. */
  readonly pingLostAfterMs?: number;
  /** Unreliable sends are dropped (not queued) while more than this is buffered. Default 16 KiB. */
  readonly unreliableBufferLimit?: number;
  /** A reliable send that would buffer more than this closes the link. Default 1 MiB. */
  readonly reliableBufferLimit?: number;
}

/** Everything known about one link's health and traffic. */
export interface LinkStats extends TrafficRates {
  readonly remoteId: string;
  readonly rttMs: number | undefined;
  readonly jitterMs: number;
  /** Round-trip loss of pings over the recent window (0–1). */
  readonly loss: number;
  readonly totals: Readonly<TrafficTotals>;
  /** Unreliable messages dropped because the channel was congested. */
  readonly congestionDrops: number;
  /** Reliable sends refused because the queue bound was reached (the link then closed). */
  readonly reliableOverflows: number;
  /** Link-level frames that did not parse. */
  readonly malformedLinkFrames: number;
  /** How ICE connected (relay: through TURN), read from getStats at open and every few seconds. */
  readonly candidates: SelectedCandidatePair | undefined;
  /** ICE restarts asked of the transport because the link went quiet. */
  readonly iceRestarts: number;
}

/** Pings between two reads of the selected candidate pair (ICE may switch pairs mid-game). */
const PAIR_REFRESH_EVERY_PINGS = 20;
/**
 * The first read waits two pings (half a second): getStats costs milliseconds of CPU, and right
 * after the link opens the page is busy with the game's first snapshot and frame.
 */
const PAIR_FIRST_READ_PING = 2;

/**
 * A PeerLink around a transport link that keeps it honest: pings on the unreliable channel for
 * RTT, jitter and loss; declares the peer gone after a silence even if the transport never
 * reports a close (a killed tab, a pulled cable); says Bye on a clean close so the remote knows
 * at once; drops unreliable sends on a congested channel and fails reliable sends loudly past a
 * bound; counts traffic. It consumes every link-level message, so the session never sees one.
 * Wrap the transport as soon as it is created: monitoring starts with the transport's `open`.
 */
export class MonitoredLink implements PeerLink {
  readonly events = new Emitter<LinkEvents>();
  private readonly scheduler: Scheduler;
  private readonly settings: Required<Omit<MonitorOptions, 'scheduler'>>;
  private readonly roundTrip: RoundTripEstimator;
  private readonly meter: TrafficMeter;
  private readonly counts = { congestionDrops: 0, reliableOverflows: 0, malformedLinkFrames: 0, iceRestarts: 0 };
  /** When the transport was last asked to restart ICE in this silence; undefined while we hear the peer. */
  private restartedAt: number | undefined;
  private lastHeardAt: number;
  private nextPingSeq = 0;
  private candidates: SelectedCandidatePair | undefined;
  private cancelTick: () => void = () => undefined;
  private closed = false;

  constructor(
    private readonly inner: PeerLink,
    options: MonitorOptions = {},
  ) {
    this.scheduler = options.scheduler ?? systemScheduler;
    this.settings = {
      pingIntervalMs: options.pingIntervalMs ?? 250,
      silenceTimeoutMs: options.silenceTimeoutMs ?? 2_500,
      restartAfterMs: options.restartAfterMs ?? 500,
      restartingSilenceTimeoutMs: options.restartingSilenceTimeoutMs ?? 5_000,
      pingLostAfterMs: options.pingLostAfterMs ?? 1_000,
      unreliableBufferLimit: options.unreliableBufferLimit ?? 16 * 1024,
      reliableBufferLimit: options.reliableBufferLimit ?? 1024 * 1024,
    };
    this.roundTrip = new RoundTripEstimator(this.settings.pingLostAfterMs);
    this.lastHeardAt = this.scheduler.now();
    this.meter = new TrafficMeter(this.lastHeardAt);
    inner.events.on('open', () => {
      this.lastHeardAt = this.scheduler.now();
      this.tick();
      this.events.emit('open', undefined);
    });
    inner.events.on('message', ({ channel, bytes }) => this.receive(channel, bytes));
    inner.events.on('close', ({ reason }) => this.finish(reason));
  }

  get remoteId(): string {
    return this.inner.remoteId;
  }

  get state(): LinkState {
    return this.closed ? 'closed' : this.inner.state;
  }

  get drops(): Readonly<LinkDropCounters> {
    return this.inner.drops;
  }

  /** A snapshot of the link's health and traffic now. */
  stats(): LinkStats {
    return {
      remoteId: this.remoteId,
      rttMs: this.roundTrip.rttMs,
      jitterMs: this.roundTrip.jitterMs,
      loss: this.roundTrip.loss,
      ...this.meter.rates,
      totals: { ...this.meter.totals },
      ...this.counts,
      candidates: this.candidates,
    };
  }

  send(channel: Channel, bytes: Uint8Array): boolean {
    if (this.state !== 'open') return false;
    const buffered = this.inner.bufferedAmount(channel);
    if (channel === Channel.Unreliable && buffered > this.settings.unreliableBufferLimit) {
      // A newer message will follow; queueing this one would only delay it.
      this.counts.congestionDrops += 1;
      return false;
    }
    if (channel === Channel.Reliable && buffered + bytes.byteLength > this.settings.reliableBufferLimit) {
      this.counts.reliableOverflows += 1;
      this.close(`reliable queue over ${this.settings.reliableBufferLimit} bytes: the peer cannot keep up`);
      return false;
    }
    return this.transmit(channel, bytes);
  }

  bufferedAmount(channel: Channel): number {
    return this.inner.bufferedAmount(channel);
  }

  selectedCandidatePair(): Promise<SelectedCandidatePair | undefined> {
    return this.inner.selectedCandidatePair();
  }

  receiveSignal(data: string): void {
    this.inner.receiveSignal(data);
  }

  /** Says Bye (if open) so the remote need not wait for a timeout, then closes. */
  close(reason = 'closed locally'): void {
    if (this.closed) return;
    if (this.inner.state === 'open') {
      this.transmit(Channel.Reliable, encodeLinkMessage({ type: LinkMessageType.Bye, reason: reason.slice(0, MAX_BYE_REASON_LENGTH) }));
    }
    this.finish(reason);
    this.inner.close(reason);
  }

  private transmit(channel: Channel, bytes: Uint8Array): boolean {
    const sent = this.inner.send(channel, bytes);
    if (sent) this.meter.sent(bytes.byteLength);
    return sent;
  }

  private receive(channel: Channel, bytes: Uint8Array): void {
    if (this.closed) return;
    this.lastHeardAt = this.scheduler.now();
    this.restartedAt = undefined;
    this.meter.received(bytes.byteLength);
    if (!isLinkFrame(bytes)) {
      this.events.emit('message', { channel, bytes });
      return;
    }
    const decoded = decodeLinkMessage(bytes);
    if (decoded.ok) this.handle(decoded.value);
    else this.counts.malformedLinkFrames += 1;
  }

  private handle(message: LinkMessage): void {
    switch (message.type) {
      case LinkMessageType.Ping:
        this.transmit(Channel.Unreliable, encodeLinkMessage({ type: LinkMessageType.Pong, seq: message.seq }));
        return;
      case LinkMessageType.Pong:
        this.roundTrip.answered(message.seq, this.scheduler.now());
        return;
      case LinkMessageType.Bye:
        this.finish(`peer left: ${message.reason}`);
        this.inner.close('peer said bye');
    }
  }

  /**
   * Checks at once whether the peer is still there, instead of waiting for the silence timeout:
   * pings now and halfway, and declares the peer gone if nothing at all arrives within
   * `withinMs`. Used when the lobby says a member left: the lobby only sees its own WebSocket
   * (which drops on a lobby restart or a flaky connection), the link is the source of truth.
   */
  probe(withinMs: number): void {
    if (this.closed) return;
    const startedAt = this.scheduler.now();
    const ping = (): void => {
      if (this.closed) return;
      const seq = this.nextPingSeq;
      this.nextPingSeq = seq === MAX_PING_SEQ ? 0 : seq + 1;
      this.roundTrip.sent(seq, this.scheduler.now());
      this.transmit(Channel.Unreliable, encodeLinkMessage({ type: LinkMessageType.Ping, seq }));
    };
    ping();
    this.scheduler.after(withinMs / 2, ping);
    this.scheduler.after(withinMs, () => {
      if (this.closed || this.lastHeardAt > startedAt) return;
      this.finish(`peer silent for ${withinMs} ms after the lobby reported it gone`);
      this.inner.close('peer gone');
    });
  }

  /** Runs every ping interval while open: silence check, loss expiry, rates, next ping. */
  private tick(): void {
    if (this.closed) return;
    const now = this.scheduler.now();
    const silentFor = now - this.lastHeardAt;
    const restartable = this.inner.restartIce !== undefined;
    if (silentFor > (restartable ? this.settings.restartingSilenceTimeoutMs : this.settings.silenceTimeoutMs)) {
      this.finish(`peer silent for ${Math.round(silentFor)} ms`);
      this.inner.close('peer silent');
      return;
    }
    if (silentFor >= this.settings.restartAfterMs) this.restartIfDue(now);
    this.roundTrip.expire(now);
    this.meter.sample(now);
    const seq = this.nextPingSeq;
    if (seq % PAIR_REFRESH_EVERY_PINGS === PAIR_FIRST_READ_PING) this.refreshCandidates();
    this.nextPingSeq = seq === MAX_PING_SEQ ? 0 : seq + 1;
    this.roundTrip.sent(seq, now);
    this.transmit(Channel.Unreliable, encodeLinkMessage({ type: LinkMessageType.Ping, seq }));
    this.cancelTick = this.scheduler.after(this.settings.pingIntervalMs, () => this.tick());
  }

  /** The link is quiet and ICE restarts are under way: the peer may be back in a moment. */
  get restarting(): boolean {
    return !this.closed && this.restartedAt !== undefined;
  }

  /**
   * The lobby connection is back after dropping: a restart of a quiet link that went out while it
   * was down was lost, so restart now rather than at the next retry.
   */
  restartIfQuiet(): void {
    if (this.closed || this.restartedAt === undefined) return;
    this.restartedAt = undefined;
    this.restartIfDue(this.scheduler.now());
  }

  private restartIfDue(now: number): void {
    if (!this.inner.restartIce) return;
    if (this.restartedAt !== undefined && now - this.restartedAt < this.settings.restartAfterMs * 2) return;
    this.restartedAt = now;
    this.counts.iceRestarts += 1;
    this.inner.restartIce();
  }

  private refreshCandidates(): void {
    void this.inner.selectedCandidatePair().then((pair) => {
      if (pair) this.candidates = pair;
    });
  }

  private finish(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.cancelTick();
    this.events.emit('close', { reason });
    this.events.clear();
  }
}

import './node-globals.js';
import SimplePeer from 'simple-peer';
import type { IceServerConfig } from '../protocol/lobby-messages.js';
import { isRecord } from '../protocol/guards.js';
import { systemScheduler, type Scheduler } from '../time/scheduler.js';
import { Emitter } from '../util/emitter.js';
import {
  Channel,
  type LinkDropCounters,
  type LinkEvents,
  type LinkState,
  type PeerLink,
  type SelectedCandidatePair,
} from './peer-link.js';
import { candidateType, diagnoseConnectFailure, offersRelay, type CandidateType } from './connect-diagnosis.js';
import { IceRestartBook } from './ice-restart.js';
import { clearIceCompleteTimer, dataChannelOf, peerConnectionOf } from './simple-peer-internals.js';
import { readInboundAudio, readSelectedCandidatePair, toBytes, watchIceErrors, type InboundAudioStats } from './rtc-platform.js';

/** Fixed SCTP stream ids: both sides create the channels themselves (`negotiated: true`). */
export const RELIABLE_CHANNEL_ID = 0;
export const UNRELIABLE_CHANNEL_ID = 1;
/** Largest message we accept from a peer; a snapshot is designed to fit one ~1.1 KiB packet. */
export const MAX_PEER_MESSAGE_BYTES = 64 * 1024;
/**
 * Messages that may arrive before this side reports `open` (the remote's channels open first,
 * and simple-peer announces `connect` only after an asynchronous stats call). They are held and
 * delivered right after `open`; beyond this many, the link is misbehaving and extra ones drop.
 */
const MAX_EARLY_MESSAGES = 64;
/** How long a link may take to open before it is given up, with the ICE errors seen as reason. */
const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;
/** The answering side's request for an ICE restart, relayed like any signal. */
const RESTART_REQUEST = { type: 'restart-ice' } as const;
/** TURN answers that mean the relay will never work with these credentials (401, 403). */
const AUTH_FAILURES = new Set([401, 403]);
/** How long after a link opens its audio is negotiated: after the game's first snapshots and frames. */
const AUDIO_AFTER_OPEN_MS = 1_000;
/**
 * An audio offer or answer the lobby lost is tried again: this often for the first attempts, then
 * less often for as long as the link is open (the lobby may be down for a while, and voice should
 * come back with it).
 */
const AUDIO_RETRY_MS = 3_000;
const AUDIO_QUICK_ATTEMPTS = 4;
const AUDIO_SLOW_RETRY_MS = 15_000;

/**
 * Voice on a link: one audio transceiver, `sendrecv` on both sides, beside the data channels. It is
 * added a second after the link opens, by a renegotiation through the lobby like an ICE restart's
 * (the lobby has just relayed the link's own offer): in the first offer, its audio section made
 * every join 40–60 ms slower (docs/BENCHMARKS.md). Our microphone can then be put on it at any
 * time (`setOutgoingAudio`, a track replacement) without negotiating again.
 */
export interface LinkAudio {
  /** Our microphone's track now; none yet (not granted, or no microphone): silence until set. */
  readonly track: MediaStreamTrack | undefined;
  /** Called with the peer's audio track when it arrives. */
  readonly onRemoteTrack: (track: MediaStreamTrack) => void;
}

/** The parts of WebRTC a Node test must inject (e.g. `@roamhq/wrtc`); browsers use their own. */
export interface WebRtcImplementation {
  readonly RTCPeerConnection: unknown;
  readonly RTCSessionDescription: unknown;
  readonly RTCIceCandidate: unknown;
}

export interface SimplePeerLinkOptions {
  readonly remoteId: string;
  /** The side that creates the offer. In the mesh, the newer member initiates. */
  readonly initiator: boolean;
  /** Always explicit: simple-peer falls back to public STUN servers when given none. */
  readonly iceServers: readonly IceServerConfig[];
  /** Where outgoing signaling payloads go (the lobby relay). */
  readonly sendSignal: (data: string) => void;
  readonly wrtc?: WebRtcImplementation;
  /** Drops local ICE candidates the caller does not want to announce (tests keep loopback only). */
  readonly candidateFilter?: (candidate: string) => boolean;
  readonly iceTransportPolicy?: 'all' | 'relay';
  /** Gives up (closes with the ICE errors seen so far) when not open by then; default 15 s. */
  readonly connectTimeoutMs?: number;
  /** Timers for the connect timeout; the system's by default. */
  readonly scheduler?: Scheduler;
  /** Voice chat on this link; none (Node tests, voice off): data channels only. */
  readonly audio?: LinkAudio;
}

/**
 * A PeerLink over simple-peer. simple-peer owns the connection and signaling and its own channel
 * is the reliable one; the unreliable channel is created beside it on the same connection. Both
 * are negotiated with fixed ids, so neither side depends on `ondatachannel` (a second in-band
 * channel would otherwise be mistaken for simple-peer's own by the answering side).
 */
export class SimplePeerLink implements PeerLink {
  readonly remoteId: string;
  readonly events = new Emitter<LinkEvents>();
  readonly drops: LinkDropCounters = { malformed: 0, badSignals: 0 };
  private currentState: LinkState = 'connecting';
  private readonly peer: SimplePeer.Instance;
  private readonly unreliable: RTCDataChannel;
  /** simple-peer's data channel: the reliable one. */
  private readonly reliable: RTCDataChannel;
  private readonly early: { channel: Channel; bytes: Uint8Array }[] = [];
  private readonly iceErrors: string[] = [];
  /** Kinds of addresses each side offered: what the failure diagnosis goes by. */
  private readonly localTypes = new Set<CandidateType>();
  private readonly remoteTypes = new Set<CandidateType>();
  private readonly cancelConnectTimeout: () => void;
  /** ICE restarts this side started or asked for, and their signals dropped as out of date (see ice-restart.ts). */
  private readonly restarts = new IceRestartBook(() => this.scheduler().now());
  private audioSender: RTCRtpSender | undefined;
  private outgoingAudio: MediaStreamTrack | null = null;

  constructor(private readonly options: SimplePeerLinkOptions) {
    this.remoteId = options.remoteId;
    this.peer = new SimplePeer({
      initiator: options.initiator,
      trickle: true,
      config: {
        iceServers: options.iceServers.map((server) => ({ ...server, urls: [server.urls].flat() })),
        ...(options.iceTransportPolicy ? { iceTransportPolicy: options.iceTransportPolicy } : {}),
      },
      channelConfig: { negotiated: true, id: RELIABLE_CHANNEL_ID, ordered: true },
      ...(options.wrtc ? { wrtc: options.wrtc as SimplePeer.Options['wrtc'] } : {}),
    });
    const connection = peerConnectionOf(this.peer);
    if (options.audio) this.setUpAudio(connection, options.audio);
    this.unreliable = connection.createDataChannel('unreliable', {
      negotiated: true,
      id: UNRELIABLE_CHANNEL_ID,
      ordered: false,
      maxRetransmits: 0,
    });
    this.unreliable.binaryType = 'arraybuffer';
    this.unreliable.onopen = () => this.maybeOpen();
    this.unreliable.onclose = () => this.close('unreliable channel closed');
    this.unreliable.onmessage = (event: MessageEvent<unknown>) => this.deliver(Channel.Unreliable, event.data);
    this.peer.on('signal', (signal) => this.forwardSignal(signal));
    // Open once both channels are: simple-peer's own `connect` comes later (see dataChannelOf).
    this.reliable = dataChannelOf(this.peer);
    this.reliable.addEventListener('open', () => this.maybeOpen());
    this.peer.on('data', (data: unknown) => this.deliver(Channel.Reliable, data));
    this.peer.on('close', () => this.close('connection closed'));
    this.peer.on('error', (error: Error) => this.close(`connection error: ${error.message}`));
    watchIceErrors(connection, (description, code) => this.onIceError(description, code));
    const timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.cancelConnectTimeout = this.scheduler().after(timeoutMs, () => {
      if (this.currentState !== 'connecting') return;
      const turnConfigured = offersRelay(options.iceServers);
      const why = diagnoseConnectFailure({ localTypes: this.localTypes, remoteTypes: this.remoteTypes, turnConfigured, iceErrors: this.iceErrors });
      this.close(`${why} (no connection after ${timeoutMs} ms)`);
    });
  }

  get state(): LinkState {
    return this.currentState;
  }

  send(channel: Channel, bytes: Uint8Array): boolean {
    if (this.currentState !== 'open') return false;
    try {
      if (channel === Channel.Reliable) this.peer.send(bytes);
      else this.unreliable.send(bytes as Uint8Array<ArrayBuffer>);
      return true;
    } catch {
      // The channel closed between the state check and the send; the close event follows.
      return false;
    }
  }

  bufferedAmount(channel: Channel): number {
    if (this.currentState === 'closed') return 0;
    return channel === Channel.Reliable ? this.peer.bufferSize : this.unreliable.bufferedAmount;
  }

  selectedCandidatePair(): Promise<SelectedCandidatePair | undefined> {
    if (this.currentState !== 'open') return Promise.resolve(undefined);
    return readSelectedCandidatePair(this.connection());
  }

  /** Puts a track (our microphone) on the link's audio transceiver, or silence with null. */
  setOutgoingAudio(track: MediaStreamTrack | null): void {
    this.outgoingAudio = track;
    // Rejects only when the connection closed meanwhile.
    this.audioSender?.replaceTrack(track).catch(() => undefined);
  }

  /** The peer's voice as getStats sees it; undefined without audio on this link. */
  inboundAudio(): Promise<InboundAudioStats | undefined> {
    if (this.currentState !== 'open') return Promise.resolve(undefined);
    return readInboundAudio(this.connection());
  }

  receiveSignal(data: string): void {
    if (this.currentState === 'closed') return;
    let signal: unknown;
    try {
      signal = JSON.parse(data);
    } catch {
      this.drops.badSignals += 1;
      return;
    }
    if (!isRecord(signal)) {
      this.drops.badSignals += 1;
      return;
    }
    if (signal['type'] === RESTART_REQUEST.type) {
      // Only the answering side asks, and only the offering side can restart.
      if (this.options.initiator) this.restartIce();
      else this.drops.badSignals += 1;
      return;
    }
    if (this.currentState === 'open' && !this.restartSignalApplies(signal)) return;
    delete signal['restart'];
    const candidate = isRecord(signal['candidate']) ? signal['candidate']['candidate'] : undefined;
    const type = typeof candidate === 'string' ? candidateType(candidate) : undefined;
    if (type) this.remoteTypes.add(type);
    this.peer.signal(signal as unknown as SimplePeer.SignalData);
  }

  /**
   * Looks for a new path to the peer without closing the link: an ICE restart. The offering side
   * makes a new offer with fresh ICE credentials (sent through the lobby like the first one) and
   * both sides gather and check candidates again, from the networks they are on now; the data
   * channels and everything on them carry on once a pair works. The answering side cannot offer
   * (simple-peer keeps one offerer per link), so it asks the offering side to restart.
   *
   * simple-peer has no ICE restart of its own (simple-peer#579), and destroys the link when ICE
   * fails (~15 s after a network change): restarts must begin well before, from our own pings.
   * Called again while the link stays quiet, a restart supersedes the previous one, so an offer
   * or answer lost on the way (the lobby connection dropping with the network) costs one retry.
   */
  restartIce(): void {
    if (this.currentState !== 'open') return;
    if (!this.options.initiator) {
      this.options.sendSignal(JSON.stringify(RESTART_REQUEST));
      return;
    }
    this.offerAgain(true);
  }

  /**
   * The offering side's new offer on an open link, through the restart book (generations, resends):
   * an ICE restart, or (`iceRestart` false) the same ICE with a changed set of media (voice).
   */
  private offerAgain(iceRestart: boolean): void {
    const connection = this.connection();
    const step = this.restarts.nextOffer(connection.signalingState);
    if (step.kind === 'wait') return;
    if (step.kind === 'resend') {
      this.options.sendSignal(this.restarts.offerSignal(connection.localDescription?.sdp ?? '', step.generation));
      return;
    }
    connection
      .createOffer({ iceRestart })
      .then(async (offer) => {
        if (this.currentState === 'closed') return;
        await connection.setLocalDescription(offer);
        this.options.sendSignal(this.restarts.offerSignal(connection.localDescription?.sdp ?? offer.sdp ?? '', step.generation));
      })
      .catch(() => undefined); // the connection closed meanwhile; its close event follows
  }

  /** Restart offers and answers dropped as out of date (a lost or late message of an earlier restart). */
  get staleRestartSignals(): number {
    return this.restarts.stale;
  }

  /**
   * Once the link is open, every offer or answer belongs to an ICE restart: only the current one is
   * applied (see ice-restart.ts). Candidates are added here rather than by simple-peer, which ends
   * the link when one is refused, as a late candidate of an earlier restart would be.
   */
  private restartSignalApplies(signal: Record<string, unknown>): boolean {
    const generation = typeof signal['restart'] === 'number' ? signal['restart'] : undefined;
    const connection = this.connection();
    if (signal['type'] === 'answer' && this.options.initiator) return this.restarts.acceptsAnswer(connection.signalingState, generation);
    if (signal['type'] === 'offer' && !this.options.initiator) {
      const step = this.restarts.onOffer(generation);
      if (step.kind === 'resend') this.options.sendSignal(step.answer);
      return step.kind === 'apply';
    }
    if (isRecord(signal['candidate'])) {
      const candidate = signal['candidate'] as RTCIceCandidateInit;
      const type = typeof candidate.candidate === 'string' ? candidateType(candidate.candidate) : undefined;
      if (type) this.remoteTypes.add(type);
      connection.addIceCandidate(candidate).catch(() => (this.restarts.stale += 1));
      return false;
    }
    return true;
  }

  private connection(): RTCPeerConnection {
    return peerConnectionOf(this.peer);
  }

  close(reason = 'closed locally'): void {
    if (this.currentState === 'closed') return;
    this.currentState = 'closed';
    this.cancelConnectTimeout();
    clearIceCompleteTimer(this.peer);
    this.unreliable.onclose = null;
    this.unreliable.close();
    this.peer.destroy();
    this.events.emit('close', { reason });
    this.events.clear();
  }

  /**
   * A relay-only link whose TURN server refuses the credentials can never connect, and
   * simple-peer would wait silently forever: close at once with the server's answer.
   */
  private onIceError(description: string, code: number): void {
    if (this.iceErrors.length < 8) this.iceErrors.push(description);
    if (this.currentState !== 'connecting') return;
    if (this.options.iceTransportPolicy === 'relay' && AUTH_FAILURES.has(code)) {
      this.close(`the TURN server refused the credentials: ${description}`);
    }
  }

  /**
   * The answerer's audio transceiver appears while the offer that adds it is applied; it is made
   * `sendrecv` in the `track` event, before simple-peer creates the answer, so either side can
   * start sending later without another negotiation. (The initiator adds its own: addAudio.)
   */
  private setUpAudio(connection: RTCPeerConnection, audio: LinkAudio): void {
    this.outgoingAudio = audio.track ?? null;
    connection.addEventListener('track', (event: RTCTrackEvent) => {
      if (event.track.kind !== 'audio') return;
      if (event.transceiver.direction !== 'sendrecv') event.transceiver.direction = 'sendrecv';
      if (!this.audioSender) {
        this.audioSender = event.transceiver.sender;
        this.setOutgoingAudio(this.outgoingAudio);
      }
      audio.onRemoteTrack(event.track);
    });
  }

  /**
   * The initiator adds a `sendrecv` audio transceiver (with our microphone, if granted by now) and
   * offers again; until the peer's answer with audio is applied, it retries while the link is open
   * (an offer or answer the lobby lost). An ICE restart meanwhile carries the audio section too.
   */
  private addAudio(attempt: number): void {
    if (this.currentState !== 'open') return;
    const connection = this.connection();
    this.audioSender ??= connection.addTransceiver(this.outgoingAudio ?? 'audio', { direction: 'sendrecv' }).sender;
    if (connection.currentRemoteDescription?.sdp.includes('m=audio') === true) return;
    this.offerAgain(false);
    this.scheduler().after(attempt < AUDIO_QUICK_ATTEMPTS ? AUDIO_RETRY_MS : AUDIO_SLOW_RETRY_MS, () => this.addAudio(attempt + 1));
  }

  private scheduler(): Scheduler {
    return this.options.scheduler ?? systemScheduler;
  }

  private isOpen(): boolean {
    return this.currentState === 'open';
  }

  private maybeOpen(): void {
    if (this.currentState !== 'connecting') return;
    if (this.reliable.readyState !== 'open' || this.unreliable.readyState !== 'open') return;
    this.currentState = 'open';
    this.cancelConnectTimeout();
    if (this.options.audio && this.options.initiator) this.scheduler().after(AUDIO_AFTER_OPEN_MS, () => this.addAudio(1));
    this.events.emit('open', undefined);
    for (const message of this.early.splice(0)) {
      // A handler may have closed the link while earlier messages were delivered.
      if (!this.isOpen()) return;
      this.events.emit('message', message);
    }
  }

  private forwardSignal(signal: SimplePeer.SignalData): void {
    const candidate = 'candidate' in signal ? signal.candidate.candidate : undefined;
    if (candidate !== undefined && this.options.candidateFilter && !this.options.candidateFilter(candidate)) return;
    const type = candidate === undefined ? undefined : candidateType(candidate);
    if (type) this.localTypes.add(type);
    // Our answer to a restart offer carries that offer's generation (see ice-restart.ts).
    if (signal.type === 'answer') this.options.sendSignal(this.restarts.answerSignal(signal.sdp ?? ''));
    else this.options.sendSignal(JSON.stringify(signal));
  }

  private deliver(channel: Channel, data: unknown): void {
    const bytes = toBytes(data);
    if (!bytes || bytes.byteLength > MAX_PEER_MESSAGE_BYTES) {
      this.drops.malformed += 1;
      return;
    }
    if (this.currentState === 'open') {
      this.events.emit('message', { channel, bytes });
    } else if (this.currentState === 'connecting' && this.early.length < MAX_EARLY_MESSAGES) {
      this.early.push({ channel, bytes });
    } else {
      this.drops.malformed += 1;
    }
  }
}

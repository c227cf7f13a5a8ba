import type { LinkEvents } from '../net/peer-link.js';
import type { InboundAudioStats } from '../net/rtc-platform.js';
import type { LinkAudio } from '../net/simple-peer-link.js';
import { Emitter } from '../util/emitter.js';

/** What voice needs of a transport link (SimplePeerLink fits): its peer, audio, stats and end. */
export interface VoiceLink {
  readonly remoteId: string;
  readonly events: Pick<Emitter<LinkEvents>, 'on'>;
  setOutgoingAudio(track: MediaStreamTrack | null): void;
  inboundAudio(): Promise<InboundAudioStats | undefined>;
}

export interface VoiceEvents extends Record<string, unknown> {
  /** A peer's audio arrived (again, after a reconnection): play it. */
  'peer-track': { readonly remoteId: string; readonly track: MediaStreamTrack };
  /** The link to a peer closed: stop playing it. */
  'peer-gone': { readonly remoteId: string };
  /** The microphone, push-to-talk or a peer's mute changed: redraw. */
  changed: undefined;
}

/** What voice chat needs of the browser's media devices; `navigator.mediaDevices` fits. */
export type MicrophoneSource = Pick<MediaDevices, 'getUserMedia'>;

/** `asking`: the microphone was requested and not answered yet; `on`: we can talk. */
export type MicrophoneState = 'off' | 'asking' | 'on' | 'unavailable';

/**
 * Push-to-talk voice over the peer connections the mesh already has. Every link gets an audio
 * transceiver a second after it opens (SimplePeerLink `audio`: negotiated through the lobby,
 * which has just relayed the link's own offer, and off the join's path), so the microphone can be
 * put on all links whenever the player grants it (asked on the first push-to-talk) without
 * negotiating again, and joining never waits for it. Talking toggles `track.enabled` (silence is
 * sent otherwise). Muting a player is local. Without a microphone (refused, absent) voice is
 * unavailable for talking and the player still hears the others.
 */
export class VoiceChat {
  readonly events = new Emitter<VoiceEvents>();
  private readonly peers = new Map<string, { link: VoiceLink; track: MediaStreamTrack | undefined }>();
  private readonly muted = new Set<string>();
  private microphone: MediaStream | undefined;
  private state: MicrophoneState = 'off';
  private reason: string | undefined;
  private isTalking = false;

  /** `devices`: where the microphone comes from (`navigator.mediaDevices`; absent on insecure pages). */
  constructor(private readonly devices: MicrophoneSource | undefined) {}

  /** Where the microphone stands; see `unavailableReason` when `unavailable`. */
  get microphoneState(): MicrophoneState {
    return this.state;
  }

  /** Why we cannot talk, for the player (set when the state is `unavailable`). */
  get unavailableReason(): string | undefined {
    return this.reason;
  }

  get talking(): boolean {
    return this.isTalking;
  }

  /**
   * Asks for the microphone and puts it on every link, present and future, once granted. The first
   * push-to-talk asks by itself: links never wait for the microphone, and starting the audio
   * devices costs CPU (~0.3 s in Chromium here) that a joining page's handshake should have.
   * Never throws.
   */
  async requestMicrophone(): Promise<void> {
    if (this.state === 'asking' || this.state === 'on') return;
    this.setState('asking', undefined);
    const devices = this.devices;
    if (!devices) {
      this.setState('unavailable', 'this page has no access to media devices (an insecure address?)');
      return;
    }
    try {
      this.microphone = await devices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true }, video: false });
    } catch (error: unknown) {
      this.setState('unavailable', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      return;
    }
    this.applyTalking();
    for (const { link } of this.peers.values()) link.setOutgoingAudio(this.track ?? null);
    this.setState('on', undefined);
  }

  /**
   * Creates a transport link with voice: `create` receives the link's audio settings
   * (SimplePeerLink's `audio` option); the link is then followed until it closes.
   */
  connect<L extends VoiceLink>(remoteId: string, create: (audio: LinkAudio) => L): L {
    const link = create({ track: this.track, onRemoteTrack: (track) => this.receiveTrack(link, track) });
    this.peers.set(remoteId, { link, track: undefined });
    link.events.on('close', () => {
      if (this.peers.get(remoteId)?.link !== link) return;
      this.peers.delete(remoteId);
      this.events.emit('peer-gone', { remoteId });
      this.events.emit('changed', undefined);
    });
    return link;
  }

  /**
   * Push-to-talk: the microphone track is live only while this is on. The first time, it asks for
   * the microphone; talking starts when it is granted (if still held).
   */
  setTalking(on: boolean): void {
    if (on && this.state === 'off') void this.requestMicrophone();
    if (this.isTalking === on) return;
    this.isTalking = on;
    this.applyTalking();
    this.events.emit('changed', undefined);
  }

  /** Silences one player for us only (kept across their reconnections). */
  setMuted(remoteId: string, muted: boolean): void {
    if (muted) this.muted.add(remoteId);
    else this.muted.delete(remoteId);
    this.events.emit('changed', undefined);
  }

  isMuted(remoteId: string): boolean {
    return this.muted.has(remoteId);
  }

  /** Peers whose audio we receive, with their tracks. */
  tracks(): { readonly remoteId: string; readonly track: MediaStreamTrack }[] {
    return [...this.peers].flatMap(([remoteId, peer]) => (peer.track ? [{ remoteId, track: peer.track }] : []));
  }

  /** Every peer link's inbound audio as getStats reports it (for the debug hook and tests). */
  async inboundAudio(): Promise<{ readonly remoteId: string; readonly stats: InboundAudioStats | undefined }[]> {
    return Promise.all([...this.peers].map(async ([remoteId, peer]) => ({ remoteId, stats: await peer.link.inboundAudio() })));
  }

  /** Releases the microphone (the page leaves the game). */
  stop(): void {
    this.microphone?.getTracks().forEach((track) => track.stop());
    this.events.clear();
  }

  private get track(): MediaStreamTrack | undefined {
    return this.microphone?.getAudioTracks()[0];
  }

  private receiveTrack(link: VoiceLink, track: MediaStreamTrack): void {
    const peer = this.peers.get(link.remoteId);
    if (!peer || peer.link !== link) return;
    peer.track = track;
    this.events.emit('peer-track', { remoteId: link.remoteId, track });
    this.events.emit('changed', undefined);
  }

  private applyTalking(): void {
    for (const track of this.microphone?.getAudioTracks() ?? []) track.enabled = this.isTalking;
  }

  private setState(state: MicrophoneState, reason: string | undefined): void {
    this.state = state;
    this.reason = reason;
    this.events.emit('changed', undefined);
  }
}

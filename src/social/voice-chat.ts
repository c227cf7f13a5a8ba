import type { InboundAudioStats } from '../net/rtc-platform.js';
import type { LinkAudio } from '../net/simple-peer-link.js';
import type { LinkEvents } from '../net/peer-link.js';
import { Emitter } from '../util/emitter.js';

/** What voice needs of a transport link: who it reaches, its audio stats, and its end. */
export interface VoiceLink {
  readonly remoteId: string;
  readonly events: Pick<Emitter<LinkEvents>, 'on'>;
  inboundAudio(): Promise<InboundAudioStats | undefined>;
}

export interface VoiceEvents extends Record<string, unknown> {
  /** A peer's audio arrived (again, after a reconnection): play it. */
  'peer-stream': { readonly remoteId: string; readonly stream: MediaStream };
  /** The link to a peer closed: stop playing it. */
  'peer-gone': { readonly remoteId: string };
  /** Our push-to-talk or a peer's mute changed: redraw. */
  changed: undefined;
}

/** What voice chat needs of the browser's media devices; `navigator.mediaDevices` fits. */
export type MicrophoneSource = Pick<MediaDevices, 'getUserMedia' | 'enumerateDevices'>;

/**
 * Looks for a microphone without asking for it (no prompt), meant for page load: the first media
 * call costs ~0.3 s in Chromium (device enumeration), which must not land on the join click.
 * Resolves to why there is no microphone, or undefined when there may be one (browsers list one
 * device per kind, unlabelled, before permission; one that lists nothing at all cannot tell).
 */
export async function findMicrophone(devices: MicrophoneSource | undefined): Promise<string | undefined> {
  if (!devices) return 'this page has no access to media devices (an insecure address?)';
  try {
    const listed = await devices.enumerateDevices();
    return listed.length > 0 && !listed.some((device) => device.kind === 'audioinput') ? 'no microphone found' : undefined;
  } catch {
    return undefined;
  }
}

/** How long joining waits for the player to answer the microphone prompt before going on without. */
export const MICROPHONE_PROMPT_MS = 10_000;

async function requestMicrophone(devices: MicrophoneSource | undefined, timeoutMs: number): Promise<MediaStream | string> {
  if (!devices) return 'this page has no access to media devices (an insecure address?)';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const request = devices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true }, video: false });
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve('no answer to the microphone prompt'), timeoutMs);
  });
  try {
    const result = await Promise.race([request, timeout]);
    // A late yes after the timeout: release the microphone at once rather than keep it open unused.
    if (typeof result === 'string') void request.then((late) => late.getTracks().forEach((track) => track.stop()), () => undefined);
    return result;
  } catch (error: unknown) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Push-to-talk voice over the peer connections the mesh already has. The microphone is asked for
 * once, before joining, and its track is put on every link when the link is created (with an
 * offer to receive audio, so players without a microphone still hear): adding it later would
 * need a renegotiation through the lobby, which may be down mid-game. Talking toggles
 * `track.enabled` (silence is sent otherwise); nothing is renegotiated. Muting a player is
 * local. Without a microphone (refused, absent, no answer) voice is unavailable and everything
 * else works; the player still hears the others.
 */
export class VoiceChat {
  readonly events = new Emitter<VoiceEvents>();
  private readonly peers = new Map<string, { link: VoiceLink; stream: MediaStream | undefined }>();
  private readonly muted = new Set<string>();
  private isTalking = false;

  constructor(
    private readonly microphone: MediaStream | undefined,
    /** Why there is no microphone, for the player; undefined when there is one. */
    readonly unavailableReason: string | undefined,
  ) {
    this.applyTalking();
  }

  /**
   * Asks for the microphone (waiting at most `timeoutMs` for an answer) and starts voice; with
   * `missing` (findMicrophone's answer at page load) it starts without, asking nothing.
   */
  static async start(devices: MicrophoneSource | undefined, missing?: string, timeoutMs = MICROPHONE_PROMPT_MS): Promise<VoiceChat> {
    if (missing !== undefined) return new VoiceChat(undefined, missing);
    const microphone = await requestMicrophone(devices, timeoutMs);
    return typeof microphone === 'string' ? new VoiceChat(undefined, microphone) : new VoiceChat(microphone, undefined);
  }

  /** True when we can talk (a microphone); listening works either way. */
  get available(): boolean {
    return this.microphone !== undefined;
  }

  get talking(): boolean {
    return this.isTalking;
  }

  /**
   * Creates a transport link with voice: `create` receives the audio settings for the link
   * (SimplePeerLink's `audio` option); the link is then followed until it closes.
   */
  connect<L extends VoiceLink>(remoteId: string, create: (audio: LinkAudio) => L): L {
    const link = create({ stream: this.microphone, onRemoteStream: (stream) => this.receiveStream(link, stream) });
    this.peers.set(remoteId, { link, stream: undefined });
    link.events.on('close', () => {
      if (this.peers.get(remoteId)?.link !== link) return;
      this.peers.delete(remoteId);
      this.events.emit('peer-gone', { remoteId });
      this.events.emit('changed', undefined);
    });
    return link;
  }

  /** Push-to-talk: the microphone track is live only while this is on. */
  setTalking(on: boolean): void {
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

  /** Peers whose audio we receive, with their streams. */
  streams(): { readonly remoteId: string; readonly stream: MediaStream }[] {
    return [...this.peers].flatMap(([remoteId, peer]) => (peer.stream ? [{ remoteId, stream: peer.stream }] : []));
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

  private receiveStream(link: VoiceLink, stream: MediaStream): void {
    const peer = this.peers.get(link.remoteId);
    if (!peer || peer.link !== link) return;
    peer.stream = stream;
    this.events.emit('peer-stream', { remoteId: link.remoteId, stream });
    this.events.emit('changed', undefined);
  }

  private applyTalking(): void {
    for (const track of this.microphone?.getAudioTracks() ?? []) track.enabled = this.isTalking;
  }
}

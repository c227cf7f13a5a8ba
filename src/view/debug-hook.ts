import type { Entity } from '../game/definition.js';
import type { DurationSummary } from '../util/duration-stats.js';
import type { LinkStats } from '../net/monitored-link.js';
import type { Direction, NetworkConditions } from '../net/sim/conditions.js';
import type { NetworkSimulator } from '../net/sim/network-simulator.js';
import type { Match, MatchPlayer, MatchRole, MatchStatus } from '../session/match.js';
import type { AuthorityPhase } from '../session/authority-contract.js';
import type { InboundAudioStats } from '../net/rtc-platform.js';
import type { ChatLog } from '../social/chat-log.js';
import type { MicrophoneState, VoiceChat } from '../social/voice-chat.js';
import type { JoinMoment, JoinTimeline } from './join-timeline.js';
import type { RendererKind } from './renderer-choice.js';

/** Chat and voice of the current game, for the debug hook (undefined outside a game or without voice). */
export interface SocialDebugSource {
  readonly chat: ChatLog | undefined;
  readonly voice: VoiceChat | undefined;
}

/** The renderer as the debug hook reports it. */
export interface RendererState {
  readonly ready: boolean;
  readonly kind: RendererKind | undefined;
  readonly drawnPlayers: number;
  readonly frameTimes: DurationSummary | undefined;
  /** The arena point at the canvas's centre and the zoom (undefined before the scene is up). */
  readonly camera: CameraView | undefined;
}

/** Where the renderer's camera looks: the arena point at the canvas's centre, and its zoom. */
export interface CameraView {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

/** What end-to-end tests read from a page instead of guessing from pixels. */
export interface DebugState {
  readonly status: MatchStatus | 'lobby';
  readonly role: MatchRole | undefined;
  /** Where the page is in choosing whom to follow (joining, following, hosting, migrating). */
  readonly phase: AuthorityPhase | undefined;
  /** While joining or migrating: the peer whose reign the page waits for. */
  readonly awaitedHost: string | undefined;
  readonly code: string | undefined;
  /** Who hosts now and its reign (0 for the first host; higher after each host change). */
  readonly host: { readonly id: string; readonly epoch: number } | undefined;
  readonly selfId: string | undefined;
  /** Lobby room entered → peer link to the host open, in ms (clients only). */
  readonly connectMs: number | undefined;
  /** When each step of joining happened, ms since navigation began (see JoinTimeline). */
  readonly timeline: Partial<Record<JoinMoment, number>>;
  readonly players: readonly MatchPlayer[];
  /** Every entity as drawn now, with all its fields (scores, flags…). */
  readonly entities: readonly Entity[];
  /** True once the renderer has booted (it boots while the start page is shown). */
  readonly rendererReady: boolean;
  readonly renderer: RendererKind | undefined;
  /** Players the renderer has actually drawn: what a person sees, not only what the session knows. */
  readonly drawnPlayers: number;
  /** The match's arena (its game's variant), and where the camera looks in it. */
  readonly arena: { readonly width: number; readonly height: number } | undefined;
  readonly camera: CameraView | undefined;
  readonly dropped: { readonly malformed: number; readonly unauthorized: number };
  /** RTT, jitter, loss and traffic of every open peer link. */
  readonly links: readonly LinkStats[];
  /** Main-thread time per rendered frame (update + render), recent frames. */
  readonly frameMs: DurationSummary | undefined;
  /** Time per run of the match loop (simulation, snapshots), recent runs. */
  readonly loopMs: DurationSummary | undefined;
  /** Snapshots this client decoded so far (undefined while hosting). */
  readonly snapshotsDecoded: number | undefined;
  /** While hosting: per peer, the snapshots sent, how many carried every change within the budget, and their body bytes. */
  readonly snapshotStreams: ReturnType<Match['snapshotStreams']>;
  /** Chat lines as this page shows them, oldest first. */
  readonly chat: readonly { readonly senderName: string; readonly text: string }[];
  /** Voice: the microphone, push-to-talk, and whose audio we receive. */
  readonly voice:
    | { readonly microphone: MicrophoneState; readonly reason: string | undefined; readonly talking: boolean; readonly hearing: readonly string[] }
    | undefined;
}

export interface DebugHook {
  state(): DebugState;
  /**
   * Changes the simulated network from the console: every peer link, or only the link to
   * `remoteId` (a peer id from `state().links`), e.g.
   * `__hostmesh.setNetwork('outgoing', { latencyMs: 80, loss: 0.05 })`. Returns how many links
   * changed; −1 when the page has no simulator (the demo page always has one; see main.ts).
   */
  setNetwork(direction: Direction, conditions: Partial<NetworkConditions>, remoteId?: string): number;
  /** Each peer link's inbound audio from getStats (empty without voice). */
  inboundAudio(): Promise<{ readonly remoteId: string; readonly stats: InboundAudioStats | undefined }[]>;
}

function voiceState(voice: VoiceChat | undefined): DebugState['voice'] {
  if (!voice) return undefined;
  const hearing = voice.tracks().map((entry) => entry.remoteId);
  return { microphone: voice.microphoneState, reason: voice.unavailableReason, talking: voice.talking, hearing };
}

/** Installs `window.__hostmesh`, reading the current match lazily on every call. */
export function installDebugHook(
  target: Window,
  currentMatch: () => Match | undefined,
  renderer: () => RendererState,
  simulator: NetworkSimulator | undefined,
  social: () => SocialDebugSource = () => ({ chat: undefined, voice: undefined }),
  timeline?: JoinTimeline,
): void {
  const hook: DebugHook = {
    state() {
      const match = currentMatch();
      return {
        status: match?.status ?? 'lobby',
        role: match?.role,
        phase: match?.phase,
        awaitedHost: match?.awaitedHost,
        code: match?.code,
        host: match && { id: match.hostClaim.hostId, epoch: match.hostClaim.epoch },
        selfId: match?.selfId,
        connectMs: match?.connectMs,
        timeline: timeline?.snapshot() ?? {},
        entities: match?.entities() ?? [],
        players: match?.players() ?? [],
        rendererReady: renderer().ready,
        renderer: renderer().kind,
        drawnPlayers: renderer().drawnPlayers,
        arena: match?.definition.arena,
        camera: renderer().camera,
        dropped: { ...(match?.dropped ?? { malformed: 0, unauthorized: 0 }) },
        links: match?.linkStats() ?? [],
        frameMs: renderer().frameTimes,
        loopMs: match?.loopTimes.summary(),
        snapshotsDecoded: match?.replicationStats?.snapshots,
        snapshotStreams: match?.snapshotStreams() ?? [],
        chat: (social().chat?.lines() ?? []).map(({ senderName, text }) => ({ senderName, text })),
        voice: voiceState(social().voice),
      };
    },
    inboundAudio() {
      return social().voice?.inboundAudio() ?? Promise.resolve([]);
    },
    setNetwork(direction, conditions, remoteId) {
      return simulator ? simulator.set(direction, conditions, remoteId) : -1;
    },
  };
  Object.defineProperty(target, '__hostmesh', { value: hook, configurable: true });
}

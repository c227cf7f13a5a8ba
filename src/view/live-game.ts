import type { GameOffer } from '../game/variants.js';
import { natAdvice, probeNat } from '../net/nat-probe.js';
import type { NetworkSimulator } from '../net/sim/network-simulator.js';
import { SimplePeerLink, type LinkAudio } from '../net/simple-peer-link.js';
import type { GameSettings } from '../protocol/lobby-game.js';
import { Match, type LinkFactoryFor, type MatchOptions, type MatchStatus } from '../session/match.js';
import type { VoiceChat } from '../social/voice-chat.js';
import type { Scheduler } from '../time/scheduler.js';
import type { Result } from '../util/result.js';
import { element } from './dom.js';
import type { Arena } from './game-scene.js';
import type { IcePolicy } from './ice-policy.js';
import type { JoinTimeline } from './join-timeline.js';
import type { LobbyUi } from './lobby-ui.js';
import { membersView } from './members-view.js';
import { inviteLink } from './route.js';
import { playerKey, recollection, seatToken } from './seat-storage.js';
import { socialPanel, type SocialPanel } from './social-panel.js';

const STATUS_TEXT: Record<MatchStatus, string> = {
  connecting: 'Connecting to the host…',
  playing: 'Connected',
  migrating: 'The host changed: handing the game to another player…',
  closed: 'You left the game.',
};

/** What the page (run-game) has set up before a match exists, and the live part builds on. */
export interface PageShell<State> {
  /** The game, or its variants: the match runs the one its host chose. */
  readonly game: GameOffer<State>;
  readonly ui: LobbyUi;
  readonly timeline: JoinTimeline;
  /** The renderer, booting while the start page is shown. */
  readonly arena: Promise<Arena>;
  readonly voice: VoiceChat;
  readonly simulator: NetworkSimulator;
  readonly icePolicy: IcePolicy;
  /** Our player's input now, as the game packs it. */
  readonly localInput: () => number;
  /** The match's timers: kept on time while the page is hidden (WorkerPacedScheduler). */
  readonly scheduler: Scheduler;
}

/** The ways into a game from the start page or an invite link. */
export type Entry =
  | { readonly kind: 'host'; readonly settings: GameSettings }
  | { readonly kind: 'quick-join' }
  | { readonly kind: 'join'; readonly code: string; readonly spectate: boolean };

/**
 * Peer links over the browser's WebRTC, relay-only when the page address asks for it, behind the
 * network simulator (a pass-through until someone sets conditions), with voice when started.
 */
function browserLinks(icePolicy: IcePolicy, simulator: NetworkSimulator, voice: VoiceChat): LinkFactoryFor {
  return (iceServers) => (remoteId, initiator, sendSignal) => {
    const create = (audio: LinkAudio): SimplePeerLink =>
      new SimplePeerLink({ remoteId, initiator, iceServers, sendSignal, iceTransportPolicy: icePolicy, audio });
    return simulator.wrap(voice.connect(remoteId, create));
  };
}

/** How long after entering a game the page probes its NAT (see LiveGame.play). */
const NAT_PROBE_DELAY_MS = 1_500;

function lobbyUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}`;
}

/**
 * The page's match and everything that lives with it: the lobby session, the peer mesh, chat and
 * voice, the members list, status and notices. It carries the network stack (colyseus.js,
 * simple-peer, msgpackr), so run-game loads it beside the renderer while the start page is
 * already usable, instead of making the first paint wait for it.
 */
export class LiveGame<State> {
  private current: Match<State> | undefined;
  private currentSocial: SocialPanel | undefined;

  constructor(private readonly shell: PageShell<State>) {}

  /** The match this page is in, if any. */
  get match(): Match<State> | undefined {
    return this.current;
  }

  /** The chat and voice panel of the current match. */
  get social(): SocialPanel | undefined {
    return this.currentSocial;
  }

  /** Enters a game as `name`; failures are shown on the page. */
  enter(name: string, entry: Entry): Promise<void> {
    const options = this.options(name);
    switch (entry.kind) {
      case 'host':
        return this.play(Match.host(options, entry.settings), name);
      case 'quick-join':
        return this.play(Match.quickJoin(options), name);
      case 'join':
        return this.play(Match.join({ ...options, spectate: entry.spectate }, entry.code), name);
    }
  }

  /** Takes back the seat this tab held before a reload; false when it is gone. */
  async resume(name: string, token: string): Promise<boolean> {
    const resumed = await Match.resume({ ...this.options(name), ...seatToken.peer(sessionStorage), ...recollection.read(sessionStorage) }, token);
    if (!resumed.ok) return false;
    void this.play(Promise.resolve(resumed), name);
    return true;
  }

  private options(name: string): MatchOptions<State> {
    const { game, icePolicy, simulator, voice, localInput } = this.shell;
    return {
      lobby: lobbyUrl(window.location),
      name,
      playerKey: playerKey(localStorage),
      scheduler: this.shell.scheduler,
      game,
      localInput,
      linkFactory: browserLinks(icePolicy, simulator, voice),
    };
  }

  private async play(entering: Promise<Result<Match<State>>>, name: string): Promise<void> {
    const { ui, timeline, voice } = this.shell;
    const result = await entering;
    if (!result.ok) {
      seatToken.clear(sessionStorage);
      ui.showMessage(result.reason);
      return;
    }
    const current = result.value;
    this.current = current;
    timeline.mark('lobby-entered');
    // The links to the other members were made with the welcome, and each queued the creation
    // of its WebRTC offer (a timer). Let that start before the game page is built: the offer is
    // created off the main thread meanwhile, instead of after a frame's worth of layout.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const lobby = current.lobbyRoom;
    const rememberSeat = (): void => seatToken.write(sessionStorage, lobby.reconnectionToken, lobby.selfId, lobby.spectator);
    rememberSeat();
    lobby.events.on('reattached', rememberSeat); // a new token after the lobby restarted
    lobby.events.on('kicked', () => {
      seatToken.clear(sessionStorage);
      void current.close().then(() => ui.showMessage('The host removed you from this game.'));
    });
    lobby.events.on('shut-out', () => {
      seatToken.clear(sessionStorage);
      void current.close().then(() => ui.showMessage('You were away too long and the host locked the game meanwhile: ask them to unlock it, then open the invite link again.'));
    });
    this.currentSocial?.dispose();
    const social = socialPanel(current, name, voice);
    this.currentSocial = social;
    ui.showGame(inviteLink(window.location.origin, current.code), element('div', {}, membersView(lobby), social.root));
    const showStatus = (status: MatchStatus): void => {
      if (status === 'playing') timeline.mark('playing');
      const part = current.lobbyRoom.spectator ? 'watching' : current.role === 'host' ? 'you host' : 'you play';
      ui.setStatus(`${STATUS_TEXT[status]} · game ${current.code} · ${part}`);
    };
    showStatus(current.status);
    current.events.on('status', showStatus);
    lobby.events.on('disconnected', () => {
      if (current.status !== 'closed') ui.showNotice('Disconnected from the lobby: the game goes on with everyone you are connected to, but nobody new can join until it is back.');
    });
    current.events.on('peer-unreachable', ({ name: peer, reason }) => {
      ui.showNotice(`Could not connect to ${peer} directly: ${reason}`);
    });
    // Know before anyone fails to connect: whether this network will need a relay.
    // The probe waits until the join's own handshakes are done: its connection and STUN requests
    // would compete with them for the CPU, and a link that cannot connect takes far longer to give up.
    const natTargets = lobby.natProbeTargets;
    if (natTargets) {
      setTimeout(() => {
        if (current.status === 'closed') return;
        void probeNat(natTargets, (config) => new RTCPeerConnection(config)).then((verdict) => {
          document.body.dataset['nat'] = verdict; // for people and tests reading the page
          const advice = natAdvice(verdict, lobby.relayOffered);
          if (advice !== undefined && current.status !== 'closed') ui.showNotice(advice);
        });
      }, NAT_PROBE_DELAY_MS);
    }
    // Start drawing once there is something to draw: rendering competes with the WebRTC
    // handshake for the CPU, and until the host link is up there is nothing to show.
    const ready = await this.shell.arena;
    ready.scene.useArena(current.definition.arena);
    if (current.status === 'playing') ready.wake();
    else current.events.on('status', (status) => status === 'playing' && ready.wake());
    // Keep the lobby seat on unload: a reload within the grace period resumes it.
    window.addEventListener('pagehide', () => {
      recollection.write(sessionStorage, current.recollection);
      void current.close({ keepSeat: true });
    });
  }
}

import type { Entity, GameDefinition } from '../game/definition.js';
import { fetchGameList, fetchInvitation, GAMES_POLL_MS } from '../net/games-list.js';
import { natAdvice, probeNat } from '../net/nat-probe.js';
import { linkConditionsFromQuery, NetworkSimulator } from '../net/sim/network-simulator.js';
import { SimplePeerLink, type LinkAudio } from '../net/simple-peer-link.js';
import { warmUpWebRtc } from '../net/warm-up.js';
import type { LinkFactoryFor, Match, MatchOptions, MatchStatus } from '../session/match.js';
import { Match as MatchSession } from '../session/match.js';
import { systemScheduler } from '../time/scheduler.js';
import { fail, ok, type Result } from '../util/result.js';
// Social and diagnostics (chat, voice, net overlay).
import { VoiceChat } from '../social/voice-chat.js';
import { element } from './dom.js';
import { netOverlay } from './overlay/net-overlay.js';
import { overlayInput, socialPanel, type SocialPanel } from './social-panel.js';
import { Controls } from './controls.js';
import { installDebugHook, type RendererState } from './debug-hook.js';
import { JoinTimeline } from './join-timeline.js';
import type { GameView, RenderFrame } from './game-view.js';
import { handOffWhenHidden } from './hidden-host-handoff.js';
import { parseIcePolicy, type IcePolicy } from './ice-policy.js';
import { createLobbyUi, rememberedName, rememberName } from './lobby-ui.js';
import { membersView } from './members-view.js';
import { chooseRenderer } from './renderer-choice.js';
import { inviteLink, parseRoute, wantsToSpectate } from './route.js';
import { playerKey, recollection, seatToken } from './seat-storage.js';

const STATUS_TEXT: Record<MatchStatus, string> = {
  connecting: 'Connecting to the host…',
  playing: 'Connected',
  migrating: 'The host changed: handing the game to another player…',
  closed: 'You left the game.',
};

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

/**
 * The page's network simulator, with the conditions the address asks for (`?netsim=…`) or a
 * perfect network. Always present, so the net overlay's panel can change any link at run time;
 * on a perfect network it passes messages straight through (see SimulatedLink).
 */
function simulatorFromAddress(search: string): Result<NetworkSimulator> {
  const conditions = linkConditionsFromQuery(new URLSearchParams(search));
  if (!conditions.ok) return fail(`The network simulator settings are not valid: ${conditions.reason}`);
  const seed = crypto.getRandomValues(new Uint32Array(1))[0] ?? 1;
  return ok(new NetworkSimulator(systemScheduler, seed, conditions.value ?? {}));
}

function lobbyUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}`;
}

/** The frame a view draws now, or undefined outside a game. */
function currentFrame<State>(match: Match<State> | undefined): RenderFrame | undefined {
  if (!match) return undefined;
  const entities = match.entities();
  const rttMs = new Map<string, number>();
  for (const link of match.linkStats()) if (link.rttMs !== undefined) rttMs.set(link.remoteId, link.rttMs);
  return { entities, players: match.players(entities), selfSlot: match.selfSlot, role: match.role, status: match.status, rttMs };
}

/**
 * Runs a game in this page with the engine's whole browser side: the start page (name, public
 * list, host, quick join, join by code or invite link), the peer mesh, replication, host
 * migration, reload into the same seat, and the renderer. `view` is the game's drawing and input
 * mapping. The page needs `#panel` and `#arena` elements.
 */
export function runGame<State>(game: GameDefinition<State>, view: GameView): void {
  const panel = document.getElementById('panel');
  const arenaElement = document.getElementById('arena');
  if (!panel || !arenaElement) throw new Error('the page needs #panel and #arena elements');
  const timeline = new JoinTimeline();
  timeline.mark('script');
  const ui = createLobbyUi(panel, view.title ?? document.title);
  const controls = new Controls(window, new Set(view.keys));
  const icePolicy = parseIcePolicy(window.location.search);
  if (!icePolicy.ok) console.warn(`Hostmesh: ${icePolicy.reason}`);
  let match: Match<State> | undefined;
  let lastFrame: RenderFrame | undefined;
  const frame = (): RenderFrame | undefined => {
    lastFrame = currentFrame(match);
    return lastFrame;
  };
  const selfEntity = (): Entity | undefined => lastFrame?.entities.find((entity) => entity.id === lastFrame?.selfSlot);
  // Phaser is most of the download and of the start-up work: load and boot it while the player
  // reads the start page, so joining only waits on the network. The arena is painted from the
  // start, unseen (page.css): showing a WebGL canvas for the first time stalls the page for
  // hundreds of milliseconds under software rendering, which must not land on the WebRTC handshake.
  const arena = import('./game-scene.js').then(({ GameScene, startArena }) =>
    startArena(
      arenaElement,
      game.arena,
      new GameScene(view, frame, controls),
      chooseRenderer(document, window.location.search),
      view.background,
    ),
  );
  let renderer = (): RendererState => ({ ready: false, kind: undefined, drawnPlayers: 0, frameTimes: undefined });
  void arena.then((ready) => {
    timeline.mark('renderer-ready');
    renderer = () => ({ ready: true, kind: ready.renderer, drawnPlayers: ready.scene.drawnPlayers, frameTimes: ready.frameTimes.summary() });
  });
  const simulated = simulatorFromAddress(window.location.search);
  if (!simulated.ok) {
    ui.showMessage(simulated.reason);
    return;
  }
  const simulator = simulated.value;
  // Social and diagnostics: voice asks for the microphone on the first push-to-talk.
  const voice = new VoiceChat(navigator.mediaDevices);
  let social: SocialPanel | undefined;
  netOverlay(document.body, () => match && overlayInput(match), simulator);
  installDebugHook(window, () => match, () => renderer(), simulator, () => ({ chat: social?.log, voice }), timeline);
  handOffWhenHidden(document, () => match);

  const options = (name: string): MatchOptions<State> => ({
    lobby: lobbyUrl(window.location),
    name,
    playerKey: playerKey(localStorage),
    scheduler: systemScheduler,
    game,
    localInput: () => {
      const input = view.readInput(controls, selfEntity());
      controls.endSample();
      return input;
    },
    linkFactory: browserLinks(icePolicy.ok ? icePolicy.value : 'all', simulator, voice),
  });
  let stopPolling = (): void => undefined;

  const play = async (entering: Promise<Result<Match<State>>>, name: string): Promise<void> => {
    stopPolling();
    const result = await entering;
    if (!result.ok) {
      seatToken.clear(sessionStorage);
      ui.showMessage(result.reason);
      return;
    }
    match = result.value;
    timeline.mark('lobby-entered');
    const current = match;
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
    social?.dispose();
    social = socialPanel(current, name, voice);
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
    const natTargets = lobby.natProbeTargets;
    if (natTargets) {
      void probeNat(natTargets, (config) => new RTCPeerConnection(config)).then((verdict) => {
        document.body.dataset['nat'] = verdict; // for people and tests reading the page
        const advice = natAdvice(verdict, lobby.relayOffered);
        if (advice !== undefined && current.status !== 'closed') ui.showNotice(advice);
      });
    }
    // Start drawing once there is something to draw: rendering competes with the WebRTC
    // handshake for the CPU, and until the host link is up there is nothing to show.
    const ready = await arena;
    if (current.status === 'playing') ready.wake();
    else current.events.on('status', (status) => status === 'playing' && ready.wake());
    // Keep the lobby seat on unload: a reload within the grace period resumes it.
    window.addEventListener('pagehide', () => {
      recollection.write(sessionStorage, current.recollection);
      void current.close({ keepSeat: true });
    });
  };
  const enter = (name: string, how: (opts: MatchOptions<State>) => Promise<Result<Match<State>>>): void => {
    timeline.mark('join-clicked');
    rememberName(localStorage, name);
    void play(how(options(name)), name);
  };

  const showHome = (): void => {
    const update = ui.showHome(name, {
      host: (chosen, settings) => enter(chosen, (opts) => MatchSession.host(opts, settings)),
      quickJoin: (chosen) => enter(chosen, (opts) => MatchSession.quickJoin(opts)),
      joinByCode: (chosen, code) => enter(chosen, (opts) => MatchSession.join(opts, code)),
    });
    const poll = (): void => {
      void fetchGameList(window.location.origin).then((games) => update(games.ok ? games.value : games.reason));
    };
    poll();
    const timer = setInterval(poll, GAMES_POLL_MS);
    stopPolling = () => clearInterval(timer);
  };

  const route = parseRoute(window.location.pathname);
  const name = rememberedName(localStorage);
  // A token is "<code>:<secret>"; an invite link to another game wins over the old seat.
  const stored = seatToken.read(sessionStorage);
  const token = route.kind === 'join' && !stored?.startsWith(`${route.code}:`) ? undefined : stored;
  if (!('RTCPeerConnection' in window)) {
    ui.showMessage('This browser cannot make peer-to-peer connections (WebRTC data channels are missing).');
  } else if (token !== undefined && route.kind !== 'bad-link') {
    // This tab held a seat before a reload: take it back, or fall back to the normal page.
    warmUpWebRtc(window);
    void MatchSession.resume({ ...options(name), ...seatToken.peer(sessionStorage), ...recollection.read(sessionStorage) }, token).then((resumed) => {
      if (resumed.ok) void play(Promise.resolve(resumed), name);
      else {
        seatToken.clear(sessionStorage);
        window.location.reload();
      }
    });
  } else if (route.kind === 'home') {
    warmUpWebRtc(window);
    showHome();
  } else if (route.kind === 'join') {
    warmUpWebRtc(window);
    const spectate = wantsToSpectate(window.location.search);
    const describe = ui.showInvite(route.code, name, (chosen) => enter(chosen, (opts) => MatchSession.join({ ...opts, spectate }, route.code)), spectate);
    void fetchInvitation(window.location.origin, route.code).then(describe);
  } else {
    ui.showMessage(route.reason);
  }
}

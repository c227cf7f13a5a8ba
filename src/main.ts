import { fetchGameList, GAMES_POLL_MS } from './net/games-list.js';
import { linkConditionsFromQuery, NetworkSimulator } from './net/sim/network-simulator.js';
import { SimplePeerLink } from './net/simple-peer-link.js';
import { warmUpWebRtc } from './net/warm-up.js';
import type { LinkFactoryFor, Match, MatchOptions, MatchStatus } from './session/match.js';
import { Match as MatchSession } from './session/match.js';
import { systemClock } from './time/clock.js';
import { systemScheduler } from './time/scheduler.js';
import { fail, ok, type Result } from './util/result.js';
import { installDebugHook, type RendererState } from './view/debug-hook.js';
import { handOffWhenHidden } from './view/hidden-host-handoff.js';
import { KeyboardInput } from './view/keyboard-input.js';
import { parseIcePolicy, type IcePolicy } from './view/ice-policy.js';
import { createLobbyUi, rememberedName, rememberName } from './view/lobby-ui.js';
import { membersView } from './view/members-view.js';
import { chooseRenderer } from './view/renderer-choice.js';
import { inviteLink, parseRoute, wantsToSpectate } from './view/route.js';
import { playerKey, seatToken } from './view/seat-storage.js';

/** The demo's arena size in pixels; the simulation clamps players inside it. */
const ARENA = { width: 960, height: 540 };

const STATUS_TEXT: Record<MatchStatus, string> = {
  connecting: 'Connecting to the host…',
  playing: 'Connected',
  migrating: 'The host changed: handing the game to another player…',
  closed: 'You left the game.',
};

/**
 * Peer links over the browser's WebRTC, relay-only when the page address asks for it, and behind
 * the network simulator when it asks for one (`?netsim=…`).
 */
function browserLinks(icePolicy: IcePolicy, simulator: NetworkSimulator | undefined): LinkFactoryFor {
  return (iceServers) => (remoteId, initiator, sendSignal) => {
    const link = new SimplePeerLink({ remoteId, initiator, iceServers, sendSignal, iceTransportPolicy: icePolicy });
    return simulator ? simulator.wrap(link) : link;
  };
}

/** The simulator the address asks for (`?netsim=…`), if any. */
function simulatorFromAddress(search: string): Result<NetworkSimulator | undefined> {
  const conditions = linkConditionsFromQuery(new URLSearchParams(search));
  if (!conditions.ok) return fail(`The network simulator settings are not valid: ${conditions.reason}`);
  if (!conditions.value) return ok(undefined);
  const seed = crypto.getRandomValues(new Uint32Array(1))[0] ?? 1;
  return ok(new NetworkSimulator(systemScheduler, seed, conditions.value));
}

function lobbyUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}`;
}

function main(): void {
  const panel = document.getElementById('panel');
  const arenaElement = document.getElementById('arena');
  if (!panel || !arenaElement) throw new Error('index.html needs #panel and #arena elements');
  const ui = createLobbyUi(panel);
  const keyboard = new KeyboardInput(window);
  const icePolicy = parseIcePolicy(window.location.search);
  if (!icePolicy.ok) console.warn(`Hostmesh: ${icePolicy.reason}`);
  let match: Match | undefined;
  // Phaser is most of the download and of the start-up work: load and boot it while the player
  // reads the start page, so joining only waits on the network. The arena is visible from the
  // start: showing a WebGL canvas for the first time stalls the page for hundreds of
  // milliseconds under software rendering, which must not land on the WebRTC handshake.
  const arena = import('./view/arena-scene.js').then(({ ArenaScene, startArena }) =>
    startArena(
      arenaElement,
      ARENA,
      new ArenaScene(() => match?.players() ?? []),
      chooseRenderer(document, window.location.search),
    ),
  );
  let renderer = (): RendererState => ({ ready: false, kind: undefined, drawnPlayers: 0 });
  void arena.then((ready) => {
    renderer = () => ({ ready: true, kind: ready.renderer, drawnPlayers: ready.scene.drawnPlayers });
  });
  const simulated = simulatorFromAddress(window.location.search);
  if (!simulated.ok) {
    ui.showMessage(simulated.reason);
    return;
  }
  const simulator = simulated.value;
  installDebugHook(window, () => match, () => renderer(), simulator);
  handOffWhenHidden(document, () => match);

  const options = (name: string): MatchOptions => ({
    lobbyUrl: lobbyUrl(window.location),
    name,
    playerKey: playerKey(localStorage),
    clock: systemClock,
    world: ARENA,
    localButtons: () => keyboard.buttons(),
    linkFactory: browserLinks(icePolicy.ok ? icePolicy.value : 'all', simulator),
  });
  let stopPolling = (): void => undefined;

  const play = async (entering: Promise<Result<Match>>, name: string): Promise<void> => {
    stopPolling();
    const result = await entering;
    if (!result.ok) {
      seatToken.clear(sessionStorage);
      ui.showMessage(result.reason);
      return;
    }
    match = result.value;
    const current = match;
    const lobby = current.lobbyRoom;
    const rememberSeat = (): void => seatToken.write(sessionStorage, lobby.reconnectionToken, lobby.selfId);
    rememberSeat();
    lobby.events.on('reattached', rememberSeat); // a new token after the lobby restarted
    lobby.events.on('kicked', () => {
      seatToken.clear(sessionStorage);
      void current.close().then(() => ui.showMessage('The host removed you from this game.'));
    });
    ui.showGame(inviteLink(window.location.origin, current.code), membersView(lobby, name));
    const showStatus = (status: MatchStatus): void => {
      ui.setStatus(`${STATUS_TEXT[status]} · game ${current.code} · ${current.role}`);
    };
    showStatus(current.status);
    current.events.on('status', showStatus);
    // Start drawing once there is something to draw: rendering competes with the WebRTC
    // handshake for the CPU, and until the host link is up there is nothing to show.
    const ready = await arena;
    if (current.status === 'playing') ready.wake();
    else current.events.on('status', (status) => status === 'playing' && ready.wake());
    // Keep the lobby seat on unload: a reload within the grace period resumes it.
    window.addEventListener('pagehide', () => void current.close({ keepSeat: true }));
  };
  const enter = (name: string, how: (opts: MatchOptions) => Promise<Result<Match>>): void => {
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
    void MatchSession.resume({ ...options(name), ...seatToken.peer(sessionStorage) }, token).then((resumed) => {
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
    ui.showInvite(route.code, name, (chosen) => enter(chosen, (opts) => MatchSession.join({ ...opts, spectate }, route.code)), spectate);
  } else {
    ui.showMessage(route.reason);
  }
}

main();

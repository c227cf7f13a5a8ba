import { linkConditionsFromQuery, NetworkSimulator } from './net/sim/network-simulator.js';
import { SimplePeerLink } from './net/simple-peer-link.js';
import { warmUpWebRtc } from './net/warm-up.js';
import type { LinkFactoryFor, Match, MatchStatus } from './session/match.js';
import { Match as MatchSession } from './session/match.js';
import { systemClock } from './time/clock.js';
import { systemScheduler } from './time/scheduler.js';
import { fail, ok, type Result } from './util/result.js';
import { installDebugHook, type RendererState } from './view/debug-hook.js';
import { handOffWhenHidden } from './view/hidden-host-handoff.js';
import { KeyboardInput } from './view/keyboard-input.js';
import { createLobbyUi, rememberedName, rememberName } from './view/lobby-ui.js';
import { parseIcePolicy, type IcePolicy } from './view/ice-policy.js';
import { chooseRenderer } from './view/renderer-choice.js';
import { inviteLink, parseRoute } from './view/route.js';

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

  const enter = async (name: string, code: string | undefined): Promise<void> => {
    rememberName(localStorage, name);
    const options = {
      lobbyUrl: lobbyUrl(window.location),
      name,
      clock: systemClock,
      world: ARENA,
      localButtons: () => keyboard.buttons(),
      linkFactory: browserLinks(icePolicy.ok ? icePolicy.value : 'all', simulator),
    };
    const result = code === undefined ? await MatchSession.host(options) : await MatchSession.join(options, code);
    if (!result.ok) {
      ui.showMessage(result.reason);
      return;
    }
    match = result.value;
    ui.showGame(inviteLink(window.location.origin, match.code));
    const current = match;
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
    window.addEventListener('pagehide', () => void current.close());
  };

  const route = parseRoute(window.location.pathname);
  const name = rememberedName(localStorage);
  if (!('RTCPeerConnection' in window)) {
    ui.showMessage('This browser cannot make peer-to-peer connections (WebRTC data channels are missing).');
  } else if (route.kind === 'home') {
    warmUpWebRtc(window);
    ui.showHome(name, (chosen) => void enter(chosen, undefined));
  } else if (route.kind === 'join') {
    warmUpWebRtc(window);
    ui.showInvite(route.code, name, (chosen) => void enter(chosen, route.code));
  } else {
    ui.showMessage(route.reason);
  }
}

main();

import { SimplePeerLink } from './net/simple-peer-link.js';
import type { LinkFactoryFor, Match, MatchStatus } from './session/match.js';
import { Match as MatchSession } from './session/match.js';
import { systemClock } from './time/clock.js';
import { ArenaScene, startArena } from './view/arena-scene.js';
import { installDebugHook } from './view/debug-hook.js';
import { KeyboardInput } from './view/keyboard-input.js';
import { createLobbyUi, rememberedName, rememberName } from './view/lobby-ui.js';
import { inviteLink, parseRoute } from './view/route.js';

/** The demo's arena size in pixels; the simulation clamps players inside it. */
const ARENA = { width: 960, height: 540 };

const STATUS_TEXT: Record<MatchStatus, string> = {
  connecting: 'Connecting to the host…',
  playing: 'Connected',
  'host-left': 'The host left: the game is over.',
  closed: 'You left the game.',
};

const browserLinks: LinkFactoryFor = (iceServers) => (remoteId, initiator, sendSignal) =>
  new SimplePeerLink({ remoteId, initiator, iceServers, sendSignal });

function lobbyUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}`;
}

function main(): void {
  const root = document.getElementById('app');
  if (!root) throw new Error('index.html has no #app element');
  const ui = createLobbyUi(root);
  const keyboard = new KeyboardInput(window);
  let match: Match | undefined;
  installDebugHook(window, () => match);

  const enter = async (name: string, code: string | undefined): Promise<void> => {
    rememberName(localStorage, name);
    const options = {
      lobbyUrl: lobbyUrl(window.location),
      name,
      clock: systemClock,
      world: ARENA,
      localButtons: () => keyboard.buttons(),
      linkFactory: browserLinks,
    };
    const result = code === undefined ? await MatchSession.host(options) : await MatchSession.join(options, code);
    if (!result.ok) {
      ui.showMessage(result.reason);
      return;
    }
    match = result.value;
    const arena = ui.showGame(inviteLink(window.location.origin, match.code));
    const current = match;
    const showStatus = (status: MatchStatus): void => {
      ui.setStatus(`${STATUS_TEXT[status]} · game ${current.code} · ${current.role}`);
    };
    showStatus(current.status);
    current.events.on('status', showStatus);
    startArena(arena, ARENA, new ArenaScene(() => current.players()));
    window.addEventListener('pagehide', () => void current.close());
  };

  const route = parseRoute(window.location.pathname);
  const name = rememberedName(localStorage);
  if (!('RTCPeerConnection' in window)) {
    ui.showMessage('This browser cannot make peer-to-peer connections (WebRTC data channels are missing).');
  } else if (route.kind === 'home') {
    ui.showHome(name, (chosen) => void enter(chosen, undefined));
  } else if (route.kind === 'join') {
    ui.showInvite(route.code, name, (chosen) => void enter(chosen, route.code));
  } else {
    ui.showMessage(route.reason);
  }
}

main();

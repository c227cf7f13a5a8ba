import type { Entity, GameFields } from '../game/definition.js';
import { defaultGame, variantsOf, type GameOffer } from '../game/variants.js';
import { fetchGameList, fetchInvitation, GAMES_POLL_MS } from '../net/games-list.js';
import { DEFAULT_MAX_PLAYERS } from '../protocol/player-count.js';
import { linkConditionsFromQuery, NetworkSimulator } from '../net/sim/network-simulator.js';
import { warmUpWebRtc } from '../net/warm-up.js';
import type { Match } from '../session/match.js';
import { systemScheduler } from '../time/scheduler.js';
import { WorkerPacedScheduler } from '../time/worker-paced-scheduler.js';
import { fail, ok, type Result } from '../util/result.js';
// Social and diagnostics (voice, net overlay).
import { VoiceChat } from '../social/voice-chat.js';
import { netOverlay } from './overlay/net-overlay.js';
import { overlayInput } from './overlay/match-overlay-input.js';
import { Controls } from './controls.js';
import { GamepadControls } from './gamepad-controls.js';
import { installDebugHook, type RendererState } from './debug-hook.js';
import { JoinTimeline } from './join-timeline.js';
import type { GameView, RenderFrame } from './game-view.js';
import { handOffWhenHidden } from './hidden-host-handoff.js';
import { parseIcePolicy } from './ice-policy.js';
import type { Entry, LiveGame } from './live-game.js';
import { createLobbyUi, rememberedName, rememberName } from './lobby-ui.js';
import { chooseRenderer } from './renderer-choice.js';
import { parseRoute, wantsToSpectate } from './route.js';
import { seatToken } from './seat-storage.js';

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

/** The frame a view draws now, or undefined outside a game. */
function currentFrame<State>(match: Match<State> | undefined): RenderFrame | undefined {
  if (!match) return undefined;
  const entities = match.entities();
  const rttMs = new Map<string, number>();
  for (const link of match.linkStats()) if (link.rttMs !== undefined) rttMs.set(link.remoteId, link.rttMs);
  return { entities, players: match.players(entities), roster: match.roster(), selfSlot: match.selfSlot, role: match.role, status: match.status, rttMs };
}

/**
 * Runs a game in this page with the engine's whole browser side: the start page (name, public
 * list, host, quick join, join by code or invite link), the peer mesh, replication, host
 * migration, reload into the same seat, and the renderer. `view` is the game's drawing and input
 * mapping. The page needs `#panel` and `#arena` elements. A game with variants (a larger arena…)
 * lets the host choose one on the start page; everyone who enters plays that one.
 */
export function runGame<State, Fields extends GameFields>(typedGame: GameOffer<State, Fields>, typedView: GameView<Fields>): void {
  // Inside, the engine handles any game's entities alike (their fields by name).
  const offer: GameOffer<State> = typedGame;
  const view: GameView = typedView;
  // Until the page is in a game, it shows the default variant's arena.
  const game = defaultGame(offer);
  const variants = variantsOf(offer).map(({ id, label, game: variant }) => ({ id, label, maxPlayers: variant.maxPlayers ?? DEFAULT_MAX_PLAYERS }));
  const panel = document.getElementById('panel');
  const arenaElement = document.getElementById('arena');
  if (!panel || !arenaElement) throw new Error('the page needs #panel and #arena elements');
  const timeline = new JoinTimeline();
  timeline.mark('script');
  const ui = createLobbyUi(panel, view.title ?? document.title, variants);
  const controls = new Controls(window, new Set(view.keys));
  const gamepads = new GamepadControls('getGamepads' in navigator ? navigator : undefined, controls, new Set(view.keys));
  const icePolicy = parseIcePolicy(window.location.search);
  if (!icePolicy.ok) console.warn(`Hostmesh: ${icePolicy.reason}`);
  let live: LiveGame<State> | undefined;
  let lastFrame: RenderFrame | undefined;
  const frame = (): RenderFrame | undefined => {
    lastFrame = currentFrame(live?.match);
    if (lastFrame !== undefined && lastFrame.players.length > 0) timeline.mark('players-drawn');
    return lastFrame;
  };
  const selfEntity = (): Entity | undefined => lastFrame?.entities.find((entity) => entity.id === lastFrame?.selfSlot);
  // The network stack (lobby client, WebRTC links, codec) is what joining waits for: it loads
  // first, beside the start page, which is usable meanwhile. Phaser, the larger download, follows
  // at once and boots while the player reads the page or the link to the host comes up, so joining
  // only waits on the network. The arena is painted from the start, unseen (page.css): showing a
  // WebGL canvas for the first time stalls the page for hundreds of milliseconds under software
  // rendering, which must not land on the WebRTC handshake.
  const liveModule = import('./live-game.js');
  const arena = liveModule.then(() => import('./game-scene.js')).then(({ GameScene, startArena }) =>
    startArena(
      arenaElement,
      game.arena,
      new GameScene(view, frame, controls),
      chooseRenderer(document, window.location.search),
      view.background,
    ),
  );
  let renderer = (): RendererState => ({ ready: false, kind: undefined, drawnPlayers: 0, frameTimes: undefined, camera: undefined });
  void arena.then((ready) => {
    timeline.mark('renderer-ready');
    renderer = () => ({ ready: true, kind: ready.renderer, drawnPlayers: ready.scene.drawnPlayers, frameTimes: ready.frameTimes.summary(), camera: ready.scene.cameraView });
  });
  const simulated = simulatorFromAddress(window.location.search);
  if (!simulated.ok) {
    ui.showMessage(simulated.reason);
    return;
  }
  const simulator = simulated.value;
  // Social and diagnostics: voice asks for the microphone on the first push-to-talk.
  const voice = new VoiceChat(navigator.mediaDevices);
  netOverlay(document.body, () => live?.match && overlayInput(live.match), simulator);
  installDebugHook(window, () => live?.match, () => renderer(), simulator, () => ({ chat: live?.social?.log, voice }), timeline);
  // The match keeps time in a hidden tab (a worker paces it), so a background host keeps hosting.
  const scheduler = new WorkerPacedScheduler(document);
  handOffWhenHidden(document, () => live?.match, scheduler);
  const localInput = (): number => {
    gamepads.poll();
    const input = view.readInput(controls, selfEntity());
    controls.endSample();
    return input;
  };
  const loading = liveModule.then(({ LiveGame }) => {
    live = new LiveGame({ game: offer, ui, timeline, arena, voice, simulator, icePolicy: icePolicy.ok ? icePolicy.value : 'all', localInput, scheduler });
    return live;
  });
  loading.catch(() => ui.showMessage('The game could not be loaded: check your connection, then reload the page.'));

  let stopPolling = (): void => undefined;
  const enter = (name: string, entry: Entry): void => {
    timeline.mark('join-clicked');
    rememberName(localStorage, name);
    stopPolling();
    void loading.then((page) => page.enter(name, entry));
  };

  const showHome = (): void => {
    const update = ui.showHome(name, {
      host: (chosen, settings) => enter(chosen, { kind: 'host', settings }),
      quickJoin: (chosen) => enter(chosen, { kind: 'quick-join' }),
      joinByCode: (chosen, code) => enter(chosen, { kind: 'join', code, spectate: false }),
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
    void loading.then(async (page) => {
      if (await page.resume(name, token)) return;
      seatToken.clear(sessionStorage);
      window.location.reload();
    });
  } else if (route.kind === 'home') {
    warmUpWebRtc(window);
    showHome();
  } else if (route.kind === 'join') {
    warmUpWebRtc(window);
    const spectate = wantsToSpectate(window.location.search);
    const describe = ui.showInvite(route.code, name, (chosen) => enter(chosen, { kind: 'join', code: route.code, spectate }), spectate);
    void fetchInvitation(window.location.origin, route.code).then(describe);
  } else {
    ui.showMessage(route.reason);
  }
}

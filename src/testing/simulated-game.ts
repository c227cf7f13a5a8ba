import type { EntityOf, GameFields } from '../game/definition.js';
import type { GameOffer } from '../game/variants.js';
import type { GameSettings } from '../protocol/lobby-game.js';
import type { Recollection } from '../session/authority-contract.js';
import { Match, type MatchOptions } from '../session/match.js';
import { ManualScheduler } from '../time/scheduler.js';
import type { Result } from '../util/result.js';
import { randomToken, seededBytes, URL_SAFE_ALPHABET } from '../util/random-token.js';
import { seededRandom } from '../util/seeded-random.js';
import { InMemoryLobby, type InMemoryLobbyOptions } from './in-memory-lobby.js';
import { PageScheduler } from './page-scheduler.js';
import { SimNetwork, type SimNetworkOptions } from './sim-network.js';

export interface SimulatedGameOptions<State, Fields extends GameFields = GameFields> {
  /** Everything random in the run (codes, ids, latencies, losses, jitter) follows from it. */
  readonly seed: number;
  /** The game every page runs: one definition, or its variants (a host chooses with `settings.variant`). */
  readonly game: GameOffer<State, Fields>;
  readonly lobby?: Partial<Omit<InMemoryLobbyOptions, 'scheduler' | 'random'>>;
  readonly network?: Partial<Omit<SimNetworkOptions, 'scheduler' | 'random'>>;
  /** How often each page's match loop runs; 16 ms (one frame) by default. */
  readonly loopIntervalMs?: number;
}

/** Promise continuations (the lobby client's awaits) run at least this often in simulated time. */
const SETTLE_EVERY_MS = 5;

/**
 * A whole game in one process, on one manual clock: an in-memory lobby that behaves like the real
 * one, in-memory peer links with network conditions and partitions, and one Match per player,
 * with the engine's real session code. Nothing reads real time or real randomness, so a run is
 * repeatable from its seed. Game authors use it to test their rules and netcode in Node:
 *
 * ```ts
 * const sim = new SimulatedGame({ seed: 1, game: myGame });
 * const hosted = await sim.until(sim.player('Ann').host());
 * if (hosted.ok) await sim.until(sim.player('Ben').join(hosted.value.code));
 * await sim.advance(2_000);
 * ```
 */
export class SimulatedGame<State, Fields extends GameFields = GameFields> {
  readonly scheduler = new ManualScheduler();
  readonly lobby: InMemoryLobby;
  readonly network: SimNetwork;
  private readonly players = new Map<string, SimulatedPlayer<State, Fields>>();
  private readonly random: () => number;

  constructor(readonly options: SimulatedGameOptions<State, Fields>) {
    this.random = seededRandom(options.seed);
    this.lobby = new InMemoryLobby({ ...options.lobby, scheduler: this.scheduler, random: this.stream() });
    this.network = new SimNetwork({ ...options.network, scheduler: this.scheduler, random: this.stream() });
  }

  /**
   * The player called `name` (made on first use; one browser: the same key across reloads).
   * `game` is what this player's page runs when it is not the others' (an older build of the
   * game); it counts only when the player is made.
   */
  player(name: string, game: GameOffer<State, Fields> = this.options.game): SimulatedPlayer<State, Fields> {
    let player = this.players.get(name);
    if (!player) {
      player = new SimulatedPlayer(name, this, this.stream(), game);
      this.players.set(name, player);
    }
    return player;
  }

  /** Every player made so far. */
  get everyone(): readonly SimulatedPlayer<State, Fields>[] {
    return [...this.players.values()];
  }

  /** Moves simulated time forward, running every timer, delivery and continuation on the way. */
  async advance(ms: number): Promise<void> {
    const end = this.scheduler.now() + ms;
    while (this.scheduler.now() < end) {
      this.scheduler.advance(Math.min(SETTLE_EVERY_MS, end - this.scheduler.now()));
      await settle();
    }
  }

  /**
   * Moves time until `pending` settles (a host, join or reload runs on the simulated clock, so
   * awaiting it alone would wait forever), then returns its value. Gives up after `limitMs`.
   */
  async until<T>(pending: Promise<T>, limitMs = 60_000): Promise<T> {
    const progress = { settled: false };
    const watched = pending.finally(() => {
      progress.settled = true;
    });
    const end = this.scheduler.now() + limitMs;
    while (!progress.settled && this.scheduler.now() < end) await this.advance(SETTLE_EVERY_MS);
    if (!progress.settled) throw new Error(`still pending after ${limitMs} ms of simulated time`);
    return watched;
  }

  /** A new independent random stream drawn from the seed. */
  stream(): () => number {
    return seededRandom(Math.floor(this.random() * 0x1_0000_0000));
  }
}

/** Lets every pending promise continuation run (they queue ahead of the next macrotask). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * One player: a browser (its key, kept across reloads) with at most one page in the game at a
 * time. Its page can host, join, leave, be closed or reloaded, crash or go to the background.
 */
export class SimulatedPlayer<State, Fields extends GameFields = GameFields> {
  /** The input the player holds right now (the game's packing of buttons). */
  input = 0;
  /** The open page's match, if the page is in a game. */
  match: Match<State, Fields> | undefined;
  readonly playerKey: string;
  private page: PageScheduler;
  /** The seat token and peer id a reloading page takes back (sessionStorage). */
  private seat: { token: string; peerId: string; spectate: boolean } | undefined;
  private loading = false;
  /** What the tab remembered at its last unload (sessionStorage): a page that comes back uses it. */
  private memory: Recollection | undefined;

  constructor(
    readonly name: string,
    private readonly sim: SimulatedGame<State, Fields>,
    private readonly random: () => number,
    private readonly game: GameOffer<State, Fields>,
  ) {
    this.playerKey = this.randomId(24);
    this.page = new PageScheduler(sim.scheduler);
  }

  /** Creates a game and hosts it. */
  host(settings: Partial<GameSettings> = { isPublic: true }): Promise<Result<Match<State, Fields>>> {
    return this.enter((options) => Match.host(options, settings));
  }

  /** Joins by invite code (to watch, with `spectate`). */
  join(code: string, spectate = false): Promise<Result<Match<State, Fields>>> {
    return this.enter((options) => Match.join({ ...options, spectate }, code));
  }

  /**
   * The page's seat is gone after a reload (the grace period passed, or the lobby forgot it): the
   * player opens the invite link again, in the same tab, which still remembers the game.
   */
  rejoin(code: string): Promise<Result<Match<State, Fields>>> {
    const memory = this.memory;
    return this.enter((options) => Match.join({ ...options, ...(memory ? { recollection: memory } : {}) }, code));
  }

  quickJoin(): Promise<Result<Match<State, Fields>>> {
    return this.enter((options) => Match.quickJoin(options));
  }

  /** Leaves on purpose: goodbyes to every peer, the seat freed at once. */
  async leave(): Promise<void> {
    const match = this.match;
    this.forget();
    await match?.close();
  }

  /** The tab is closed: the page says goodbye to its peers, its lobby connection drops; the seat waits out the grace period. */
  closeTab(lobbyNoticeMs = 30): void {
    const match = this.match;
    this.forget();
    if (!match) return;
    void match.close({ keepSeat: true });
    this.sim.lobby.pageGone(this.name, lobbyNoticeMs);
  }

  /** The page crashes or is killed: no goodbye to anyone; peers find out by silence. */
  crash(lobbyNoticeMs = 30): void {
    const match = this.match;
    this.forget();
    if (!match) return;
    this.sim.network.crash(this.name);
    void match.close({ keepSeat: true });
    this.sim.lobby.pageGone(this.name, lobbyNoticeMs);
  }

  /**
   * Reloads the page: it unloads as a closed tab does, then (after `loadMs`) takes its seat back
   * with the stored token, as runGame does. Resolves with the new page's result.
   */
  async reload(loadMs: number): Promise<Result<Match<State>> | undefined> {
    const seat = this.seat;
    const match = this.match;
    const recollection = match?.recollection;
    this.memory = recollection;
    this.match = undefined;
    this.page = new PageScheduler(this.sim.scheduler);
    if (match) {
      void match.close({ keepSeat: true });
      this.sim.lobby.pageGone(this.name, 30);
    }
    if (!seat) return undefined;
    this.loading = true;
    await new Promise<void>((resolve) => {
      this.sim.scheduler.after(loadMs, resolve);
    });
    return this.enter((options) => Match.resume({ ...options, peerId: seat.peerId, spectate: seat.spectate, ...(recollection ? { recollection } : {}) }, seat.token), seat.peerId);
  }

  /** A page is loading or entering a game right now (the player can do nothing else meanwhile). */
  get busy(): boolean {
    return this.loading;
  }

  /**
   * Every entity as this player's page draws it now (none while it is not in a game), typed by
   * the game's fields: the host's own state, or what this client interpolates and predicts.
   */
  entities(): EntityOf<Fields>[] {
    return this.match?.entities() ?? [];
  }

  /** The tab goes to the background (timers throttled) or comes back; a hidden host hands over after a second, as runGame does. */
  setHidden(hidden: boolean): void {
    this.page.hidden = hidden;
    if (!hidden) return;
    const match = this.match;
    this.page.after(1_000, () => {
      if (this.page.hidden && this.match === match && match?.role === 'host') match.stepDown();
    });
  }

  get hidden(): boolean {
    return this.page.hidden;
  }

  private async enter(how: (options: MatchOptions<State, Fields>) => Promise<Result<Match<State, Fields>>>, peerId = this.randomId(12)): Promise<Result<Match<State, Fields>>> {
    this.sim.network.register(this.name, peerId);
    this.loading = true;
    const result = await how(this.options(peerId)).finally(() => {
      this.loading = false;
    });
    if (result.ok) {
      this.match = result.value;
      const lobby = result.value.lobbyRoom;
      const remember = (): void => {
        this.seat = { token: lobby.reconnectionToken, peerId: lobby.selfId, spectate: lobby.spectator };
      };
      remember();
      lobby.events.on('reattached', remember);
      lobby.events.on('shut-out', () => {
        if (this.match === result.value) this.forget();
        void result.value.close();
      });
      lobby.events.on('kicked', () => {
        if (this.match === result.value) this.forget();
        void result.value.close();
      });
    } else this.seat = undefined;
    return result;
  }

  private forget(): void {
    this.match = undefined;
    this.seat = undefined;
  }

  private options(peerId: string): MatchOptions<State, Fields> {
    return {
      lobby: this.sim.lobby.transport(this.name),
      name: this.name,
      playerKey: this.playerKey,
      peerId,
      scheduler: this.page,
      random: this.random,
      game: this.game,
      localInput: () => this.input,
      linkFactory: this.sim.network.linkFactory(this.name),
      loopIntervalMs: this.sim.options.loopIntervalMs ?? 16,
    };
  }

  /** An id from the player's seeded stream (one draw per symbol), so a run repeats from its seed. */
  private randomId(length: number): string {
    return randomToken(URL_SAFE_ALPHABET, length, seededBytes(this.random));
  }
}

import { tagGame } from '../../src/games/tag/tag-game.js';
import type { TagWorld } from '../../src/games/tag/world.js';
import { MAX_EPOCH } from '../../src/protocol/epoch.js';
import type { Match } from '../../src/session/match.js';
import { ABSENT_WAIT_MS, type AuthorityPhase } from '../../src/session/authority-contract.js';
import { SimulatedGame, type SimulatedPlayer } from '../../src/testing/simulated-game.js';
import { sendAttack } from './attacks.js';
import { ScoreLedger } from './score-ledger.js';
import { findStillPlayer } from './movement-check.js';
import { describeReigns, describeWorlds } from './page-descriptions.js';
import { lastReloadDone, SIM_GRACE_SECONDS, type Action, type Scenario, type Who } from './scenario.js';

/** A broken invariant: which one, what was seen, and when (simulated milliseconds). */
export interface Failure {
  readonly invariant: string;
  readonly message: string;
  readonly atMs: number;
}

export interface Outcome {
  readonly failure: Failure | undefined;
  readonly simulatedMs: number;
}

/** How long the game gets, after the last event, to settle before the settled checks. */
const SETTLE_MS = 15_000;
/**
 * After a lobby restart or outage a page that joined but never linked re-enters the room only
 * after its backoff, then waits ABSENT_WAIT_MS for the players the lobby still expects before
 * starting the game afresh: the settle period grows by that wait.
 */
const AFTER_LOBBY_OUTAGE_MS = ABSENT_WAIT_MS;
/** Safety invariants are checked this often (simulated milliseconds). */
const CHECK_EVERY_MS = 100;
/** A page the hostile successor lied to leaves the lie within this long once an honest host is linked (Match's HOST_QUIET_MS and a margin). */
const LIE_RECOVERY_MS = 4_000;

class InvariantBroken extends Error {
  constructor(readonly invariant: string, message: string) {
    super(message);
  }
}

/**
 * Plays one scenario on a SimulatedGame with the real session code and checks the invariants:
 * continuously (nothing throws, epochs stay in range, nobody follows a reign no page hosts, a
 * reloaded page never hosts its own game over the others) and once the game has settled after the
 * last event (one host everyone follows, the lobby's flag on it, rosters matching the lobby,
 * every player drawn everywhere and moving, slots and scores kept). `errors` collects whatever
 * was thrown out of the engine's event handlers meanwhile.
 */
export async function runScenario(scenario: Scenario, errors: readonly unknown[] = [], trace?: (line: string) => void): Promise<Outcome> {
  const run = new ScenarioRun(scenario, errors, trace);
  try {
    await run.play();
    return { failure: undefined, simulatedMs: run.now };
  } catch (error: unknown) {
    if (error instanceof InvariantBroken) return { failure: { invariant: error.invariant, message: error.message, atMs: run.now }, simulatedMs: run.now };
    return { failure: { invariant: 'nothing throws', message: error instanceof Error ? (error.stack ?? error.message) : String(error), atMs: run.now }, simulatedMs: run.now };
  }
}

class ScenarioRun {
  private readonly sim: SimulatedGame<TagWorld>;
  private code = '';
  /** When the scenario's events began (its times count from here). */
  private eventsFrom = 0;
  /** Every reign some page actually hosted, as `peerId:epoch`. */
  private readonly reigns = new Set<string>();
  /** Pages following an unhosted reign of the hostile player while linked to an honest host, since when. */
  private readonly lured = new Map<string, number>();
  /** Pages back from a reload. */
  private readonly resumed = new Set<Match<TagWorld>>();
  /** Each page's phase at the previous check. */
  private readonly phases = new Map<Match<TagWorld>, AuthorityPhase>();
  /** Slots and scores each player must keep, and who played in different worlds. */
  private readonly ledger = new ScoreLedger({ ofPage: (page) => this.nameOf(page), ofId: (id) => this.nameOfId(id) });
  private readonly watched = new WeakSet<Match<TagWorld>>();
  /** The page that started the game (every other page hosting epoch 0 started a fresh one). */
  private firstHost: Match<TagWorld> | undefined;
  /** Every peer id the hostile player's pages had. */
  private readonly hostileIds = new Set<string>();
  /** A partition splits the game now: each side scores in its own world, and one side's will be dropped. */
  private partitioned = false;

  constructor(
    private readonly scenario: Scenario,
    private readonly errors: readonly unknown[],
    private readonly trace: ((line: string) => void) | undefined,
  ) {
    this.sim = new SimulatedGame({ seed: scenario.seed, game: tagGame(), lobby: { graceSeconds: SIM_GRACE_SECONDS } });
  }

  get now(): number {
    return this.sim.scheduler.now();
  }

  async play(): Promise<void> {
    const [first = 'Ann'] = this.scenario.players;
    const hosted = await this.sim.until(this.sim.player(first).host({ isPublic: true, maxPlayers: 8 }));
    if (!hosted.ok) throw new InvariantBroken('the first player hosts', hosted.reason);
    this.code = hosted.value.code;
    this.eventsFrom = this.now;
    for (const event of this.scenario.events) {
      await this.advance(event.afterMs);
      this.log(JSON.stringify(event.action));
      this.apply(event.action);
      this.checkSafety();
    }
    await this.settle();
  }

  private async settle(): Promise<void> {
    this.sim.network.heal();
    this.partitioned = false;
    for (const player of this.sim.everyone) {
      this.sim.lobby.setReachable(player.name, true);
      this.sim.network.setConditions(player.name, { latencyMs: 20, jitterMs: 5, loss: 0 });
      player.setHidden(false);
    }
    const lobbyOutage = this.scenario.events.some(({ action }) => action.kind === 'lobby-restart' || action.kind === 'lobby-unreachable');
    // A slow reload (up to 12 s) may bring its page back long after the last event: the game
    // settles from then on.
    const stillLoading = Math.max(0, this.eventsFrom + lastReloadDone(this.scenario) - this.now);
    await this.advance(stillLoading + SETTLE_MS + (lobbyOutage ? AFTER_LOBBY_OUTAGE_MS : 0));
    this.log(`settled: ${this.describe()}`);
    this.checkSettled();
    await this.checkMovement();
  }

  private async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    while (this.now < end) {
      await this.sim.advance(Math.min(CHECK_EVERY_MS, end - this.now));
      this.checkSafety();
      if (this.trace && Math.floor(this.now / 500) !== Math.floor((this.now - CHECK_EVERY_MS) / 500)) this.log(`  ${this.describe()}  lobby: ${JSON.stringify(this.lobbyView())}`);
    }
  }

  private lobbyView(): unknown {
    const room = this.sim.lobby.room(this.code);
    return room && { flag: this.nameOfId(room.hostId ?? '-'), present: room.present.map((id) => this.nameOfId(id)), away: room.away.map((id) => this.nameOfId(id)) };
  }

  private apply(action: Action): void {
    const sim = this.sim;
    // A page that is loading or entering takes no other action of its player meanwhile.
    if ('who' in action && this.resolve(action.who)?.busy === true) return;
    if (action.kind === 'join' && sim.player(action.player).busy) return;
    switch (action.kind) {
      case 'join': {
        const player = sim.player(action.player);
        if (player.match) return;
        const entering = action.how === 'quick' ? player.quickJoin() : player.join(this.code, action.how === 'spectate');
        void entering.then(() => this.watch(player));
        return;
      }
      case 'leave':
        void this.resolve(action.who)?.leave();
        return;
      case 'close-tab':
        this.resolve(action.who)?.closeTab();
        return;
      case 'crash':
        this.resolve(action.who)?.crash();
        return;
      case 'reload':
        this.reload(this.resolve(action.who), action.loadMs);
        return;
      case 'lobby-restart':
        sim.lobby.restart(action.downMs);
        return;
      case 'lobby-unreachable': {
        const player = this.resolve(action.who);
        if (!player) return;
        sim.lobby.setReachable(player.name, false);
        sim.scheduler.after(action.forMs, () => sim.lobby.setReachable(player.name, true));
        return;
      }
      case 'partition': {
        const isolated = action.isolated.map((who) => this.resolve(who)?.name).filter((name): name is string => name !== undefined);
        sim.network.partition([isolated]);
        this.partitioned = isolated.length > 0;
        for (const inside of isolated) {
          // The side the lobby names carries on; the other side's slots and scores need not survive.
          for (const outside of this.scenario.players) if (!isolated.includes(outside)) this.ledger.separate(inside, outside);
        }
        return;
      }
      case 'heal':
        sim.network.heal();
        this.partitioned = false;
        return;
      case 'network': {
        const player = this.resolve(action.who);
        if (player) sim.network.setConditions(player.name, { latencyMs: action.latencyMs, jitterMs: action.jitterMs, loss: action.loss });
        return;
      }
      case 'hide':
      case 'show':
        this.resolve(action.who)?.setHidden(action.kind === 'hide');
        return;
      case 'kick': {
        const target = sim.player(action.target).match;
        const host = this.flagHolderPage();
        if (target && host && host !== target) host.lobbyRoom.kick(target.selfId);
        return;
      }
      case 'lock':
        this.flagHolderPage()?.lobbyRoom.lock(action.locked);
        return;
      case 'start':
        this.flagHolderPage()?.lobbyRoom.start();
        return;
      case 'attack': {
        const hostile = this.scenario.hostile;
        const match = hostile === undefined ? undefined : sim.player(hostile).match;
        if (match) sendAttack(match, action.attack, action.epoch, action.claimSlot);
      }
    }
  }

  /** Reloads a page; a seat that is gone (grace over) is entered again from the invite link, as a player would. */
  private reload(player: SimulatedPlayer<TagWorld> | undefined, loadMs: number): void {
    if (!player?.match) return;
    void player.reload(loadMs).then((result) => {
      if (result?.ok) {
        this.resumed.add(result.value);
        this.watch(player);
      } else if (!player.match) void player.rejoin(this.code).then(() => this.watch(player));
    });
  }

  /** A named player, or the one whose page hosts (the lobby flag's holder if no page does). */
  private resolve(who: Who): SimulatedPlayer<TagWorld> | undefined {
    if (who !== 'host') return this.sim.player(who);
    const hosting = this.sim.everyone.find((player) => player.match?.phase === 'hosting');
    if (hosting) return hosting;
    const flag = this.flagHolderPage();
    return this.sim.everyone.find((player) => player.match !== undefined && player.match === flag);
  }

  private flagHolderPage(): Match<TagWorld> | undefined {
    return this.livePages().find((page) => page.lobbyRoom.hostId === page.selfId);
  }

  private livePages(): Match<TagWorld>[] {
    return this.sim.everyone.flatMap((player) => (player.match && player.match.status !== 'closed' ? [player.match] : []));
  }

  /** Records every reign a page hosts, as it starts. */
  private watch(player: SimulatedPlayer<TagWorld>): void {
    const match = player.match;
    if (!match || this.watched.has(match)) return;
    this.watched.add(match);
    if (player.name === this.scenario.hostile) this.hostileIds.add(match.selfId);
    const hosted = (epoch: number): void => {
      this.reigns.add(`${match.selfId}:${epoch}`);
      this.firstHost ??= match;
      // A fresh game: nobody held a world to carry on from.
      this.ledger.hosted(match.selfId, epoch, epoch === 0 && match !== this.firstHost);
    };
    if (match.phase === 'hosting') hosted(match.hostClaim.epoch);
    match.events.on('host-changed', ({ hostId, epoch }) => {
      if (hostId === match.selfId) hosted(epoch);
    });
  }

  private isHostile(match: Match<TagWorld>): boolean {
    return this.scenario.hostile !== undefined && this.sim.player(this.scenario.hostile).match === match;
  }

  /**
   * The hostile player was elected host at some point (by the honest peers' own elections): from
   * then on it may forge its own reigns, as any dishonest host can (SECURITY.md). Following it
   * before it was ever elected would be the breach.
   */
  private dishonestHost(hostId: string): boolean {
    return this.hostileIds.has(hostId) && [...this.reigns].some((reign) => reign.startsWith(`${hostId}:`));
  }

  /** Invariants that must hold at every moment. */
  private checkSafety(): void {
    if (this.errors.length > 0) {
      const [error] = this.errors;
      throw new InvariantBroken('nothing throws', error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    for (const player of this.sim.everyone) this.watch(player);
    const pages = this.livePages();
    for (const page of pages) {
      const { hostId, epoch } = page.hostClaim;
      if (!Number.isInteger(epoch) || epoch < 0 || epoch > MAX_EPOCH) throw new InvariantBroken('epochs stay in their wire range', `${page.selfId} has epoch ${epoch}`);
      const reign = `${hostId}:${epoch}`;
      if (page.phase === 'following' && !this.isHostile(page) && !this.reigns.has(reign) && !this.dishonestHost(hostId)) {
        // A claim of the hostile player's that no engine hosts lures the page away from an honest
        // host it is linked to: the theft. With no honest host linked (the game is between hosts
        // and the hostile player is the one its election picked), it is a dishonest host's lie, as
        // a host that hides its world would be.
        const linked = new Set(page.peerLinks.openLinks().map((link) => link.remoteId));
        const honestHostInReach = pages.some((other) => other !== page && other.phase === 'hosting' && !this.isHostile(other) && linked.has(other.selfId));
        // Once an honest host is linked again, a page held by such a lie must leave it (it gets no snapshots).
        const key = `${page.selfId}>${reign}`;
        const heldSince = honestHostInReach ? (this.lured.get(key) ?? this.now) : undefined;
        if (heldSince === undefined) this.lured.delete(key);
        else this.lured.set(key, heldSince);
        if (!this.hostileIds.has(hostId) || (heldSince !== undefined && this.now - heldSince > LIE_RECOVERY_MS)) {
          throw new InvariantBroken('nobody follows a reign no page hosts', `${this.nameOf(page)} follows ${this.nameOfId(hostId)} in epoch ${epoch}, which no page ever hosted: ${this.describe()}`);
        }
      }
      // A fresh game (epoch 0) started by a page back from a reload while others it could reach still
      // follow a host elsewhere. (Hosts nobody follows hold only their own player: starting afresh
      // over them is how a game left without followers comes back together.) Judged when it starts:
      // a partition later may leave its followers following someone else, rightly.
      const startsHosting = page.phase === 'hosting' && this.phases.get(page) !== 'hosting';
      this.phases.set(page, page.phase);
      const elsewhere = pages.filter((other) => other !== page && other.phase === 'following' && other.hostClaim.hostId !== page.selfId && !this.wereSeparated(page.selfId, other.selfId));
      if (startsHosting && this.resumed.has(page) && epoch === 0 && elsewhere.length > 0) {
        throw new InvariantBroken('a reloaded page never hosts its own game', `${this.nameOf(page)} hosts a fresh game after a reload while ${elsewhere.map((other) => this.nameOf(other)).join(', ')} play on`);
      }
    }
    this.ledger.noteSplits(pages, this.now);
    for (const page of pages) this.ledger.noteScores(page, this.partitioned);
  }

  /** Invariants of a game left alone long enough after its last event. */
  private checkSettled(): void {
    const pages = this.livePages();
    // A game in a dishonest host's hands may be frozen by it: nothing to check about its liveness.
    if (pages.some((page) => this.dishonestHost(page.hostClaim.hostId))) return;
    const players = pages.filter((page) => !page.lobbyRoom.spectator);
    if (players.length === 0) return;
    const hosts = pages.filter((page) => page.phase === 'hosting');
    if (hosts.length !== 1) throw new InvariantBroken('exactly one host after settling', `${hosts.length} hosts: ${this.describe()}`);
    const [host] = hosts as [Match<TagWorld>];
    const reign = host.hostClaim;
    if (host.lobbyRoom.spectator) throw new InvariantBroken('the host is a player', `${this.nameOf(host)} hosts as a spectator`);
    for (const page of pages) {
      const claim = page.hostClaim;
      if (page.status !== 'playing') throw new InvariantBroken('nobody stays connecting or migrating', `${this.nameOf(page)} is ${page.status} (${page.phase}): ${this.describe()}`);
      if (claim.hostId !== reign.hostId || claim.epoch !== reign.epoch) {
        throw new InvariantBroken('every page follows the one host', `${this.nameOf(page)} follows ${this.nameOfId(claim.hostId)}/${claim.epoch}, the host is ${this.nameOf(host)}/${reign.epoch}`);
      }
    }
    const room = this.sim.lobby.room(this.code);
    if (!room) throw new InvariantBroken('the lobby keeps a game that has players', `no room ${this.code} while ${pages.length} pages play`);
    if (room.hostId !== host.selfId) throw new InvariantBroken("the lobby's host flag is on the match's host", `lobby flag on ${this.nameOfId(room.hostId ?? '-')}, match host ${this.nameOf(host)}`);
    const livePlayerIds = new Set(players.map((page) => page.selfId));
    const lobbyPlayers = new Set(room.present.filter((id) => pages.some((page) => page.selfId === id && !page.lobbyRoom.spectator)));
    if (!sameSet(livePlayerIds, lobbyPlayers)) throw new InvariantBroken("the lobby's members are the live pages", `lobby present ${[...lobbyPlayers].map((id) => this.nameOfId(id)).join(',')} vs pages ${[...livePlayerIds].map((id) => this.nameOfId(id)).join(',')}`);
    for (const page of pages) {
      const roster = new Set(page.roster().map((entry) => entry.peerId));
      if (!sameSet(roster, livePlayerIds)) throw new InvariantBroken('every roster matches the players in the game', `${this.nameOf(page)}'s roster ${[...roster].map((id) => this.nameOfId(id)).join(',')} vs ${[...livePlayerIds].map((id) => this.nameOfId(id)).join(',')}`);
      const drawn = new Set(page.players().map((player) => player.peerId));
      for (const id of livePlayerIds) {
        if (!drawn.has(id)) throw new InvariantBroken('every player is drawn on every page', `${this.nameOf(page)} does not draw ${this.nameOfId(id)}: ${this.views()}`);
      }
    }
    // A hostile player that hosted at some point could rewrite slots and scores as any host can.
    const hostileHosted = [...this.hostileIds].some((id) => this.dishonestHost(id));
    for (const page of hostileHosted ? [] : players) {
      const lost = this.ledger.lost(page, host);
      if (lost) throw new InvariantBroken(lost.invariant, `${lost.message}: ${this.views()}`);
    }
  }

  /** Every player holds a direction for a while: every page must see it move. */
  private async checkMovement(): Promise<void> {
    if (this.livePages().some((page) => this.dishonestHost(page.hostClaim.hostId))) return;
    const players = this.sim.everyone.filter((player) => player.match && player.match.status !== 'closed' && !player.match.lobbyRoom.spectator);
    if (players.length === 0) return;
    const still = await findStillPlayer(this.livePages(), players, (ms) => this.advance(ms), (id) => this.nameOfId(id));
    if (still !== undefined) throw new InvariantBroken('every player moves on every page', still);
  }

  private wereSeparated(a: string, b: string): boolean {
    return this.ledger.wereSeparated(a, b);
  }

  private nameOf(page: Match<TagWorld>): string {
    return this.nameOfId(page.selfId);
  }

  private nameOfId(peerId: string): string {
    const owner = this.sim.everyone.find((player) => player.match?.selfId === peerId);
    return owner ? owner.name : peerId.slice(0, 4);
  }

  private views(): string {
    return describeWorlds(this.livePages(), (id) => this.nameOfId(id));
  }

  private describe(): string {
    return describeReigns(this.livePages(), (id) => this.nameOfId(id));
  }

  private log(line: string): void {
    this.trace?.(`${String(this.now).padStart(7)} ms  ${line}`);
  }
}

function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  return a.size === b.size && [...a].every((item) => b.has(item));
}

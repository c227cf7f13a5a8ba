import { isLaterEpoch, isNewerEpoch, nextEpoch } from '../protocol/epoch.js';
import { electHost, type HostClaim } from './host-election.js';
import {
  ABSENT_WAIT_MS,
  ANNOUNCE_WAIT_MS,
  type AuthorityPhase,
  type AuthorityRoles,
  type AuthorityView,
  type ClaimVerdict,
  DECLINE_MS,
  JOIN_SETTLE_MS,
  type Recollection,
} from './authority-contract.js';

/** A host renumbers its reign for a rival at most this often (a hostile peer cannot make it churn). */
const RENUMBER_INTERVAL_MS = 2_000;

/**
 * The session state machine's decisions: who this peer follows, when it takes over, which claims
 * it accepts. Pure bookkeeping over an injected view; the Match carries the decisions out. The
 * rules (docs/ARCHITECTURE.md, "The session state machine"):
 * - A peer follows exactly one reign (host, epoch). It accepts another only when its own view
 *   says its host is gone (link closed or silent, or a Yield), and only from the peer its own
 *   election picks, with a newer epoch (at most EPOCH_WINDOW ahead). A page that knows no reign
 *   yet accepts the first claim of the peer it elects, whatever the epoch.
 * - A host never steps down for a claim, except for a rival the lobby names as host (after a
 *   partition, the side the lobby knows wins); otherwise it renumbers its own reign so the
 *   rival's followers can come over once the rival yields.
 */
export class Authority {
  private current: HostClaim;
  private currentPhase: AuthorityPhase = 'joining';
  /** Excluded from the election that is running: the lost host, yielded hosts, candidates that declined. */
  private readonly excluded = new Set<string>();
  /** The excluded that only declined (timed out): a late claim of theirs proves they did not. */
  private readonly declined = new Set<string>();
  private pick: string | undefined;
  private pickSince = 0;
  /** When a link last opened (see ANNOUNCE_WAIT_MS). */
  private linkOpenedAt = Number.NEGATIVE_INFINITY;
  /** The host that yielded in the running election: its late messages must not bring it back. */
  private yielder: string | undefined;
  /** Claims we heard but did not follow (yet), latest epoch per claimant: a page that joins picks among them. */
  private readonly heard = new Map<string, number>();
  /** When we started waiting for a host we know nothing of (joining): a fresh start waits from here. */
  private waitingSince: number;
  private renumberedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly view: AuthorityView,
    private readonly roles: AuthorityRoles,
    recollection?: Recollection,
  ) {
    this.waitingSince = view.now();
    this.current = recollection?.reign ?? { hostId: view.flagHolder() ?? view.selfId, epoch: 0 };
    if (!recollection) return;
    // Back from a reload: as if our host had just been lost (ourselves, if we hosted: we left);
    // the host we followed is taken back if it still hosts the same reign (see `claim`).
    this.currentPhase = 'migrating';
    if (recollection.reign.hostId === view.selfId) this.excluded.add(view.selfId);
  }

  get reign(): HostClaim {
    return this.current;
  }

  get phase(): AuthorityPhase {
    return this.currentPhase;
  }

  /** Whom we wait for while joining or migrating (undefined: nobody eligible yet). */
  get candidate(): string | undefined {
    return this.pick;
  }

  /** Decides how a page that just entered the room starts: a fresh game alone, or waiting for a host. */
  start(): void {
    this.elect();
  }

  /**
   * A host (or someone claiming to be one) spoke: a Snapshot or Takeover from `from` in reign
   * `epoch`. Returns whether we follow it now.
   */
  claim(from: string, epoch: number): ClaimVerdict {
    const verdict = this.judge(from, epoch);
    if (verdict === 'refused') this.heard.set(from, epoch);
    return verdict;
  }

  private judge(from: string, epoch: number): ClaimVerdict {
    const { hostId, epoch: reignEpoch } = this.current;
    if (this.currentPhase === 'hosting') return 'refused'; // see rivalClaim
    if (this.currentPhase === 'following' && from === hostId) {
      if (epoch === reignEpoch) return 'current';
      if (!isLaterEpoch(epoch, reignEpoch)) return 'refused';
      this.accept({ hostId: from, epoch }); // our own host renumbered its reign
      return 'accepted';
    }
    if (this.currentPhase === 'joining') {
      if (from !== this.pick) return 'refused';
      this.accept({ hostId: from, epoch });
      return 'accepted';
    }
    const lobbysHost = from === this.view.flagHolder();
    if (this.currentPhase === 'migrating' && this.declined.has(from) && (isNewerEpoch(epoch, reignEpoch) || lobbysHost)) {
      // A candidate we gave up on took over after all (it was slow, or saw the world later than
      // we did): elect again with it, as our peers who waited longer did.
      this.excluded.delete(from);
      this.declined.delete(from);
      this.heard.set(from, epoch);
      this.elect();
      return this.isFollowing(from) ? 'accepted' : 'refused';
    }
    if (this.currentPhase === 'migrating') {
      // Our host came back on a new link, still hosting the reign we thought was over.
      const restored = from === hostId && epoch === reignEpoch && from !== this.yielder;
      const successor = from === this.pick && isNewerEpoch(epoch, reignEpoch) && this.believable(from, epoch);
      // The lobby's host (its keeper named it) is believed whatever its epoch: a hostile successor
      // may have made us count past it with a reign it never hosted.
      const vouched = from === this.pick && from === this.view.flagHolder();
      if (!restored && !successor && !vouched) return 'refused';
      this.accept({ hostId: from, epoch });
      return 'accepted';
    }
    return 'refused';
  }

  /** We host and another peer claims reign `epoch`: we step down only for the lobby's host. */
  rivalClaim(from: string, epoch: number): ClaimVerdict {
    if (this.currentPhase !== 'hosting' || from === this.view.selfId) return 'refused';
    if (!this.view.isPlayer(from) || !this.view.reachable(from)) return 'refused';
    const ours = this.current.epoch;
    if (this.view.flagHolder() === from) {
      this.yieldTo(from, epoch);
      return 'accepted';
    }
    // Kept: should the lobby's flag move to this rival later, we yield to it then (see viewChanged).
    this.heard.set(from, epoch);
    // Renumber past the rival so its followers can follow us once it yields.
    const now = this.view.now();
    if ((epoch === ours || isNewerEpoch(epoch, ours)) && now - this.renumberedAt >= RENUMBER_INTERVAL_MS) {
      this.renumberedAt = now;
      this.current = { hostId: this.view.selfId, epoch: nextEpoch(epoch) };
      this.roles.renumber(this.current.epoch);
    }
    return 'refused';
  }

  /**
   * Our host's link is open but no snapshot came for a long while: it leads nothing (a hostile
   * peer that announced a reign it does not host, a page stuck in the background). Elect
   * without it, as if it had left.
   */
  hostSilent(): void {
    if (this.currentPhase === 'following') this.lose(this.current.hostId);
  }

  /** Our host stepped down (its tab was hidden, or it lost a merge): elect without it. */
  hostYielded(from: string, epoch: number): boolean {
    this.heard.delete(from);
    if (this.currentPhase !== 'following' || from !== this.current.hostId || epoch !== this.current.epoch) return false;
    this.yielder = from;
    this.lose(from);
    return true;
  }

  /** A link opened: its peer may host, and announces it in a moment. */
  linkOpened(): void {
    this.linkOpenedAt = this.view.now();
    this.viewChanged();
  }

  /** A link closed: if it was our host's (or our candidate's), elect again. */
  linkClosed(peerId: string): void {
    this.heard.delete(peerId);
    if (this.currentPhase === 'following' && peerId === this.current.hostId) this.lose(peerId);
    else if ((this.currentPhase === 'migrating' || this.currentPhase === 'joining') && peerId === this.pick) this.elect();
  }

  /**
   * We are back in the lobby's room after losing it (a lobby restart): the players we wait for
   * could not come back while it was gone, so a page still joining waits for them from now on.
   */
  lobbyBack(): void {
    if (this.currentPhase === 'joining') this.waitingSince = this.view.now();
  }

  /** Something we elect from changed (a link opened, the lobby moved its flag, members came or went). */
  viewChanged(): void {
    if (this.currentPhase === 'migrating' || this.currentPhase === 'joining') this.elect();
    if (this.currentPhase !== 'hosting') return;
    // The lobby moved its flag to a rival we heard claim a reign: that rival leads, not us. It
    // may not tell us again (we are not among its players), so its last claim is what we follow.
    const flag = this.view.flagHolder();
    const rivalEpoch = flag === undefined ? undefined : this.heard.get(flag);
    if (flag === undefined || rivalEpoch === undefined || flag === this.view.selfId) return;
    if (this.view.isPlayer(flag) && this.view.reachable(flag)) this.yieldTo(flag, rivalEpoch);
  }

  /** We host and step down for the lobby's host, following the reign it claimed. */
  private yieldTo(hostId: string, epoch: number): void {
    this.roles.yieldHost();
    this.accept({ hostId, epoch });
  }

  /** Runs the timers: a candidate that declines, a reloaded page that waited long enough for its links. */
  tick(): void {
    const waiting = this.currentPhase === 'migrating' || this.currentPhase === 'joining';
    if (!waiting) return;
    const pick = this.pick;
    if (this.currentPhase === 'migrating' && pick !== undefined && pick !== this.view.selfId && this.view.now() - this.pickSince >= DECLINE_MS) {
      this.excluded.add(pick);
      this.declined.add(pick);
      this.elect();
      return;
    }
    if (this.currentPhase === 'joining' || pick === undefined) this.elect();
  }

  /**
   * We host and our tab is going to the background: hand the game to the peer everyone else will
   * elect without us, among those that hold our world (`holdsWorld`: a page that joined a moment
   * ago has nothing to resume from, and would not take over). Returns false (and keeps hosting)
   * when there is no one to hand it to.
   */
  handOff(holdsWorld: (peerId: string) => boolean): boolean {
    if (this.currentPhase !== 'hosting') return false;
    const self = this.view.selfId;
    const successor = electHost({ joinOrder: this.view.joinOrder(), eligible: (id) => id !== self && this.view.reachable(id) && holdsWorld(id) && this.eligible(id), flagHolder: undefined });
    if (successor === undefined) return false;
    this.roles.yieldHost();
    this.currentPhase = 'migrating';
    this.excluded.clear();
    this.declined.clear();
    this.excluded.add(self);
    this.yielder = self;
    this.setPick(successor);
    this.roles.migrate(successor);
    return true;
  }

  private lose(hostId: string): void {
    this.currentPhase = 'migrating';
    this.waitingSince = this.view.now();
    this.excluded.add(hostId);
    this.elect();
  }

  /**
   * The lobby's flag holder, when it may lead: a reachable player we did not exclude. The lobby
   * vouches for it (it moves the flag only at its keeper's word), so it need not be in our
   * roster, which may be old (a page back from a long reload).
   */
  private vouchedFlagHolder(): string | undefined {
    const flag = this.view.flagHolder();
    if (flag === undefined || !this.view.isPlayer(flag)) return undefined;
    // A candidate we gave up on that the lobby now names, and that claimed a reign, leads after all.
    if (this.excluded.has(flag) && !(this.declined.has(flag) && this.heard.has(flag))) return undefined;
    if (flag === this.view.selfId) return this.view.hasWorld() ? flag : undefined;
    return this.view.reachable(flag) ? flag : undefined;
  }

  /**
   * Whether `peerId` may lead the election that is running. A player whose link to us is still
   * being negotiated may: it would take over for the others while we took over alone, so we wait
   * for it (a candidate that stays silent is excluded after DECLINE_MS).
   */
  private eligible(peerId: string): boolean {
    if (this.excluded.has(peerId) || !this.view.isPlayer(peerId)) return false;
    if (peerId === this.view.selfId) return this.view.hasWorld();
    // A peer that follows a newer reign than ours moved on: it will not take over, its host may.
    if (this.view.followsNewerReign(peerId, this.current.epoch)) return false;
    return (this.view.reachable(peerId) || this.view.connecting(peerId)) && this.view.inRoster(peerId);
  }

  /** Runs the election and acts on it: take over, or wait for the pick. */
  private elect(): void {
    const self = this.view.selfId;
    if (this.currentPhase === 'joining') {
      this.setPick(this.joiningPick());
      const heard = this.pick === undefined ? undefined : this.heard.get(this.pick);
      if (this.pick !== undefined && heard !== undefined) this.accept({ hostId: this.pick, epoch: heard });
      return;
    }
    const pick = electHost({ joinOrder: this.view.joinOrder(), eligible: (id) => this.eligible(id), flagHolder: this.vouchedFlagHolder() });
    if (pick === undefined && this.view.now() - this.waitingSince >= JOIN_SETTLE_MS) {
      // Nobody we know of can lead (we hold no world, or watch only): we are as good as a page that
      // just joined, and follow the host the lobby names.
      this.currentPhase = 'joining';
      this.waitingSince = this.view.now();
      this.excluded.clear();
    this.declined.clear();
      this.elect();
      return;
    }
    if (pick === self) {
      this.becomeHost(nextEpoch(this.current.epoch));
      return;
    }
    this.setPick(pick);
    this.roles.migrate(pick);
    const heard = pick === undefined ? undefined : this.heard.get(pick);
    if (pick === undefined || heard === undefined) return;
    // As in `judge`: a newer reign we believe, or the lobby's host whatever its epoch (it may have
    // claimed before the flag moved to it, and does not claim again).
    const vouched = pick === this.view.flagHolder();
    if (vouched || (isNewerEpoch(heard, this.current.epoch) && this.believable(pick, heard))) this.accept({ hostId: pick, epoch: heard });
  }

  /**
   * A page that holds no world (back from a reload) did not see the election it missed: a claim is
   * believable when someone else follows it, or when no other game runs among the peers it
   * reaches (everyone else is waiting too), or when its maker is the only other player. A peer
   * that still holds the world saw the election itself and needs no witness.
   */
  private believable(claimant: string, epoch: number): boolean {
    if (this.view.hasWorld() || this.view.otherPlayers().length <= 1) return true;
    if (this.view.followedByOthers(claimant, epoch)) return true;
    if (this.view.otherGameRuns(claimant)) return false;
    // Nobody follows it, and no other game runs: believe it once we reach every player of our
    // roster who joined before it (any of them could be the rightful successor), or after a wait.
    const order = this.view.joinOrder();
    const rank = order.indexOf(claimant);
    const earlier = order.filter((id, index) => index < rank && id !== this.view.selfId && this.view.isPlayer(id) && this.view.inRoster(id));
    return earlier.every((id) => this.view.reachable(id)) || this.view.now() - this.waitingSince >= JOIN_SETTLE_MS;
  }

  /**
   * A page that knows no reign yet follows the host the lobby names. While the flag is vacant (its
   * holder just went away) it waits for the flag's keeper to name the match's host, unless it is
   * the keeper itself: then, once it reaches every other player, it follows whoever announces a
   * reign (a host announces itself on every link), or, if nobody has for a while, starts the game
   * afresh: nobody holds a world to resume from. A page alone in the game starts it at once, unless
   * a game runs beyond its links.
   */
  private joiningPick(): string | undefined {
    const self = this.view.selfId;
    const flag = this.view.flagHolder();
    if (flag !== undefined && flag !== self && this.view.present(flag)) return flag;
    if (!this.view.isPlayer(self)) return undefined;
    const others = this.view.otherPlayers();
    if (others.length === 0) {
      // Unless someone we reach still follows a player's reign beyond our links (seed 1100469: the
      // lobby gave up on a host it could not hear, whose game a spectator was still watching).
      if (!this.view.gameBeyondReach()) this.becomeHost(0);
      return undefined;
    }
    const waitingForAbsent = this.view.now() - this.waitingSince < ABSENT_WAIT_MS;
    const blocking = others.filter((id) => waitingForAbsent || this.view.present(id));
    if (!this.view.isKeeper() || !blocking.every((id) => this.view.reachable(id))) return undefined;
    // Whoever announced a reign and is believed, whether or not a roster we remember lists it.
    const claimant = this.view.joinOrder().find((id) => this.heard.has(id) && this.view.isPlayer(id) && this.view.reachable(id) && this.believable(id, this.heard.get(id) ?? -1));
    if (claimant !== undefined) return claimant;
    // Players we reach play on with a host we cannot reach yet: a fresh game would split them.
    // Nor without the lobby: who is in the game, and who hosts it, is unknown until it is back.
    if (this.view.gameBeyondReach() || !this.view.lobbyConnected()) return undefined;
    const now = this.view.now();
    if (now - this.waitingSince >= JOIN_SETTLE_MS && now - this.linkOpenedAt >= ANNOUNCE_WAIT_MS) this.becomeHost(0);
    return undefined;
  }

  private setPick(pick: string | undefined): void {
    if (pick !== this.pick) this.pickSince = this.view.now();
    this.pick = pick;
  }

  private accept(claim: HostClaim): void {
    this.current = claim;
    this.currentPhase = 'following';
    this.settle();
    this.roles.follow(claim);
  }

  private becomeHost(epoch: number): void {
    this.current = { hostId: this.view.selfId, epoch };
    this.currentPhase = 'hosting';
    this.settle();
    this.roles.host(epoch);
  }

  /** A method, not a field read, so checks after a transition are not narrowed away. */
  private isFollowing(hostId: string): boolean {
    return this.currentPhase === 'following' && this.current.hostId === hostId;
  }

  /** A reign is settled: the next election starts from scratch. */
  private settle(): void {
    this.excluded.clear();
    this.declined.clear();
    this.heard.clear();
    this.pick = undefined;
    this.yielder = undefined;
  }
}

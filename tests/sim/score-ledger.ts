import type { TagWorld } from '../../src/games/tag/world.js';
import type { Match } from '../../src/session/match.js';

/** Pages play in more than one reign for this long: a split (two worlds), not a migration in progress. */
const SPLIT_MS = 2_000;

/** How the ledger names pages and peers (by player name: a player's page changes across reloads). */
export interface PlayerNames {
  ofPage(page: Match<TagWorld>): string;
  ofId(peerId: string): string;
}

/** A slot or score a player lost: which, and what was seen. */
export interface LostProgress {
  readonly invariant: string;
  readonly message: string;
}

/**
 * What each player has to keep across reloads and migrations: the slot it first played in and the
 * most "it" seconds a host gave it, in the world of the latest fresh game. It also knows which
 * players played in different worlds at some point (a partition, a lasting split, a fresh game
 * beside one the lobby gave up on): when worlds merge one side is dropped, so their slots and
 * scores are not expected to survive.
 */
export class ScoreLedger {
  private readonly slots = new Map<string, number>();
  private readonly itSeconds = new Map<string, number>();
  /** Players whose page was seen hosting a settled game (by name: the page may be gone since). */
  private readonly everHosted = new Set<string>();
  /** Pairs of players that played in different worlds at some point (`a|b`, by name). */
  private readonly separated = new Set<string>();
  /** Reigns hosted since the latest fresh game started: only they record slots and scores. */
  private readonly currentWorldReigns = new Set<string>();
  private splitSince: number | undefined;
  /** The host of the latest fresh game while another reign still plays beside it (see noteSplits). */
  private freshHost: string | undefined;
  /** Pages play in more than one reign right now, and have for a while (see noteSplits). */
  private split = false;

  constructor(private readonly names: PlayerNames) {}

  /** A page starts hosting reign `epoch`; `fresh`: a new world (epoch 0, not the game's first host). */
  hosted(hostId: string, epoch: number, fresh: boolean): void {
    if (fresh) {
      // Players start over, in new slots.
      this.slots.clear();
      this.itSeconds.clear();
      this.currentWorldReigns.clear();
      this.freshHost = hostId;
    }
    this.currentWorldReigns.add(`${hostId}:${epoch}`);
  }

  /** Players `a` and `b` (by name) play in different worlds (a partition put them apart). */
  separate(a: string, b: string): void {
    this.separated.add([a, b].sort().join('|'));
  }

  wereSeparated(a: string, b: string): boolean {
    return this.separated.has([this.names.ofId(a), this.names.ofId(b)].sort().join('|'));
  }

  /**
   * Pages that play in different reigns at the same moment play different worlds (a partition, or a
   * lobby outage that kept two sides from meeting): when they merge, one side's world is dropped.
   */
  noteSplits(pages: readonly Match<TagWorld>[], now: number): void {
    const reignOf = (page: Match<TagWorld>): string | undefined =>
      page.phase === 'hosting' || page.phase === 'following' ? page.hostClaim.hostId : undefined;
    const playing = pages.filter((page) => reignOf(page) !== undefined);
    // A migration shows two reigns for a moment (a follower not yet told); a split lasts.
    const reigns = new Set(playing.map(reignOf));
    const twoReigns = reigns.size > 1;
    this.splitSince = twoReigns ? (this.splitSince ?? now) : undefined;
    // A fresh game beside a reign that still plays is another world from its first moment, however
    // short it lives (seed 1002906: a reloaded page alone for 3 s, back in its old seat after).
    if (!twoReigns) this.freshHost = undefined;
    const freshBeside = this.freshHost !== undefined && reigns.has(this.freshHost);
    this.split = freshBeside || (this.splitSince !== undefined && now - this.splitSince >= SPLIT_MS);
    if (!this.split) return;
    for (const a of playing) {
      for (const b of playing) if (reignOf(a) !== reignOf(b)) this.separate(this.names.ofPage(a), this.names.ofPage(b));
    }
  }

  /** Remembers the page's first slot and, on a host not cut off from anyone, every player's highest score. */
  noteScores(page: Match<TagWorld>, partitioned: boolean): void {
    if (page.status !== 'playing' || !this.currentWorldReigns.has(`${page.hostClaim.hostId}:${page.hostClaim.epoch}`)) return;
    for (const entry of page.roster()) if (entry.peerId === page.selfId && !this.slots.has(entry.peerId)) this.slots.set(entry.peerId, entry.slot);
    if (page.phase !== 'hosting' || partitioned || this.split) return;
    this.everHosted.add(this.names.ofPage(page));
    const bySlot = new Map(page.roster().map((entry) => [entry.slot, entry.peerId]));
    for (const entity of page.entities()) {
      const peerId = bySlot.get(entity.id);
      const seconds = entity['itSeconds'] ?? 0;
      // A host cut off from a player by a partition scores it in a world the player is not in.
      if (peerId === undefined || this.wereSeparated(page.selfId, peerId)) continue;
      this.itSeconds.set(peerId, Math.max(seconds, this.itSeconds.get(peerId) ?? 0));
    }
  }

  /** The first slot or score `page` lost under `host`, if any (a second of score may go in a takeover). */
  lost(page: Match<TagWorld>, host: Match<TagWorld>): LostProgress | undefined {
    // A page cut off from a host (partition, lasting split) may have scored on the side whose
    // world a later merge dropped, even if the host it ends with was on its side.
    const name = this.names.ofPage(page);
    if ([...this.everHosted].some((other) => this.separated.has([name, other].sort().join('|')))) return undefined;
    const first = this.slots.get(page.selfId);
    if (first !== undefined && page.selfSlot !== first) return { invariant: 'slots survive reloads and migrations', message: `${name} played in slot ${first}, now ${String(page.selfSlot)}` };
    // A successor resumes from what everyone draws, a moment behind the old host: a second may be lost, no more.
    const best = this.itSeconds.get(page.selfId) ?? 0;
    const slot = host.roster().find((entry) => entry.peerId === page.selfId)?.slot;
    const now = host.entities().find((entity) => entity.id === slot)?.['itSeconds'] ?? 0;
    if (now < best - 1) return { invariant: 'scores survive reloads and migrations', message: `${name} had ${best} s as "it", now ${now}` };
    return undefined;
  }
}

import type { SessionOptions } from '../net/lobby-client.js';
import type { LobbyEndpoint } from '../net/lobby-transport.js';
import type { LinkFactory } from '../net/mesh.js';
import type { MonitorOptions } from '../net/monitored-link.js';
import type { IceServerConfig } from '../protocol/lobby-messages.js';
import type { Entity, GameDefinition, GameFields } from '../game/definition.js';
import type { GameOffer } from '../game/variants.js';
import type { RosterEntry } from '../protocol/peer-messages.js';
import type { Scheduler } from '../time/scheduler.js';
import type { AuthorityPhase, Recollection } from './authority-contract.js';
import type { HostClaim } from './host-election.js';

/* What a Match is made from and what it tells: its options, events, status and players. */

export type MatchRole = 'host' | 'client';

/**
 * `connecting`: in the lobby room, no host heard from yet. `playing`: the host is reachable (or
 * we are it). `migrating`: the host is gone and the next one has not been heard from yet (our own
 * player holds still). `closed`: we left.
 */
export type MatchStatus = 'connecting' | 'playing' | 'migrating' | 'closed';

export interface MatchPlayer {
  readonly slot: number;
  readonly peerId: string;
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly isSelf: boolean;
}

export interface MatchEvents extends Record<string, unknown> {
  status: MatchStatus;
  /** Someone else (or we) hosts from now on, in a new reign. */
  'host-changed': HostClaim;
  /** A link to another member never opened: `reason` says why, in words a player can act on. */
  'peer-unreachable': { readonly peerId: string; readonly name: string; readonly reason: string };
}

/** Builds the peer link for one member, given the ICE servers the lobby handed out. */
export type LinkFactoryFor = (iceServers: readonly IceServerConfig[]) => LinkFactory;

export interface MatchOptions<State, Fields extends GameFields = GameFields> extends Omit<SessionOptions, 'scheduler'> {
  /** The lobby: the URL of a Colyseus lobby (`ws://localhost:2567`), or any LobbyTransport. */
  readonly lobby: LobbyEndpoint;
  readonly name: string;
  /** Time and timers: the system's in a browser, a ManualScheduler in tests and simulations. */
  readonly scheduler: Scheduler;
  /**
   * The game to play: every peer of a match must run the same definition. With variants, a host
   * runs the one its settings name and everyone who enters runs the one the lobby says.
   */
  readonly game: GameOffer<State, Fields>;
  /** Our own player's input right now (the game's packing of keys, aim…). */
  readonly localInput: () => number;
  readonly linkFactory: LinkFactoryFor;
  /**
   * Liveness and backpressure settings of every peer link. The match's default declares a peer
   * gone after 1.2 s of silence (pings every 250 ms), so a crashed host is replaced within ~1.5 s.
   */
  readonly monitor?: MonitorOptions;
  /** While hosting: what snapshots may take of the upload, bits per second (default 2.5 Mbit/s). */
  readonly uploadBudgetBitsPerSecond?: number;
  /** How often the match loop runs; the simulation itself is fixed-step regardless. */
  readonly loopIntervalMs?: number;
  /** What this tab knew before a reload (see `recollection`): given to `resume`. */
  readonly recollection?: Recollection;
}

/** MatchOptions once the lobby has said which variant of the game this match runs. */
export type ResolvedMatchOptions<State, Fields extends GameFields = GameFields> = Omit<MatchOptions<State, Fields>, 'game'> & { readonly game: GameDefinition<State, Fields> };

/** Every player among `entities` (players' entity ids are their slots), with the roster's names. */
export function namedPlayers(entities: readonly Entity[], roster: readonly RosterEntry[], selfId: string): MatchPlayer[] {
  const bySlot = new Map(roster.map((entry) => [entry.slot, entry]));
  return entities.flatMap((entity) => {
    const entry = bySlot.get(entity.id);
    return entry ? [{ slot: entity.id, x: entity.x, y: entity.y, peerId: entry.peerId, name: entry.name, isSelf: entry.peerId === selfId }] : [];
  });
}

/** What the player is told, from where the state machine is. */
export function statusOf(phase: AuthorityPhase, connectedToHost: boolean): MatchStatus {
  switch (phase) {
    case 'hosting':
      return 'playing';
    case 'following':
      return connectedToHost ? 'playing' : 'connecting';
    case 'joining':
      return 'connecting';
    case 'migrating':
      return 'migrating';
  }
}

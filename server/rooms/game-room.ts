import type { GameInfo, GameSettings } from '../../src/protocol/lobby-game.js';
import {
  LobbyMessage,
  parseJoinOptions,
  type IceServerConfig,
  type JoinOptions,
  type LobbyErrorCode,
  type LobbyErrorPayload,
  type MemberJoined,
  type MemberLeft,
  type WelcomePayload,
} from '../../src/protocol/lobby-messages.js';
import { ClientRateGate } from '../limits/client-rate-gate.js';
import type { LobbyLimits } from '../limits/lobby-limits.js';
import type { Logger } from '../log.js';
import { admit, type Admission, type Refusal } from './admission.js';
import { keyTagOf } from './key-tag.js';
import { MemberRoster, type Member } from './member-roster.js';
import { roomMessageRules } from './room-handlers.js';
import type { RoomClient, RoomPort } from './room-port.js';

/** What every room of a lobby process shares: passed in, so rooms hold no globals. */
export interface GameRoomContext {
  readonly logger: Logger;
  readonly limits: Pick<LobbyLimits, 'messages'>;
  /** ICE servers for one admitted member (TURN credentials are minted per member), reaching the lobby by `pageHost`. */
  readonly iceServersFor: (peerId: string, pageHost?: string) => readonly IceServerConfig[];
  /** The UDP port of the lobby process's STUN server; undefined when it runs none. */
  readonly stunPort: () => number | undefined;
  /** The lobby's second STUN port (the NAT probe's other destination), when open. */
  readonly stunProbePort: () => number | undefined;
}

export interface GameRoomSetup {
  readonly code: string;
  readonly settings: GameSettings;
  /** Peer ids in the order they entered the game before a lobby restart (empty for a new game). */
  readonly order: readonly string[];
  /** The key tags of the peers of `order`, as the re-creating peer saw them (see MemberRoster.rankBy). */
  readonly keyTags: ReadonlyMap<string, string>;
  readonly locked: boolean;
  /** Re-created under its old code after a lobby restart: its players come back in any order. */
  readonly recreated: boolean;
  readonly context: GameRoomContext;
  readonly port: RoomPort;
  /** Milliseconds, for the message rate gate. */
  readonly now: () => number;
  /** Runs `task` once, `ms` from now (Colyseus's room clock, or the simulation's scheduler). */
  readonly after: (ms: number, task: () => void) => void;
  /** How long a re-created game waits for its peers to come back (the reconnection grace). */
  readonly graceSeconds: number;
}

/**
 * An admitted join (it becomes the connection's auth): its options, how it is admitted, its key
 * tag, and the host name its page reached the lobby by.
 */
export type Auth = JoinOptions & { readonly admission: Admission; readonly keyTag: string; readonly pageHost?: string | undefined };

/** A seat held for a member whose connection dropped: resolves when it reconnects, rejects when the wait ends. */
export interface PendingReconnection {
  readonly promise: Promise<RoomClient>;
  reject(): void;
}

/** How the transport holds a dropped member's seat (Colyseus: allowReconnection and its tokens). */
export interface ReconnectionGrace<C extends RoomClient> {
  readonly seconds: number;
  hold(client: C, seconds: number): PendingReconnection;
}

/**
 * One game's lobby room, without the transport: who is in the game and who hosts, the waiting
 * room, and the relay of WebRTC signaling between members. Colyseus runs it on the lobby server
 * (match-room.ts); the session simulation runs the same code in memory. It never sees game state,
 * so a running match does not depend on it once the peers are connected. Members are known by
 * the peer id they chose, so after a lobby restart the same peers can enter a re-created room
 * (same code) as themselves.
 */
export class GameRoom {
  readonly roster = new MemberRoster();
  readonly code: string;
  readonly settings: GameSettings;
  readonly gate: ClientRateGate;
  readonly log: Logger;
  lockedByHost: boolean;
  started = false;
  /** The lobby process is shutting down: its connections end, but nobody left the game. */
  private closing = false;
  private readonly recreated: boolean;
  private readonly rules: ReturnType<typeof roomMessageRules>;
  /** Seats held for members whose connection dropped; cancelled when the peer re-enters by code. */
  private readonly awaiting = new Map<string, PendingReconnection>();
  /** The host name each member's page reached the lobby by (its TURN URLs name it), from its latest admission. */
  private readonly pageHosts = new Map<string, string | undefined>();

  constructor(private readonly setup: GameRoomSetup) {
    this.code = setup.code;
    this.settings = setup.settings;
    this.lockedByHost = setup.locked;
    this.recreated = setup.recreated;
    this.roster.rankBy(setup.order, setup.keyTags);
    this.gate = new ClientRateGate(setup.context.limits.messages);
    this.log = setup.context.logger.child({ room: setup.code });
    this.rules = roomMessageRules(this);
    if (setup.recreated) {
      setup.after(setup.graceSeconds * 1_000, () => {
        for (const id of this.roster.forgetExpected()) this.announceDeparture(id);
      });
    }
  }

  /** Validates join options and decides admission (runs before a seat is given). */
  authorize(options: unknown, pageHost?: string): { readonly ok: true; readonly auth: Auth } | { readonly ok: false; readonly refusal: Refusal } {
    const parsed = parseJoinOptions(options);
    if (!parsed.ok) return { ok: false, refusal: { code: 'bad-request', reason: parsed.reason } };
    // A new game is opened by a player; in a re-created one a spectator may simply be back first
    // (admit() then tells it to try again).
    if (parsed.value.spectate && this.roster.size === 0 && !this.recreated) {
      return { ok: false, refusal: { code: 'bad-request', reason: 'a game is opened by a player, not a spectator' } };
    }
    const keyTag = keyTagOf(this.code, parsed.value.playerKey);
    const admission = admit(this.roster, parsed.value, keyTag, { maxPlayers: this.settings.maxPlayers, locked: this.lockedByHost });
    if (typeof admission !== 'string') return { ok: false, refusal: admission };
    return { ok: true, auth: { ...parsed.value, admission, keyTag, pageHost } };
  }

  /** An admitted connection enters: a new member, or a member taking its seat back by code. */
  async join(client: RoomClient, auth: Auth): Promise<void> {
    const { peerId, name, playerKey, spectate, keyTag } = auth;
    this.pageHosts.set(peerId, auth.pageHost);
    if (auth.admission === 'retake') {
      const previous = this.roster.get(peerId)?.sessionId;
      this.roster.moveSeat(peerId, client.sessionId);
      this.awaiting.get(peerId)?.reject(); // the old connection's grace period ends here, seat kept
      if (previous !== undefined && previous !== client.sessionId) {
        // Still connected as far as we know (a dead socket not noticed yet): it is nobody's now.
        this.setup.port.client(previous)?.leave();
        this.gate.forget(previous);
      }
      this.comeBack(client, peerId);
      return;
    }
    const shown = name === '' ? this.roster.defaultName() : name;
    this.roster.add({ id: peerId, name: shown, playerKey, keyTag, sessionId: client.sessionId, spectator: spectate, ready: false });
    this.sendWelcome(client, peerId);
    this.announceArrival(peerId, client);
    this.log.info({ peer: peerId, spectator: spectate, members: this.roster.size }, 'member joined');
    await this.publishMetadata();
  }

  /**
   * The lobby process is going down and closes every connection. Those closings are not departures:
   * announcing them would tell the members still connected that the others left the game (their
   * pages would drop the links and forget the players), and the re-created room would not know them.
   */
  shutDown(): void {
    this.closing = true;
  }

  /**
   * A connection ended. Leaving on purpose frees the seat at once. A connection that dropped
   * keeps its member's seat, name and key for the grace period: the others hear member-left at
   * once (their peer links to it may be dead: a crashed host must be replaced now, not after the
   * grace period), and the member may come back by token or by code.
   */
  async connectionEnded<C extends RoomClient>(client: C, consented: boolean, grace: ReconnectionGrace<C>): Promise<void> {
    const member = this.memberOf(client);
    if (!member || this.closing) return; // kicked (already removed and announced), or its seat was taken back by code
    if (!consented && grace.seconds > 0) {
      const vacated = this.roster.setAway(member.id, true);
      this.announceDeparture(member.id);
      if (vacated) await this.flagVacated();
      const reconnection = grace.hold(client, grace.seconds);
      this.awaiting.set(member.id, reconnection);
      try {
        const back = await reconnection.promise;
        if (this.memberOf(back)?.id === member.id) this.comeBack(back, member.id);
        else back.leave(); // kicked while away
        return;
      } catch {
        // grace period over, the room is closing, or the peer re-entered by code (its seat moved)
        if (this.roster.get(member.id)?.sessionId !== client.sessionId) return;
      } finally {
        if (this.awaiting.get(member.id) === reconnection) this.awaiting.delete(member.id);
      }
    }
    await this.remove(member.id, client.sessionId);
  }

  /** A member whose connection dropped is back (by token or by code): fresh welcome, the others hear. */
  private comeBack(client: RoomClient, peerId: string): void {
    this.roster.setAway(peerId, false);
    this.log.info({ peer: peerId }, 'member reconnected');
    this.sendWelcome(client, peerId);
    this.announceArrival(peerId, client);
  }

  /** A kicked member left the roster already (MemberRoster.kick): the room forgets its page's host and its message budget too. */
  forgetKicked(member: Member): void {
    this.pageHosts.delete(member.id);
    this.gate.forget(member.sessionId);
  }

  /** Drops a member for good, tells the others (unless they heard when it went away), moves the host flag. */
  private async remove(id: string, sessionId: string): Promise<void> {
    const vacated = this.roster.remove(id);
    this.pageHosts.delete(id);
    this.gate.forget(sessionId);
    this.announceDeparture(id);
    this.log.info({ peer: id, members: this.roster.size }, 'member left');
    if (vacated) await this.flagVacated();
    else await this.publishMetadata();
  }

  /** The flag's holder went away or left: everyone hears the flag is vacant until its keeper moves it. */
  private async flagVacated(): Promise<void> {
    this.setup.port.broadcast(LobbyMessage.HostChanged, { hostId: null });
    await this.publishMetadata();
  }

  /** Handles one client → lobby message (rate gate, schema, rules); never throws. */
  receive(client: RoomClient, type: string, payload: unknown): void {
    this.rules(client, type, payload);
  }

  /** The connection holding a member's seat now, if connected. */
  clientOf(peerId: string): RoomClient | undefined {
    const member = this.roster.get(peerId);
    return member && !this.roster.isAway(peerId) ? this.setup.port.client(member.sessionId) : undefined;
  }

  /** The member behind a connection; undefined for a connection whose seat moved on. */
  memberOf(client: RoomClient): Member | undefined {
    return this.roster.bySession(client.sessionId);
  }

  broadcast(type: string, payload: unknown, except?: RoomClient): void {
    this.setup.port.broadcast(type, payload, except);
  }

  now(): number {
    return this.setup.now();
  }

  /** Keeps the public list current (quick join never picks a locked or full game). */
  async publishMetadata(): Promise<void> {
    await this.setup.port.publish({
      gameName: this.settings.gameName,
      hostName: this.roster.hostName,
      players: this.roster.players,
      spectators: this.roster.spectators,
      started: this.started,
      lockedByHost: this.lockedByHost,
      variant: this.settings.variant,
      hasSeat: !this.lockedByHost && this.roster.players < this.settings.maxPlayers,
    });
  }

  refuse(client: RoomClient, code: LobbyErrorCode, message: string): void {
    // debug, not warn: within its rate limit a client could otherwise write 50 log lines a second.
    this.log.debug({ session: client.sessionId, code, reason: message }, 'refused client message');
    const payload: LobbyErrorPayload = { code, message };
    client.send(LobbyMessage.Error, payload);
  }

  /**
   * Tells everyone a member is gone from the room: away (its seat is held) or for good; the join
   * order that comes with it still lists an away member, not one gone for good.
   */
  announceDeparture(id: string, kicked = false): void {
    const left: MemberLeft = { id, order: this.roster.order(), kicked };
    this.setup.port.broadcast(LobbyMessage.MemberLeft, left);
  }

  private announceArrival(peerId: string, client: RoomClient): void {
    const info = this.roster.info(peerId);
    if (!info) return;
    const joined: MemberJoined = { ...info, order: this.roster.order() };
    this.setup.port.broadcast(LobbyMessage.MemberJoined, joined, client);
  }

  private sendWelcome(client: RoomClient, peerId: string): void {
    const self = this.roster.get(peerId);
    if (!self) return; // only ever called for a member just added or back
    const game: GameInfo = { ...this.settings, locked: this.lockedByHost };
    const welcome: WelcomePayload = {
      self: peerId,
      code: this.code,
      hostId: this.roster.hostId ?? null,
      members: this.roster.othersThan(peerId),
      order: this.roster.order(),
      iceServers: this.setup.context.iceServersFor(peerId, this.pageHosts.get(peerId)),
      stunPort: this.setup.context.stunPort() ?? null,
      stunProbePort: this.setup.context.stunProbePort() ?? null,
      game,
      started: this.started,
      spectator: self.spectator,
      ready: self.ready,
      keyTag: self.keyTag,
      name: self.name,
    };
    client.send(LobbyMessage.Welcome, welcome);
  }
}

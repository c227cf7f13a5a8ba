import { randomBytes } from 'node:crypto';
import { matchMaker, Room, ServerError, type Client, type Deferred } from '@colyseus/core';
import { generateInviteCode } from '../../src/protocol/invite-code.js';
import {
  MAX_SPECTATORS,
  parseGameSettings,
  parseRecreation,
  type GameInfo,
  type GameMetadata,
  type GameSettings,
} from '../../src/protocol/lobby-game.js';
import {
  LobbyMessage,
  type LobbyErrorCode,
  parseJoinOptions,
  type IceServerConfig,
  type JoinOptions,
  type LobbyErrorPayload,
  type WelcomePayload,
} from '../../src/protocol/lobby-messages.js';
import { ClientRateGate } from '../limits/client-rate-gate.js';
import type { LobbyLimits } from '../limits/lobby-limits.js';
import type { Logger } from '../log.js';
import { admit, REFUSED, type Admission } from './admission.js';
import { MemberRoster, type Member } from './member-roster.js';
import { registerRoomHandlers } from './room-handlers.js';

/** What the room needs from its process; passed at definition so rooms hold no globals. */
export interface MatchRoomContext {
  readonly logger: Logger;
  readonly limits: LobbyLimits;
  /** How long a member who lost its socket keeps its seat. */
  readonly reconnectGraceSeconds: number;
  /** ICE servers for one member (TURN credentials are minted per member). */
  readonly iceServersFor: (peerId: string) => readonly IceServerConfig[];
  /** Codes being created right now on this process, so two re-creations cannot both pass the check. */
  readonly codesInCreation: Set<string>;
}

/** The listing field quick join filters on (see lobby-server.ts): a player seat is free. */
export const SEAT_FILTER = 'hasSeat';
const MAX_CODE_ATTEMPTS = 8;

type Auth = JoinOptions & { readonly admission: Admission };

/**
 * One game's lobby room. Its id is the invite code. It knows who is in the game and who hosts,
 * and relays WebRTC signaling between members; it never sees game state, so a running match
 * does not depend on it once the peers are connected. Members are known by the peer id they chose,
 * so after a lobby restart the same peers can enter a re-created room (same code) as themselves.
 */
export class MatchRoom extends Room {
  override maxClients = 8;
  readonly roster = new MemberRoster();
  context!: MatchRoomContext;
  log!: Logger;
  settings!: GameSettings;
  lockedByHost = false;
  started = false;
  gate!: ClientRateGate;
  /** Re-created under its old code after a lobby restart: its players come back in any order. */
  private recreated = false;
  /** Seats held for members whose socket dropped; cancelled when the peer re-enters by code. */
  private readonly awaiting = new Map<string, Deferred<Client>>();

  override async onCreate(options: Record<string, unknown> & { context: MatchRoomContext }): Promise<void> {
    const settings = parseGameSettings(options);
    if (!settings.ok) throw new ServerError(REFUSED.badOptions, settings.reason);
    const recreation = parseRecreation(options);
    if (!recreation.ok) throw new ServerError(REFUSED.badOptions, recreation.reason);
    const { code, order, locked } = recreation.value;
    this.roster.rankBy(order);
    this.lockedByHost = locked;
    this.recreated = code !== undefined;
    this.settings = settings.value;
    this.context = options.context;
    this.maxClients = settings.value.maxPlayers + MAX_SPECTATORS;
    this.gate = new ClientRateGate(this.context.limits.messages);
    this.roomId = code === undefined ? await uniqueInviteCode() : await this.claimCode(code);
    this.log = this.context.logger.child({ room: this.roomId });
    this.listing[SEAT_FILTER] = true;
    await this.setPrivate(!settings.value.isPublic);
    registerRoomHandlers(this);
    this.log.info({ ...settings.value, recreated: code !== undefined, locked }, 'room created');
  }

  /** Validates join options and decides admission; the result becomes `client.auth`. */
  override onAuth(_client: Client, options: unknown): Auth {
    const parsed = parseJoinOptions(options);
    if (!parsed.ok) throw new ServerError(REFUSED.badOptions, parsed.reason);
    // A new game is opened by a player; in a re-created one a spectator may simply be back first
    // (admit() then tells it to try again).
    if (parsed.value.spectate && this.roster.size === 0 && !this.recreated) throw new ServerError(REFUSED.badOptions, 'a game is opened by a player, not a spectator');
    const admission = admit(this.roster, parsed.value, { maxPlayers: this.settings.maxPlayers, locked: this.lockedByHost });
    if (typeof admission !== 'string') throw new ServerError(admission.status, admission.reason);
    return { ...parsed.value, admission };
  }

  override async onJoin(client: Client, _options: unknown, auth: Auth): Promise<void> {
    const { peerId, name, playerKey, spectate } = auth;
    if (auth.admission === 'retake') {
      this.roster.moveSeat(peerId, client.sessionId);
      this.awaiting.get(peerId)?.reject(); // the old session's grace period ends here, seat kept
      this.comeBack(client, peerId);
      return;
    }
    this.roster.add({ id: peerId, name, playerKey, sessionId: client.sessionId, spectator: spectate, ready: false });
    this.sendWelcome(client, peerId);
    this.broadcast(LobbyMessage.MemberJoined, this.roster.info(peerId), { except: client });
    this.log.info({ peer: peerId, spectator: spectate, members: this.roster.size }, 'member joined');
    await this.publishMetadata();
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    const member = this.roster.bySession(client.sessionId);
    if (!member) return; // kicked (already removed and announced), or its seat was taken back by code
    if (!consented && this.context.reconnectGraceSeconds > 0) {
      // The others hear member-left at once (their peer links to it are dead: a crashed host must
      // be replaced now, not in 30 s); the seat, name and key are kept for the grace period.
      this.roster.setAway(member.id, true);
      this.broadcast(LobbyMessage.MemberLeft, { id: member.id });
      const reconnection = this.allowReconnection(client, this.context.reconnectGraceSeconds);
      this.awaiting.set(member.id, reconnection);
      try {
        const back = await reconnection;
        if (this.roster.bySession(back.sessionId)?.id === member.id) this.comeBack(back, member.id);
        else back.leave(); // kicked while away
        return;
      } catch {
        // grace period over, the room is closing, or the peer re-entered by code (its seat moved)
        if (this.roster.get(member.id)?.sessionId !== client.sessionId) return;
      } finally {
        if (this.awaiting.get(member.id) === reconnection) this.awaiting.delete(member.id);
      }
    }
    await this.removeMember(member.id, client.sessionId, consented || this.context.reconnectGraceSeconds === 0);
  }

  override onDispose(): void {
    this.log.info('room disposed');
  }

  /** The Colyseus client holding a member's seat now, if connected. */
  clientOf(peerId: string): Client | undefined {
    const member = this.roster.get(peerId);
    return member && !this.roster.isAway(peerId) ? this.clients.getById(member.sessionId) : undefined;
  }

  /** The member behind a client; undefined for a session whose seat moved on. */
  memberOf(client: Client): Member | undefined {
    return this.roster.bySession(client.sessionId);
  }

  /** Keeps the public list current (the driver shares it with every process). */
  async publishMetadata(): Promise<void> {
    const metadata: GameMetadata & { lockedByHost: boolean } = {
      gameName: this.settings.gameName,
      hostName: this.roster.hostName,
      players: this.roster.players,
      spectators: this.roster.spectators,
      started: this.started,
      lockedByHost: this.lockedByHost,
    };
    // Quick join never picks a locked game, nor one whose player seats are taken (even if
    // spectators still fit).
    this.listing[SEAT_FILTER] = !this.lockedByHost && this.roster.players < this.settings.maxPlayers;
    await this.setMetadata(metadata);
  }

  refuse(client: Client, code: LobbyErrorCode, message: string): void {
    // debug, not warn: within its rate limit a client could otherwise write 50 log lines a second.
    this.log.debug({ session: client.sessionId, code, reason: message }, 'refused client message');
    const payload: LobbyErrorPayload = { code, message };
    client.send(LobbyMessage.Error, payload);
  }

  /** A member whose socket dropped is back (by token or by code): fresh welcome, the others hear. */
  private comeBack(client: Client, peerId: string): void {
    this.roster.setAway(peerId, false);
    this.log.info({ peer: peerId }, 'member reconnected');
    this.sendWelcome(client, peerId);
    this.broadcast(LobbyMessage.MemberJoined, this.roster.info(peerId), { except: client });
  }

  /** Drops a member, tells the others (unless they heard when it went away), moves the host flag. */
  private async removeMember(id: string, sessionId: string, announce: boolean): Promise<void> {
    const newHost = this.roster.remove(id);
    this.gate.forget(sessionId);
    if (announce) this.broadcast(LobbyMessage.MemberLeft, { id });
    if (newHost !== undefined) this.broadcast(LobbyMessage.HostChanged, { hostId: newHost });
    this.log.info({ peer: id, members: this.roster.size }, 'member left');
    await this.publishMetadata();
  }

  private sendWelcome(client: Client, peerId: string): void {
    const game: GameInfo = { ...this.settings, locked: this.lockedByHost };
    const self = this.roster.get(peerId);
    const welcome: WelcomePayload = {
      self: peerId,
      code: this.roomId,
      hostId: this.roster.hostId ?? peerId,
      members: this.roster.othersThan(peerId),
      iceServers: this.context.iceServersFor(peerId),
      game,
      started: this.started,
      spectator: self?.spectator ?? false,
      ready: self?.ready ?? false,
    };
    client.send(LobbyMessage.Welcome, welcome);
  }

  /** A re-created game takes the code it asks for, only if no live room on any process has it. */
  private async claimCode(code: string): Promise<string> {
    const inCreation = this.context.codesInCreation;
    if (inCreation.has(code)) throw new ServerError(REFUSED.taken, `game ${code} already exists`);
    // Held until the room is listed (Colyseus saves the listing right after onCreate).
    inCreation.add(code);
    setTimeout(() => inCreation.delete(code), CODE_HOLD_MS).unref();
    if ((await matchMaker.query({ roomId: code })).length > 0) throw new ServerError(REFUSED.taken, `game ${code} already exists`);
    return code;
  }
}

/** Long enough for Colyseus to list a created room; a code can be re-created only after that. */
const CODE_HOLD_MS = 2_000;

/** Draws invite codes until one is not in use by a live room on any lobby process. */
async function uniqueInviteCode(): Promise<string> {
  for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt += 1) {
    const code = generateInviteCode((count) => randomBytes(count));
    const taken = await matchMaker.query({ roomId: code });
    if (taken.length === 0) return code;
  }
  throw new Error(`no free invite code after ${MAX_CODE_ATTEMPTS} attempts`);
}

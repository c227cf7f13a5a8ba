import { randomBytes } from 'node:crypto';
import { matchMaker, Room, ServerError, type Client } from '@colyseus/core';
import { generateInviteCode } from '../../src/protocol/invite-code.js';
import { parseGameSettings, type GameInfo, type GameMetadata, type GameSettings } from '../../src/protocol/lobby-game.js';
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
import { MemberRoster } from './member-roster.js';
import { registerRoomHandlers } from './room-handlers.js';

/** What the room needs from its process; passed at definition so rooms hold no globals. */
export interface MatchRoomContext {
  readonly logger: Logger;
  readonly limits: LobbyLimits;
  /** How long a member who lost its socket keeps its seat. */
  readonly reconnectGraceSeconds: number;
  /** ICE servers for one member (TURN credentials are minted per member). */
  readonly iceServersFor: (sessionId: string) => readonly IceServerConfig[];
}

/** HTTP-like status codes for refusals during matchmaking; colyseus.js shows them with the message. */
const REFUSED = { badOptions: 400, kicked: 403 } as const;
const MAX_CODE_ATTEMPTS = 8;

/**
 * One game's lobby room. Its id is the invite code. It knows who is in the game and who hosts,
 * and relays WebRTC signaling between members; it never sees game state, so a running match
 * does not depend on it once the peers are connected.
 */
export class MatchRoom extends Room {
  override maxClients = 8;
  readonly roster = new MemberRoster();
  context!: MatchRoomContext;
  log!: Logger;
  settings!: GameSettings;
  lockedByHost = false;
  gate!: ClientRateGate;

  override async onCreate(options: Record<string, unknown> & { context: MatchRoomContext }): Promise<void> {
    const settings = parseGameSettings(options);
    if (!settings.ok) throw new ServerError(REFUSED.badOptions, settings.reason);
    this.settings = settings.value;
    this.context = options.context;
    this.maxClients = settings.value.maxPlayers;
    this.gate = new ClientRateGate(this.context.limits.messages);
    this.roomId = await uniqueInviteCode();
    this.log = this.context.logger.child({ room: this.roomId });
    await this.setPrivate(!settings.value.isPublic);
    registerRoomHandlers(this);
    this.log.info({ ...settings.value }, 'room created');
  }

  /** Validates join options and keeps kicked browsers out; the result becomes `client.auth`. */
  override onAuth(_client: Client, options: unknown): JoinOptions {
    const parsed = parseJoinOptions(options);
    if (!parsed.ok) throw new ServerError(REFUSED.badOptions, parsed.reason);
    if (this.roster.isBanned(parsed.value.playerKey)) throw new ServerError(REFUSED.kicked, 'you were removed from this game');
    return parsed.value;
  }

  override async onJoin(client: Client, _options: unknown, auth: JoinOptions): Promise<void> {
    this.roster.add({ id: client.sessionId, name: auth.name, playerKey: auth.playerKey });
    this.sendWelcome(client);
    this.broadcast(LobbyMessage.MemberJoined, { id: client.sessionId, name: auth.name }, { except: client });
    this.log.info({ session: client.sessionId, members: this.roster.size }, 'member joined');
    await this.publishMetadata();
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    if (!this.roster.has(client.sessionId)) return; // kicked: already removed and announced
    if (!consented && this.context.reconnectGraceSeconds > 0) {
      // The others hear member-left at once (their peer links to it are dead: a crashed host must
      // be replaced now, not in 30 s); the seat, name and key are kept for the grace period.
      this.roster.setAway(client.sessionId, true);
      this.broadcast(LobbyMessage.MemberLeft, { id: client.sessionId });
      try {
        const back = await this.allowReconnection(client, this.context.reconnectGraceSeconds);
        const member = this.roster.info(back.sessionId);
        if (!member) {
          back.leave(); // kicked while away
          return;
        }
        this.roster.setAway(back.sessionId, false);
        this.log.info({ session: back.sessionId }, 'member reconnected');
        this.sendWelcome(back);
        this.broadcast(LobbyMessage.MemberJoined, member, { except: back });
        return;
      } catch {
        // grace period over (or the room is closing): the seat is given up below
      }
    }
    await this.removeMember(client.sessionId, consented || this.context.reconnectGraceSeconds === 0);
  }

  override onDispose(): void {
    this.log.info('room disposed');
  }

  /** Drops a member, tells the others (unless they heard when it went away), moves the host flag. */
  private async removeMember(id: string, announce: boolean): Promise<void> {
    const newHost = this.roster.remove(id);
    this.gate.forget(id);
    if (announce) this.broadcast(LobbyMessage.MemberLeft, { id });
    if (newHost !== undefined) this.broadcast(LobbyMessage.HostChanged, { hostId: newHost });
    this.log.info({ session: id, members: this.roster.size }, 'member left');
    await this.publishMetadata();
  }

  /** Keeps the public list's host name current (the driver shares it with every process). */
  async publishMetadata(): Promise<void> {
    const metadata: GameMetadata & { lockedByHost: boolean } = {
      gameName: this.settings.gameName,
      hostName: this.roster.hostName,
      lockedByHost: this.lockedByHost,
    };
    await this.setMetadata(metadata);
  }

  refuse(client: Client, code: LobbyErrorCode, message: string): void {
    // debug, not warn: within its rate limit a client could otherwise write 50 log lines a second.
    this.log.debug({ session: client.sessionId, code, reason: message }, 'refused client message');
    const payload: LobbyErrorPayload = { code, message };
    client.send(LobbyMessage.Error, payload);
  }

  private sendWelcome(client: Client): void {
    const game: GameInfo = { ...this.settings, locked: this.lockedByHost };
    const welcome: WelcomePayload = {
      self: client.sessionId,
      code: this.roomId,
      hostId: this.roster.hostId ?? client.sessionId,
      members: this.roster.othersThan(client.sessionId),
      iceServers: this.context.iceServersFor(client.sessionId),
      game,
    };
    client.send(LobbyMessage.Welcome, welcome);
  }
}

/** Draws invite codes until one is not in use by a live room on any lobby process. */
async function uniqueInviteCode(): Promise<string> {
  for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt += 1) {
    const code = generateInviteCode((count) => randomBytes(count));
    const taken = await matchMaker.query({ roomId: code });
    if (taken.length === 0) return code;
  }
  throw new Error(`no free invite code after ${MAX_CODE_ATTEMPTS} attempts`);
}

import { randomBytes } from 'node:crypto';
import { matchMaker, Room, type Client } from '@colyseus/core';
import { generateInviteCode } from '../../src/protocol/invite-code.js';
import {
  LobbyErrorCode,
  LobbyMessage,
  parseJoinOptions,
  parseSignalRequest,
  type IceServerConfig,
  type LobbyErrorPayload,
  type MemberInfo,
  type WelcomePayload,
} from '../../src/protocol/lobby-messages.js';
import type { Logger } from '../log.js';

/** What the room needs from its process; passed at definition so rooms hold no globals. */
export interface MatchRoomContext {
  readonly logger: Logger;
  readonly iceServers: () => readonly IceServerConfig[];
}

const MAX_CODE_ATTEMPTS = 8;

/**
 * One game's lobby room. Its id is the invite code. It knows who is in the game and who hosts,
 * and relays WebRTC signaling between members; it never sees game state, so a running match
 * does not depend on it once the peers are connected.
 */
export class MatchRoom extends Room {
  override maxClients = 8;
  private readonly members = new Map<string, MemberInfo>();
  private hostId: string | undefined;
  private context!: MatchRoomContext;
  private log!: Logger;

  override async onCreate(options: { context: MatchRoomContext }): Promise<void> {
    this.context = options.context;
    this.roomId = await uniqueInviteCode();
    this.log = this.context.logger.child({ room: this.roomId });
    await this.setPrivate(true);
    this.onMessage(LobbyMessage.Signal, (client, message: unknown) => this.relaySignal(client, message));
    this.onMessage('*', (client, type) => {
      this.refuse(client, LobbyErrorCode.UnknownType, `unknown message type ${JSON.stringify(type)}`);
    });
    this.log.info('room created');
  }

  override onJoin(client: Client, options: unknown): void {
    const { name } = parseJoinOptions(options);
    const member: MemberInfo = { id: client.sessionId, name };
    const existing = [...this.members.values()];
    this.members.set(client.sessionId, member);
    this.hostId ??= client.sessionId;
    const welcome: WelcomePayload = {
      self: client.sessionId,
      code: this.roomId,
      hostId: this.hostId,
      members: existing,
      iceServers: this.context.iceServers(),
    };
    client.send(LobbyMessage.Welcome, welcome);
    this.broadcast(LobbyMessage.MemberJoined, member, { except: client });
    this.log.info({ session: client.sessionId, members: this.members.size }, 'member joined');
  }

  override onLeave(client: Client): void {
    this.members.delete(client.sessionId);
    if (this.hostId === client.sessionId) {
      // Longest-present member holds the flag; the match itself decides authority among peers.
      this.hostId = this.members.keys().next().value;
    }
    this.broadcast(LobbyMessage.MemberLeft, { id: client.sessionId });
    this.log.info({ session: client.sessionId, members: this.members.size }, 'member left');
  }

  override onDispose(): void {
    this.log.info('room disposed');
  }

  private relaySignal(client: Client, message: unknown): void {
    const parsed = parseSignalRequest(message);
    if (!parsed.ok) {
      this.refuse(client, LobbyErrorCode.BadMessage, parsed.reason);
      return;
    }
    const target = parsed.value.to === client.sessionId ? undefined : this.clients.getById(parsed.value.to);
    if (!target) {
      this.refuse(client, LobbyErrorCode.NotInRoom, `no member ${parsed.value.to} in this room`);
      return;
    }
    target.send(LobbyMessage.Signal, { from: client.sessionId, data: parsed.value.data });
  }

  private refuse(client: Client, code: LobbyErrorCode, message: string): void {
    this.log.warn({ session: client.sessionId, code, reason: message }, 'refused client message');
    const payload: LobbyErrorPayload = { code, message };
    client.send(LobbyMessage.Error, payload);
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

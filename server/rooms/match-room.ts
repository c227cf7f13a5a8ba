import { matchMaker, Room, type AuthContext, type Client } from '@colyseus/core';
import { generateInviteCode } from '../../src/protocol/invite-code.js';
import { cryptoBytes } from '../../src/util/random-token.js';
import { parseGameSettings, parseRecreation } from '../../src/protocol/lobby-game.js';
import { MAX_SPECTATORS } from '../../src/protocol/player-count.js';
import { pageHostName } from '../http/page-host.js';
import { refusalError } from './admission.js';
import { GameRoom, type Auth, type GameRoomContext } from './game-room.js';
import type { RoomClient, RoomPort } from './room-port.js';

/** What the room needs from its process; passed at definition so rooms hold no globals. */
export interface MatchRoomContext extends GameRoomContext {
  /** How long a member who lost its socket keeps its seat. */
  readonly reconnectGraceSeconds: number;
  /** Codes being created right now on this process, so two re-creations cannot both pass the check. */
  readonly codesInCreation: Set<string>;
}

/** The listing field quick join filters on (see lobby-server.ts): a player seat is free. */
export const SEAT_FILTER = 'hasSeat';
const MAX_CODE_ATTEMPTS = 8;

/**
 * A GameRoom on Colyseus: the room id is the invite code; Colyseus carries the connections, the
 * reconnection tokens and the listing (shared across processes through its driver). The game's
 * rules live in GameRoom; this class only maps Colyseus's lifecycle onto them.
 */
export class MatchRoom extends Room {
  override maxClients = 8;
  game!: GameRoom;
  private context!: MatchRoomContext;
  /** Colyseus disposes a room whose creation was refused too (a bad option, a code taken): it has no game then. */
  private created = false;

  override async onCreate(options: Record<string, unknown> & { context: MatchRoomContext }): Promise<void> {
    const settings = parseGameSettings(options);
    if (!settings.ok) throw refusalError({ code: 'bad-request', reason: settings.reason });
    const recreation = parseRecreation(options);
    if (!recreation.ok) throw refusalError({ code: 'bad-request', reason: recreation.reason });
    const { code, order, locked, keyTags } = recreation.value;
    this.context = options.context;
    this.maxClients = settings.value.maxPlayers + MAX_SPECTATORS;
    this.roomId = code === undefined ? await uniqueInviteCode() : await this.claimCode(code);
    this.game = new GameRoom({
      code: this.roomId,
      settings: settings.value,
      order,
      keyTags,
      locked,
      recreated: code !== undefined,
      context: this.context,
      port: this.port(),
      now: Date.now,
      after: (ms, task) => this.clock.setTimeout(task, ms),
      graceSeconds: this.context.reconnectGraceSeconds,
    });
    this.listing[SEAT_FILTER] = true;
    await this.setPrivate(!settings.value.isPublic);
    this.onMessage('*', (client: Client, type: unknown, payload: unknown) => this.game.receive(client, String(type), payload));
    this.created = true;
    this.game.log.info({ ...settings.value, recreated: code !== undefined, locked }, 'room created');
  }

  /** Validates join options and decides admission; the result becomes `client.auth`. */
  override onAuth(_client: Client, options: unknown, context: AuthContext): Auth {
    const verdict = this.game.authorize(options, pageHostName(context.headers.host));
    if (!verdict.ok) throw refusalError(verdict.refusal);
    return verdict.auth;
  }

  override async onJoin(client: Client, _options: unknown, auth: Auth): Promise<void> {
    await this.game.join(client, auth);
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    await this.game.connectionEnded(client, consented, {
      seconds: this.context.reconnectGraceSeconds,
      hold: (dropped, seconds) => {
        const deferred = this.allowReconnection(dropped, seconds);
        return {
          promise: deferred.promise,
          // Colyseus types `reject` as a bare Function.
          reject: () => void Reflect.apply(deferred.reject, deferred, []),
        };
      },
    });
  }

  /** Colyseus closes every connection next; see GameRoom.shutDown. */
  override onBeforeShutdown(): void {
    this.game.shutDown();
    super.onBeforeShutdown();
  }

  override onDispose(): void {
    if (this.created) this.game.log.info('room disposed');
  }

  private port(): RoomPort {
    return {
      broadcast: (type, payload, except) => {
        const exceptClient = except === undefined ? undefined : this.clients.getById(except.sessionId);
        this.broadcast(type, payload, exceptClient === undefined ? {} : { except: exceptClient });
      },
      client: (sessionId): RoomClient | undefined => this.clients.getById(sessionId),
      publish: async ({ hasSeat, ...metadata }) => {
        this.listing[SEAT_FILTER] = hasSeat;
        await this.setMetadata(metadata);
      },
    };
  }

  /** A re-created game takes the code it asks for, only if no live room on any process has it. */
  private async claimCode(code: string): Promise<string> {
    const inCreation = this.context.codesInCreation;
    if (inCreation.has(code)) throw refusalError({ code: 'code-taken', reason: `game ${code} already exists` });
    // Held until the room is listed (Colyseus saves the listing right after onCreate).
    inCreation.add(code);
    setTimeout(() => inCreation.delete(code), CODE_HOLD_MS).unref();
    if ((await matchMaker.query({ roomId: code })).length > 0) throw refusalError({ code: 'code-taken', reason: `game ${code} already exists` });
    return code;
  }
}

/** Long enough for Colyseus to list a created room; a code can be re-created only after that. */
const CODE_HOLD_MS = 2_000;

/** Draws invite codes until one is not in use by a live room on any lobby process. */
async function uniqueInviteCode(): Promise<string> {
  for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt += 1) {
    const code = generateInviteCode(cryptoBytes);
    const taken = await matchMaker.query({ roomId: code });
    if (taken.length === 0) return code;
  }
  throw new Error(`no free invite code after ${MAX_CODE_ATTEMPTS} attempts`);
}

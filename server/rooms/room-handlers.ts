import { isRecord } from '../../src/protocol/guards.js';
import {
  LobbyErrorCode,
  LobbyMessage,
  MAX_SIGNAL_BYTES,
  parseHostRef,
  parseLockState,
  parseMemberRef,
  parseSignalRequest,
} from '../../src/protocol/lobby-messages.js';
import { parseEmpty, parseReadyRequest } from '../../src/protocol/lobby-waiting-room.js';
import type { Result } from '../../src/util/result.js';
import type { GameRoom } from './game-room.js';
import type { Member } from './member-roster.js';
import type { RoomClient } from './room-port.js';

type Handler<T> = (client: RoomClient, message: T, self: Member) => void | Promise<void>;
type RefusalCode = (message: unknown) => LobbyErrorCode;
type Rule = (client: RoomClient, payload: unknown, self: Member | undefined) => void;

/** An oversized signal gets its own code, so a client can tell "too big" from "malformed". */
const signalRefusal: RefusalCode = (message) =>
  isRecord(message) && typeof message['data'] === 'string' && message['data'].length > MAX_SIGNAL_BYTES
    ? LobbyErrorCode.TooLarge
    : LobbyErrorCode.BadMessage;

/**
 * Every client → lobby message of a game room: each passes the client's token bucket, then a
 * schema; refusals are answered with an error code and never throw. Handlers get the sender's
 * member record; a connection whose seat moved on is not heard. Returns the dispatcher.
 */
export function roomMessageRules(room: GameRoom): (client: RoomClient, type: string, payload: unknown) => void {
  const rules = new Map<string, Rule>();
  const on = <T>(type: string, parse: (value: unknown) => Result<T>, handle: Handler<T>, codeFor: RefusalCode = () => LobbyErrorCode.BadMessage): void => {
    rules.set(type, (client, payload, self) => {
      const parsed = parse(payload);
      if (!parsed.ok) room.refuse(client, codeFor(payload), `${type}: ${parsed.reason}`);
      else if (self) {
        Promise.resolve(handle(client, parsed.value, self)).catch((error: unknown) => {
          room.log.error({ err: error, session: client.sessionId, type }, 'message handler failed');
        });
      }
    });
  };

  on(LobbyMessage.Signal, parseSignalRequest, (client, { to, data }, self) => {
    const target = to === self.id ? undefined : room.clientOf(to);
    if (!target) room.refuse(client, LobbyErrorCode.NotInRoom, `no member ${to} in this room`);
    else target.send(LobbyMessage.Signal, { from: self.id, data });
  }, signalRefusal);

  on(LobbyMessage.Kick, (value) => parseMemberRef(value, 'kick'), async (client, { id }, self) => {
    const target = room.clientOf(id);
    const kicked = room.roster.kick(self.id, id);
    if (!kicked.ok) {
      room.refuse(client, self.id === room.roster.hostId ? LobbyErrorCode.NotInRoom : LobbyErrorCode.NotHost, kicked.reason);
      return;
    }
    room.log.info({ peer: self.id, kicked: id }, 'member kicked');
    room.forgetKicked(kicked.value);
    target?.send(LobbyMessage.Kicked, {});
    target?.leave();
    room.announceDeparture(id, true);
    await room.publishMetadata();
  });

  on(LobbyMessage.Lock, parseLockState, async (client, { locked }, self) => {
    if (self.id !== room.roster.hostId) {
      room.refuse(client, LobbyErrorCode.NotHost, 'only the host can lock the game');
      return;
    }
    room.lockedByHost = locked; // enforced when admitting (see admission.ts)
    room.broadcast(LobbyMessage.Locked, { locked });
    await room.publishMetadata();
  });

  on(LobbyMessage.HostMigrated, parseHostRef, async (client, { hostId }, self) => {
    const moved = room.roster.migrate(self.id, hostId);
    if (!moved.ok) {
      room.refuse(client, LobbyErrorCode.BadMigration, moved.reason);
      return;
    }
    room.log.info({ peer: self.id, hostId }, 'host migrated');
    room.broadcast(LobbyMessage.HostChanged, { hostId });
    await room.publishMetadata();
  });

  on(LobbyMessage.Ready, parseReadyRequest, (client, { ready }, self) => {
    if (self.spectator) room.refuse(client, LobbyErrorCode.NotPlayer, 'spectators have no ready flag');
    else if (room.roster.setReady(self.id, ready)) room.broadcast(LobbyMessage.ReadyChanged, { id: self.id, ready });
  });

  on(LobbyMessage.Start, parseEmpty, async (client, _message, self) => {
    if (self.id !== room.roster.hostId) {
      room.refuse(client, LobbyErrorCode.NotHost, 'only the host can start the game');
      return;
    }
    if (room.started) return;
    room.started = true;
    room.log.info({ peer: self.id }, 'game started');
    room.broadcast(LobbyMessage.Started, {});
    await room.publishMetadata();
  });

  return (client, type, payload) => {
    const verdict = room.gate.admit(client.sessionId, room.now());
    if (verdict === 'notify') {
      room.log.warn({ session: client.sessionId, dropped: room.gate.dropped }, 'rate limited');
      client.send(LobbyMessage.Error, { code: LobbyErrorCode.RateLimited, message: 'too many messages: slow down' });
    }
    if (verdict !== 'pass') return;
    const rule = rules.get(type);
    if (rule) rule(client, payload, room.memberOf(client));
    else room.refuse(client, LobbyErrorCode.UnknownType, `unknown message type ${JSON.stringify(type)}`);
  };
}

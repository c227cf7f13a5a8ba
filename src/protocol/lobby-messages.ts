import { isBoundedString, isIntInRange, isRecord, parseList, sanitizeDisplayName } from './guards.js';
import { isKeyTag } from './key-tag.js';
import { parseGameInfo, parseOrder, parsePlayerKey, type GameInfo } from './lobby-game.js';
import { isPeerId, parsePeerId } from './peer-id.js';
import { fail, ok, type Result } from '../util/result.js';

/**
 * Messages between a browser and the lobby. The lobby only does matchmaking and signaling: it
 * relays `signal` payloads as opaque strings and never sees game state.
 */
export const LobbyMessage = {
  /** client → lobby: relay `data` to member `to`. lobby → client: `data` from member `from`. */
  Signal: 'signal',
  /** lobby → client, once after joining: who you are, who is here, who hosts. */
  Welcome: 'welcome',
  MemberJoined: 'member-joined',
  MemberLeft: 'member-left',
  /** client (host) → lobby: `{ id }` removes that member and keeps its browser out of this game. */
  Kick: 'kick',
  /** client (host) → lobby: `{ locked }` closes or reopens the game to new players. */
  Lock: 'lock',
  /** client → lobby: `{ hostId }` the match elected a new host (see SPEC.md for who may say so). */
  HostMigrated: 'host-migrated',
  /** lobby → client: `{ hostId }` the host flag moved (`null`: vacant, its holder went away). */
  HostChanged: 'host-changed',
  /** lobby → client: `{ locked }` the game was locked or reopened. */
  Locked: 'locked',
  /** lobby → client: you were removed by the host; the lobby closes the connection next. */
  Kicked: 'kicked',
  /** client → lobby: `{ ready }` this player is (not) ready to start. */
  Ready: 'ready',
  /** lobby → client: `{ id, ready }` a player's ready flag changed (to everyone, the sender too). */
  ReadyChanged: 'ready-changed',
  /** client (host) → lobby: `{}` the game starts; the lobby lists it as playing. */
  Start: 'start',
  /** lobby → client: `{}` the host started the game (once). */
  Started: 'started',
  /** lobby → client: a request was refused; the connection stays usable. */
  Error: 'lobby-error',
} as const;

export const LobbyErrorCode = {
  BadMessage: 'bad-message',
  UnknownType: 'unknown-type',
  NotInRoom: 'not-in-room',
  TooLarge: 'too-large',
  /** The client sent more than its token bucket allows; the message was dropped. */
  RateLimited: 'rate-limited',
  /** Only the host may kick, lock and start. */
  NotHost: 'not-host',
  /** Spectators have no ready flag. */
  NotPlayer: 'not-player',
  /** A host migration that names a non-member, or that neither the old nor the new host reports. */
  BadMigration: 'bad-migration',
} as const;
export type LobbyErrorCode = (typeof LobbyErrorCode)[keyof typeof LobbyErrorCode];

/** The room type name registered on the lobby server. */
export const MATCH_ROOM = 'match';
export const MAX_DISPLAY_NAME = 24;
export const DEFAULT_DISPLAY_NAME = 'Player';
/** An SDP offer with many candidates is a few KiB; 16 KiB leaves room and bounds abuse. */
export const MAX_SIGNAL_BYTES = 16 * 1024;

/** A member as every member sees it. `id` is the member's own peer id (see peer-id.ts). */
export interface MemberInfo {
  readonly id: string;
  readonly name: string;
  /** Watches only: no player, no inputs, never the host; does not count toward maxPlayers. */
  readonly spectator: boolean;
  /** The player said it is ready to start (always false for spectators). */
  readonly ready: boolean;
  /**
   * The lobby's tag of the member's browser key (key-tag.ts): the same peer id with another tag
   * after a lobby restart is another browser claiming to be that peer.
   */
  readonly keyTag: string;
}

/** ICE server entry as RTCPeerConnection takes it; validated when read from configuration. */
export interface IceServerConfig {
  readonly urls: string | readonly string[];
  readonly username?: string;
  readonly credential?: string;
}

export interface WelcomePayload {
  /** Our own peer id, as we asked for it. */
  readonly self: string;
  readonly code: string;
  /** Who holds the host flag; `null` while it is vacant (its holder went away or left). */
  readonly hostId: string | null;
  /** The others who are connected now, in the order they entered the room. */
  readonly members: readonly MemberInfo[];
  /**
   * Every member's id (ourselves and members away included) in the order they first entered the
   * game: the host election's ranking, the same on every peer (a peer back from a reload keeps
   * its place). See `JoinOrder`.
   */
  readonly order: readonly string[];
  readonly iceServers: readonly IceServerConfig[];
  /**
   * The UDP port of the lobby's own STUN server (at the host name we reach the lobby by), or null
   * when it runs none: a client adds it to `iceServers` (LobbySession.iceServers).
   */
  readonly stunPort: number | null;
  /**
   * A second port of the same STUN server (null: none): a page compares the public address its NAT
   * shows each port, to tell in advance whether it will need a relay (src/net/nat-probe.ts).
   */
  readonly stunProbePort: number | null;
  readonly game: GameInfo;
  /** The host has started the game (a late joiner enters a running game). */
  readonly started: boolean;
  /** We joined as a spectator. */
  readonly spectator: boolean;
  /** Our own ready flag as the lobby holds it (kept across a reconnection). */
  readonly ready: boolean;
  /** Our own key tag (see `MemberInfo.keyTag`): we vouch for it if we re-create the room. */
  readonly keyTag: string;
  /** Our name as the others see it: cleaned by the lobby, `Player N` (unique in the game) if we gave none. */
  readonly name: string;
}

export interface SignalRequest {
  readonly to: string;
  readonly data: string;
}

export interface SignalDelivery {
  readonly from: string;
  readonly data: string;
}

export interface LobbyErrorPayload {
  readonly code: LobbyErrorCode;
  readonly message: string;
}

/** Options a client passes when creating or joining a room. */
export interface JoinOptions {
  /** Cleaned; `''` when the player gave none. */
  readonly name: string;
  readonly playerKey: string;
  /** The member id the client chose (random, kept for the seat it holds). */
  readonly peerId: string;
  /** Join to watch: no player slot, not counted toward maxPlayers. */
  readonly spectate: boolean;
}

/**
 * Reads join options from untrusted input: a missing, odd or blank name becomes `''` (the lobby
 * then names the member `Player N`, see MemberRoster.defaultName); a missing
 * or malformed player key or peer id is refused (without the key a kick could not keep a browser
 * out, without the id the peer could not come back as itself), and so is a `spectate` that is not
 * a boolean.
 */
export function parseJoinOptions(value: unknown): Result<JoinOptions> {
  if (!isRecord(value)) return fail('join options must be an object');
  const playerKey = parsePlayerKey(value['playerKey']);
  if (!playerKey.ok) return playerKey;
  const peerId = parsePeerId(value['peerId']);
  if (!peerId.ok) return peerId;
  const spectate = value['spectate'] ?? false;
  if (typeof spectate !== 'boolean') return fail('spectate must be true or false');
  const name = sanitizeDisplayName(value['name'], MAX_DISPLAY_NAME, '');
  return ok({ name, playerKey: playerKey.value, peerId: peerId.value, spectate });
}

/** Validates a client's signal request (runs on the lobby). */
export function parseSignalRequest(value: unknown): Result<SignalRequest> {
  if (!isRecord(value)) return fail('signal must be an object');
  const { to, data } = value;
  if (!isPeerId(to)) return fail('signal.to must be a peer id');
  if (typeof data !== 'string') return fail('signal.data must be a string');
  if (data.length > MAX_SIGNAL_BYTES) return fail(`signal.data is larger than ${MAX_SIGNAL_BYTES} bytes`);
  return ok({ to, data });
}

/** Validates a relayed signal (runs in the browser: the lobby is trusted less than nothing). */
export function parseSignalDelivery(value: unknown): Result<SignalDelivery> {
  if (!isRecord(value)) return fail('signal must be an object');
  const { from, data } = value;
  if (!isPeerId(from)) return fail('signal.from must be a peer id');
  if (!isBoundedString(data, MAX_SIGNAL_BYTES)) return fail('signal.data must be a bounded string');
  return ok({ from, data });
}

function parseMember(value: unknown): Result<MemberInfo> {
  if (!isRecord(value)) return fail('member must be an object');
  const { id, name, spectator, ready, keyTag } = value;
  if (!isPeerId(id)) return fail('member.id must be a peer id');
  if (typeof spectator !== 'boolean' || typeof ready !== 'boolean') return fail('member needs spectator and ready flags');
  if (!isKeyTag(keyTag)) return fail('member.keyTag must be a key tag');
  return ok({ id, name: sanitizeDisplayName(name, MAX_DISPLAY_NAME, DEFAULT_DISPLAY_NAME), spectator, ready, keyTag });
}

/** Reads a `{ id }` naming a member (kick, member-left): the id must look like a peer id. */
export function parseMemberRef(value: unknown, what: string): Result<{ id: string }> {
  if (!isRecord(value) || !isPeerId(value['id'])) return fail(`${what} needs an id`);
  return ok({ id: value['id'] });
}

/** Reads `{ hostId }` (host-migrated from a client). */
export function parseHostRef(value: unknown): Result<{ hostId: string }> {
  if (!isRecord(value) || !isPeerId(value['hostId'])) return fail('needs a hostId');
  return ok({ hostId: value['hostId'] });
}

/** Reads `{ hostId }` from the lobby's host-changed: a peer id, or `null` for a vacant flag. */
export function parseHostChange(value: unknown): Result<{ hostId: string | null }> {
  if (isRecord(value) && value['hostId'] === null) return ok({ hostId: null });
  return parseHostRef(value);
}

/** Reads `{ locked }` (lock from the host, locked from the lobby). */
export function parseLockState(value: unknown): Result<{ locked: boolean }> {
  if (!isRecord(value) || typeof value['locked'] !== 'boolean') return fail('needs locked: true or false');
  return ok({ locked: value['locked'] });
}

/** A member is gone from the room (away, its seat held, or for good), with the join order as it stands now. */
export interface MemberLeft {
  readonly id: string;
  readonly order: readonly string[];
  /** The host removed it: every peer drops its link to it at once. */
  readonly kicked: boolean;
}

/** A member entered (or came back), with the room's join order as it stands now. */
export interface MemberJoined extends MemberInfo {
  readonly order: readonly string[];
}

/** Reads a member-joined payload. */
export function parseMemberJoined(value: unknown): Result<MemberJoined> {
  const member = parseMember(value);
  if (!member.ok) return member;
  const order = parseOrder(isRecord(value) ? value['order'] : undefined);
  return order.ok ? ok({ ...member.value, order: order.value }) : order;
}

/** Reads a member-left payload. */
export function parseMemberLeft(value: unknown): Result<MemberLeft> {
  const ref = parseMemberRef(value, 'member-left');
  if (!ref.ok) return ref;
  const fields = isRecord(value) ? value : {};
  const order = parseOrder(fields['order']);
  if (!order.ok) return order;
  const kicked = fields['kicked'] ?? false;
  if (typeof kicked !== 'boolean') return fail('member-left: kicked must be true or false');
  return ok({ id: ref.value.id, order: order.value, kicked });
}

/** Validates one ICE server entry, from configuration or from the lobby. */
export function parseIceServer(value: unknown): Result<IceServerConfig> {
  if (!isRecord(value)) return fail('ICE server must be an object');
  const { urls, username, credential } = value;
  const urlList = typeof urls === 'string' ? [urls] : urls;
  if (!Array.isArray(urlList) || urlList.length === 0) return fail('ICE server needs urls');
  for (const url of urlList) {
    if (typeof url !== 'string' || !/^(stun|stuns|turn|turns):/.test(url)) return fail(`bad ICE url ${String(url)}`);
  }
  if (username !== undefined && typeof username !== 'string') return fail('ICE username must be a string');
  if (credential !== undefined && typeof credential !== 'string') return fail('ICE credential must be a string');
  return ok({
    urls: urlList as string[],
    ...(username === undefined ? {} : { username }),
    ...(credential === undefined ? {} : { credential }),
  });
}

/** Reads a list of ICE servers; the first bad entry fails the whole list with its reason. */
export function parseIceServers(value: unknown): Result<IceServerConfig[]> {
  return parseList(value, parseIceServer, 'ICE servers');
}

/** Reads the welcome payload the lobby sends right after a join. */
export function parseWelcome(value: unknown): Result<WelcomePayload> {
  if (!isRecord(value)) return fail('welcome must be an object');
  const { self, code, hostId, members, order, iceServers, stunPort, stunProbePort, game, started, spectator, ready, keyTag, name } = value;
  if (!isPeerId(self) || !(hostId === null || isPeerId(hostId))) return fail('welcome needs self and hostId');
  if (!isKeyTag(keyTag)) return fail('welcome.keyTag must be a key tag');
  if (typeof started !== 'boolean' || typeof spectator !== 'boolean' || typeof ready !== 'boolean') {
    return fail('welcome needs started, spectator and ready flags');
  }
  if (!isBoundedString(code, 64)) return fail('welcome needs a code');
  const memberList = parseList(members, parseMember, 'welcome.members');
  if (!memberList.ok) return memberList;
  const joinOrder = parseOrder(order);
  if (!joinOrder.ok) return joinOrder;
  if (!joinOrder.value.includes(self)) return fail('welcome.order must include self');
  const ice = parseIceServers(iceServers);
  if (!ice.ok) return ice;
  if (!(stunPort === null || isIntInRange(stunPort, 1, 65_535))) return fail('welcome.stunPort must be a port number or null');
  if (!(stunProbePort === null || isIntInRange(stunProbePort, 1, 65_535))) return fail('welcome.stunProbePort must be a port number or null');
  const gameInfo = parseGameInfo(game);
  if (!gameInfo.ok) return gameInfo;
  return ok({ self, code, hostId, members: memberList.value, order: joinOrder.value, iceServers: ice.value, stunPort, stunProbePort, game: gameInfo.value, started, spectator, ready, keyTag, name: sanitizeDisplayName(name, MAX_DISPLAY_NAME, DEFAULT_DISPLAY_NAME) });
}

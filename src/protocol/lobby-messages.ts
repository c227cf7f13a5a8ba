import * as v from 'valibot';
import { gameInfoSchema, orderSchema, playerKeySchema } from './lobby-game.js';
import { displayNameSchema, flagSchema, intSchema, keyTagSchema, listSchema, parseWith, peerIdSchema, record, textSchema } from './wire-schema.js';
import type { Result } from '../util/result.js';

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
const memberEntries = {
  id: peerIdSchema,
  name: displayNameSchema(MAX_DISPLAY_NAME, DEFAULT_DISPLAY_NAME),
  /** Watches only: no player, no inputs, never the host; does not count toward maxPlayers. */
  spectator: flagSchema,
  /** The player said it is ready to start (always false for spectators). */
  ready: flagSchema,
  /**
   * The lobby's tag of the member's browser key (key-tag.ts): the same peer id with another tag
   * after a lobby restart is another browser claiming to be that peer.
   */
  keyTag: keyTagSchema,
};
const memberSchema = record(memberEntries);
export type MemberInfo = v.InferOutput<typeof memberSchema>;

/** The most ICE servers a list may name (configuration or welcome). */
const MAX_ICE_SERVERS = 16;
const iceUrlSchema = v.pipe(v.string('must be a stun:, stuns:, turn: or turns: URL'), v.regex(/^(stun|stuns|turn|turns):/, 'must be a stun:, stuns:, turn: or turns: URL'), v.maxLength(1_024, 'must be a shorter URL'));

/** ICE server entry as RTCPeerConnection takes it; validated when read from configuration. */
const iceServerSchema = record({
  urls: v.union([iceUrlSchema, v.pipe(listSchema(iceUrlSchema, MAX_ICE_SERVERS), v.minLength(1, 'must name at least one URL'))], 'must be a stun:, stuns:, turn: or turns: URL, or a list of them'),
  username: v.exactOptional(textSchema(1_024)),
  credential: v.exactOptional(textSchema(1_024)),
});
export type IceServerConfig = v.InferOutput<typeof iceServerSchema>;
const iceServersSchema = listSchema(iceServerSchema, MAX_ICE_SERVERS);

/** A UDP port of the lobby's STUN server, or null when it runs none. */
const stunPortSchema = v.nullable(intSchema(1, 65_535));

const welcomeSchema = v.pipe(
  record({
    /** Our own peer id, as we asked for it. */
    self: peerIdSchema,
    code: textSchema(64),
    /** Who holds the host flag; `null` while it is vacant (its holder went away or left). */
    hostId: v.nullable(peerIdSchema),
    /** The others who are connected now, in the order they entered the room. */
    members: listSchema(memberSchema, 64),
    /**
     * Every member's id (ourselves and members away included) in the order they first entered the
     * game: the host election's ranking, the same on every peer (a peer back from a reload keeps
     * its place). See `JoinOrder`.
     */
    order: orderSchema,
    iceServers: iceServersSchema,
    /**
     * The UDP port of the lobby's own STUN server (at the host name we reach the lobby by), or null
     * when it runs none: a client adds it to `iceServers` (LobbySession.iceServers).
     */
    stunPort: stunPortSchema,
    /**
     * A second port of the same STUN server (null: none): a page compares the public address its NAT
     * shows each port, to tell in advance whether it will need a relay (src/net/nat-probe.ts).
     */
    stunProbePort: stunPortSchema,
    game: gameInfoSchema,
    /** The host has started the game (a late joiner enters a running game). */
    started: flagSchema,
    /** We joined as a spectator. */
    spectator: flagSchema,
    /** Our own ready flag as the lobby holds it (kept across a reconnection). */
    ready: flagSchema,
    /** Our own key tag (see `MemberInfo.keyTag`): we vouch for it if we re-create the room. */
    keyTag: keyTagSchema,
    /** Our name as the others see it: cleaned by the lobby, `Player N` (unique in the game) if we gave none. */
    name: displayNameSchema(MAX_DISPLAY_NAME, DEFAULT_DISPLAY_NAME),
  }),
  v.check((welcome) => welcome.order.includes(welcome.self), 'must list self in its order'),
);
export type WelcomePayload = v.InferOutput<typeof welcomeSchema>;

const signalRequestSchema = record({ to: peerIdSchema, data: v.pipe(v.string('must be a string'), v.maxLength(MAX_SIGNAL_BYTES, `is larger than ${MAX_SIGNAL_BYTES} bytes`)) });
export type SignalRequest = v.InferOutput<typeof signalRequestSchema>;
const signalDeliverySchema = record({ from: peerIdSchema, data: textSchema(MAX_SIGNAL_BYTES) });
export type SignalDelivery = v.InferOutput<typeof signalDeliverySchema>;

export interface LobbyErrorPayload {
  readonly code: LobbyErrorCode;
  readonly message: string;
}

/**
 * Options a client passes when creating or joining a room. A missing, odd or blank name becomes
 * `''` (the lobby then names the member `Player N`, see MemberRoster.defaultName); a missing or
 * malformed player key or peer id is refused (without the key a kick could not keep a browser
 * out, without the id the peer could not come back as itself), and so is a `spectate` that is not
 * a boolean.
 */
const joinOptionsSchema = record({
  /** Cleaned; `''` when the player gave none. */
  name: displayNameSchema(MAX_DISPLAY_NAME, ''),
  playerKey: playerKeySchema,
  /** The member id the client chose (random, kept for the seat it holds). */
  peerId: peerIdSchema,
  /** Join to watch: no player slot, not counted toward maxPlayers. */
  spectate: v.optional(flagSchema, false),
});
export type JoinOptions = v.InferOutput<typeof joinOptionsSchema>;

/** Reads join options from untrusted input (runs on the lobby; see `joinOptionsSchema`). */
export function parseJoinOptions(value: unknown): Result<JoinOptions> {
  return parseWith(joinOptionsSchema, 'join options', value);
}

/** Validates a client's signal request (runs on the lobby). */
export function parseSignalRequest(value: unknown): Result<SignalRequest> {
  return parseWith(signalRequestSchema, 'signal', value);
}

/** Validates a relayed signal (runs in the browser: the lobby is trusted less than nothing). */
export function parseSignalDelivery(value: unknown): Result<SignalDelivery> {
  return parseWith(signalDeliverySchema, 'signal', value);
}

const memberRefSchema = record({ id: peerIdSchema });

/** Reads a `{ id }` naming a member (kick, member-left): the id must look like a peer id. */
export function parseMemberRef(value: unknown, what: string): Result<{ readonly id: string }> {
  return parseWith(memberRefSchema, what, value);
}

const hostRefSchema = record({ hostId: peerIdSchema });

/** Reads `{ hostId }` (host-migrated from a client). */
export function parseHostRef(value: unknown): Result<{ readonly hostId: string }> {
  return parseWith(hostRefSchema, 'host-migrated', value);
}

const hostChangeSchema = record({ hostId: v.nullable(peerIdSchema) });

/** Reads `{ hostId }` from the lobby's host-changed: a peer id, or `null` for a vacant flag. */
export function parseHostChange(value: unknown): Result<{ readonly hostId: string | null }> {
  return parseWith(hostChangeSchema, 'host-changed', value);
}

const lockStateSchema = record({ locked: flagSchema });

/** Reads `{ locked }` (lock from the host, locked from the lobby). */
export function parseLockState(value: unknown): Result<{ readonly locked: boolean }> {
  return parseWith(lockStateSchema, 'lock', value);
}

/** A member entered (or came back), with the room's join order as it stands now. */
const memberJoinedSchema = record({ ...memberEntries, order: orderSchema });
export type MemberJoined = v.InferOutput<typeof memberJoinedSchema>;

/** A member is gone from the room (away, its seat held, or for good), with the join order as it stands now. */
const memberLeftSchema = record({
  id: peerIdSchema,
  order: orderSchema,
  /** The host removed it: every peer drops its link to it at once. */
  kicked: v.optional(flagSchema, false),
});
export type MemberLeft = v.InferOutput<typeof memberLeftSchema>;

/** Reads a member-joined payload. */
export function parseMemberJoined(value: unknown): Result<MemberJoined> {
  return parseWith(memberJoinedSchema, 'member-joined', value);
}

/** Reads a member-left payload. */
export function parseMemberLeft(value: unknown): Result<MemberLeft> {
  return parseWith(memberLeftSchema, 'member-left', value);
}

/** Reads a list of ICE servers (configuration, or a welcome); the first bad entry fails the whole list with its reason. */
export function parseIceServers(value: unknown): Result<readonly IceServerConfig[]> {
  return parseWith(iceServersSchema, 'ICE servers', value);
}

/** Reads the welcome payload the lobby sends right after a join. */
export function parseWelcome(value: unknown): Result<WelcomePayload> {
  return parseWith(welcomeSchema, 'welcome', value);
}

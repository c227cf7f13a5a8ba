import { decodeValue, encodeValue } from './codec.js';
import { isBoundedString, isIntInRange, isRecord } from './guards.js';
import { fail, ok, type Result } from '../util/result.js';
import { MAX_EPOCH } from './epoch.js';
import { MAX_PLAYERS } from './player-count.js';
import { PROTOCOL_VERSION } from './version.js';

/**
 * Numeric type codes: the first element of every peer message array. Numbers, not strings,
 * because every byte counts on the unreliable channel. docs/SPEC.md describes each layout.
 */
export const PeerMessageType = {
  Hello: 1,
  Input: 2,
  Snapshot: 3,
  Roster: 4,
  Takeover: 5,
  Resume: 6,
  Yield: 7,
  Chat: 8,
  Follow: 9,
} as const;

/** Slots a roster can name: one per player a game can hold (player-count.ts). */
export const MAX_SLOTS = MAX_PLAYERS;
export const MAX_NAME_LENGTH = 24;
/** Longest peer id we accept: Colyseus session ids are 9 characters. */
export const MAX_PEER_ID_LENGTH = 64;
/** How many recent input samples one input packet carries, so single losses cost nothing. */
export const MAX_INPUT_REDUNDANCY = 8;
const MAX_TICK = 2 ** 31 - 1;
/** Largest snapshot body accepted; the encoder aims at one ~1.1 KiB packet. */
export const MAX_SNAPSHOT_BODY_BYTES = 16 * 1024;
/**
 * Longest chat text on the wire, in UTF-16 code units. The chat layer cleans the text and then
 * allows at most 200 characters; this looser bound only keeps the decoder from holding huge strings.
 */
export const MAX_CHAT_WIRE_LENGTH = 1024;

export interface HelloMessage {
  readonly type: typeof PeerMessageType.Hello;
  readonly protocolVersion: number;
  readonly name: string;
  /** The sender's game definition, fingerprinted (ReplicatedGame.fingerprint): peers must run the same one. */
  readonly game: string;
}

/** A game fingerprint: 8 hexadecimal digits. */
const GAME_FINGERPRINT = /^[0-9a-f]{8}$/;
/** The most fields a Hello of any protocol version may have and still be read. */
const MAX_HELLO_FIELDS = 8;

/** Largest input sample: a game packs its buttons and aim into 16 bits. */
export const MAX_INPUT_VALUE = 0xffff;

/**
 * Newest input first: `inputs[0]` belongs to `seq`, `inputs[1]` to `seq - 1`, and so on.
 * `viewTick` is the host tick the sender was drawing the others at (−1: none yet): the host
 * judges this player's shots against the world as it was then (lag compensation).
 */
export interface InputMessage {
  readonly type: typeof PeerMessageType.Input;
  readonly seq: number;
  readonly ackTick: number;
  readonly viewTick: number;
  readonly inputs: readonly number[];
}

/**
 * The world at `tick`, bit-packed by the replication codec as a delta against the snapshot of
 * `baselineTick` that this peer acknowledged (−1: a full snapshot). `inputAck` is the newest
 * input sequence number of this peer the host has applied (−1: none), for reconciliation.
 * `epoch` is the sender's host reign: peers ignore snapshots of an older reign.
 */
export interface SnapshotMessage {
  readonly type: typeof PeerMessageType.Snapshot;
  readonly tick: number;
  readonly baselineTick: number;
  readonly inputAck: number;
  readonly epoch: number;
  readonly body: Uint8Array;
}

/**
 * A host announces its reign `epoch` (reliable channel): to every link as it opens, to everyone
 * when it takes over (resuming from the world it held at `restoredTick`, −1 for a fresh game) and
 * when it renumbers its reign. Epochs are 16-bit serial numbers (src/session/epoch.ts).
 */
export interface TakeoverMessage {
  readonly type: typeof PeerMessageType.Takeover;
  readonly epoch: number;
  readonly restoredTick: number;
}

/**
 * A client's answer to a takeover: the newest of its inputs the previous host had applied at
 * `restoredTick`, so the new host neither repeats nor skips any (−1: none known).
 */
export interface ResumeMessage {
  readonly type: typeof PeerMessageType.Resume;
  readonly epoch: number;
  readonly inputAck: number;
}

export interface RosterEntry {
  readonly slot: number;
  readonly peerId: string;
  readonly name: string;
}

/**
 * A player who left within the rejoin grace period: its slot waits for it, and the entity it
 * comes back to (position, score…) travels with the roster, so a successor host keeps it too.
 */
export interface DepartedEntry {
  readonly slot: number;
  readonly peerId: string;
  readonly entity: Readonly<Record<string, number>>;
}

/** Most fields an entity of a departed player may carry on the wire. */
export const MAX_ENTITY_FIELDS = 32;

export interface RosterMessage {
  readonly type: typeof PeerMessageType.Roster;
  readonly players: readonly RosterEntry[];
  readonly departed: readonly DepartedEntry[];
}

/**
 * The host of reign `epoch` steps down (its tab was hidden, so its loop will be throttled):
 * everyone elects a successor among the other peers, as if the host had left (reliable).
 */
export interface YieldMessage {
  readonly type: typeof PeerMessageType.Yield;
  readonly epoch: number;
}

/**
 * A line of text chat, sent by its author straight to every peer on the reliable channel (no
 * relay through the host, so chat keeps working while the host changes). The sender is the link
 * it arrived on; the receiver cleans and bounds the text (src/social/chat-text.ts).
 */
export interface ChatMessage {
  readonly type: typeof PeerMessageType.Chat;
  readonly text: string;
}

/**
 * Which reign the sender follows (or hosts, naming itself), told to every peer whenever it
 * changes and on every new link: a page that must choose among hosts it cannot check (after a
 * reload, with the lobby's flag vacant) trusts a claim that someone else follows.
 */
export interface FollowMessage {
  readonly type: typeof PeerMessageType.Follow;
  readonly hostId: string;
  readonly epoch: number;
}

export type PeerMessage =
  | HelloMessage
  | InputMessage
  | SnapshotMessage
  | RosterMessage
  | TakeoverMessage
  | ResumeMessage
  | YieldMessage
  | ChatMessage
  | FollowMessage;

/** Flattens a message into the positional array that goes on the wire. */
function toWire(message: PeerMessage): unknown[] {
  switch (message.type) {
    case PeerMessageType.Hello:
      return [message.type, message.protocolVersion, message.name, message.game];
    case PeerMessageType.Input:
      return [message.type, message.seq, message.ackTick, message.viewTick, ...message.inputs];
    case PeerMessageType.Snapshot:
      return [message.type, message.tick, message.baselineTick, message.inputAck, message.epoch, message.body];
    case PeerMessageType.Takeover:
      return [message.type, message.epoch, message.restoredTick];
    case PeerMessageType.Resume:
      return [message.type, message.epoch, message.inputAck];
    case PeerMessageType.Yield:
      return [message.type, message.epoch];
    case PeerMessageType.Chat:
      return [message.type, message.text];
    case PeerMessageType.Follow:
      return [message.type, message.hostId, message.epoch];
    case PeerMessageType.Roster:
      return [
        message.type,
        message.players.flatMap((p) => [p.slot, p.peerId, p.name]),
        message.departed.flatMap((d) => [d.slot, d.peerId, d.entity]),
      ];
  }
}

/** Encodes a peer message for either data channel. */
export function encodePeerMessage(message: PeerMessage): Uint8Array {
  return encodeValue(toWire(message));
}

function parseHello(fields: readonly unknown[]): Result<HelloMessage> {
  const [version, name, game] = fields;
  // Version and name lead every Hello there ever was or will be: a peer on another protocol is
  // read far enough to be told which one we speak, whatever else its Hello carries.
  if (fields.length < 2 || fields.length > MAX_HELLO_FIELDS) return fail('hello: bad field count');
  if (!isIntInRange(version, 0, 65_535)) return fail('hello: bad protocol version');
  if (!isBoundedString(name, MAX_NAME_LENGTH * 4)) return fail('hello: bad name');
  if (version === PROTOCOL_VERSION && (typeof game !== 'string' || !GAME_FINGERPRINT.test(game))) return fail('hello: bad game fingerprint');
  return ok({ type: PeerMessageType.Hello, protocolVersion: version, name, game: typeof game === 'string' && GAME_FINGERPRINT.test(game) ? game : '' });
}

function parseInput(fields: readonly unknown[]): Result<InputMessage> {
  const [seq, ackTick, viewTick, ...inputs] = fields;
  if (!isIntInRange(seq, 0, MAX_TICK)) return fail('input: bad seq');
  if (!isIntInRange(ackTick, -1, MAX_TICK)) return fail('input: bad ack tick');
  if (!isIntInRange(viewTick, -1, MAX_TICK)) return fail('input: bad view tick');
  if (inputs.length < 1 || inputs.length > MAX_INPUT_REDUNDANCY) return fail('input: bad sample count');
  const samples: number[] = [];
  for (const sample of inputs) {
    if (!isIntInRange(sample, 0, MAX_INPUT_VALUE)) return fail('input: bad sample');
    samples.push(sample);
  }
  return ok({ type: PeerMessageType.Input, seq, ackTick, viewTick, inputs: samples });
}

function parseSnapshot(fields: readonly unknown[]): Result<SnapshotMessage> {
  const [tick, baselineTick, inputAck, epoch, body] = fields;
  if (fields.length !== 5) return fail('snapshot: expected 5 fields');
  if (!isIntInRange(epoch, 0, MAX_EPOCH)) return fail('snapshot: bad epoch');
  if (!isIntInRange(tick, 0, MAX_TICK)) return fail('snapshot: bad tick');
  if (!isIntInRange(baselineTick, -1, MAX_TICK)) return fail('snapshot: bad baseline tick');
  if (!isIntInRange(inputAck, -1, MAX_TICK)) return fail('snapshot: bad input ack');
  if (!(body instanceof Uint8Array) || body.byteLength > MAX_SNAPSHOT_BODY_BYTES) return fail('snapshot: bad body');
  return ok({ type: PeerMessageType.Snapshot, tick, baselineTick, inputAck, epoch, body });
}

function parseTakeover(fields: readonly unknown[]): Result<TakeoverMessage> {
  const [epoch, restoredTick] = fields;
  if (fields.length !== 2) return fail('takeover: expected 2 fields');
  if (!isIntInRange(epoch, 0, MAX_EPOCH)) return fail('takeover: bad epoch');
  if (!isIntInRange(restoredTick, -1, MAX_TICK)) return fail('takeover: bad tick');
  return ok({ type: PeerMessageType.Takeover, epoch, restoredTick });
}

function parseResume(fields: readonly unknown[]): Result<ResumeMessage> {
  const [epoch, inputAck] = fields;
  if (fields.length !== 2) return fail('resume: expected 2 fields');
  if (!isIntInRange(epoch, 0, MAX_EPOCH)) return fail('resume: bad epoch');
  if (!isIntInRange(inputAck, -1, MAX_TICK)) return fail('resume: bad input ack');
  return ok({ type: PeerMessageType.Resume, epoch, inputAck });
}

function parseRoster(fields: readonly unknown[]): Result<RosterMessage> {
  const [playerFields, departedFields] = fields;
  if (fields.length !== 2 || !Array.isArray(playerFields) || !Array.isArray(departedFields)) return fail('roster: expected players and departed lists');
  const list = playerFields as unknown[];
  if (list.length % 3 !== 0 || list.length / 3 > MAX_SLOTS) return fail('roster: bad entry list');
  const players: RosterEntry[] = [];
  for (let i = 0; i < list.length; i += 3) {
    const [slot, peerId, name] = [list[i], list[i + 1], list[i + 2]];
    if (!isIntInRange(slot, 0, MAX_SLOTS - 1)) return fail('roster: bad slot');
    if (!isBoundedString(peerId, MAX_PEER_ID_LENGTH)) return fail('roster: bad peer id');
    if (!isBoundedString(name, MAX_NAME_LENGTH * 4)) return fail('roster: bad name');
    players.push({ slot, peerId, name });
  }
  const departed = parseDeparted(departedFields as unknown[]);
  return departed.ok ? ok({ type: PeerMessageType.Roster, players, departed: departed.value }) : departed;
}

function parseDeparted(list: readonly unknown[]): Result<DepartedEntry[]> {
  if (list.length % 3 !== 0 || list.length / 3 > MAX_SLOTS) return fail('roster: bad departed list');
  const departed: DepartedEntry[] = [];
  for (let i = 0; i < list.length; i += 3) {
    const [slot, peerId, entity] = [list[i], list[i + 1], list[i + 2]];
    if (!isIntInRange(slot, 0, MAX_SLOTS - 1)) return fail('roster: bad departed slot');
    if (!isBoundedString(peerId, MAX_PEER_ID_LENGTH)) return fail('roster: bad departed peer id');
    const fields = parseEntityFields(entity);
    if (!fields.ok) return fields;
    departed.push({ slot, peerId, entity: fields.value });
  }
  return ok(departed);
}

/** An entity as plain numbers by field name (at most MAX_ENTITY_FIELDS, finite values, short names). */
function parseEntityFields(value: unknown): Result<Record<string, number>> {
  if (!isRecord(value)) return fail('roster: departed entity must be a map');
  const entries = Object.entries(value);
  if (entries.length > MAX_ENTITY_FIELDS) return fail('roster: departed entity has too many fields');
  const fields: Record<string, number> = {};
  for (const [name, field] of entries) {
    if (name.length > 32 || typeof field !== 'number' || !Number.isFinite(field)) return fail('roster: bad departed entity field');
    fields[name] = field;
  }
  return ok(fields);
}

/**
 * Parses one data-channel message. Everything a peer sends is untrusted: any failure is a
 * value the caller counts and drops.
 */
export function decodePeerMessage(bytes: Uint8Array): Result<PeerMessage> {
  const decoded = decodeValue(bytes);
  if (!decoded.ok) return decoded;
  const value = decoded.value;
  if (!Array.isArray(value) || value.length === 0) return fail('peer message must be a non-empty array');
  const [type, ...fields] = value as unknown[];
  switch (type) {
    case PeerMessageType.Hello:
      return parseHello(fields);
    case PeerMessageType.Input:
      return parseInput(fields);
    case PeerMessageType.Snapshot:
      return parseSnapshot(fields);
    case PeerMessageType.Roster:
      return parseRoster(fields);
    case PeerMessageType.Takeover:
      return parseTakeover(fields);
    case PeerMessageType.Resume:
      return parseResume(fields);
    case PeerMessageType.Yield:
      if (fields.length !== 1 || !isIntInRange(fields[0], 0, MAX_EPOCH)) return fail('yield: bad epoch');
      return ok({ type: PeerMessageType.Yield, epoch: fields[0] });
    case PeerMessageType.Chat:
      if (fields.length !== 1 || !isBoundedString(fields[0], MAX_CHAT_WIRE_LENGTH)) return fail('chat: bad text');
      return ok({ type: PeerMessageType.Chat, text: fields[0] });
    case PeerMessageType.Follow: {
      const [hostId, epoch] = fields;
      if (fields.length !== 2 || !isBoundedString(hostId, MAX_PEER_ID_LENGTH) || !isIntInRange(epoch, 0, MAX_EPOCH)) return fail('follow: bad reign');
      return ok({ type: PeerMessageType.Follow, hostId, epoch });
    }
    default:
      return fail(`unknown peer message type ${String(type)}`);
  }
}

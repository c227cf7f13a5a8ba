import { decodeValue, encodeValue } from '../protocol/codec.js';
import { isBoundedString, isIntInRange } from '../protocol/guards.js';
import { fail, ok, type Result } from '../util/result.js';

/**
 * Messages the link layer exchanges with its twin on the other side, framed like peer messages
 * (one MessagePack array, numeric type first) but with type codes 16–31, a range session
 * messages never use. The session layer never sees them: MonitoredLink consumes them.
 */
export const LinkMessageType = {
  Ping: 16,
  Pong: 17,
  Bye: 18,
} as const;

const FIRST_LINK_TYPE = 16;
const LAST_LINK_TYPE = 31;
/** Ping sequence numbers wrap at 2³²; the sender only matches recent ones. */
export const MAX_PING_SEQ = 0xffff_ffff;
/** Bye reasons are for logs and people; longer ones are cut by the sender, refused by the receiver. */
export const MAX_BYE_REASON_LENGTH = 128;

/** Asks the remote to answer at once, on the unreliable channel: it measures RTT and loss. */
export interface PingMessage {
  readonly type: typeof LinkMessageType.Ping;
  readonly seq: number;
}

/** The answer to a ping, echoing its sequence number. */
export interface PongMessage {
  readonly type: typeof LinkMessageType.Pong;
  readonly seq: number;
}

/** A clean goodbye on the reliable channel, so the remote knows at once instead of after a timeout. */
export interface ByeMessage {
  readonly type: typeof LinkMessageType.Bye;
  readonly reason: string;
}

/** Every link-layer message; parsed once, at the link, into this union. */
export type LinkMessage = PingMessage | PongMessage | ByeMessage;

/** Encodes a link message. */
export function encodeLinkMessage(message: LinkMessage): Uint8Array {
  return encodeValue(message.type === LinkMessageType.Bye ? [message.type, message.reason] : [message.type, message.seq]);
}

/**
 * True when the bytes belong to the link layer. It peeks at two bytes instead of decoding: a
 * fixarray header (0x91–0x9f) followed by a positive fixint type in 16–31. Session messages
 * start with types 1–15, or with a larger array header, so they never match and are decoded
 * only once, by the session.
 */
export function isLinkFrame(bytes: Uint8Array): boolean {
  const header = bytes[0] ?? 0;
  const type = bytes[1] ?? 0;
  return header >= 0x91 && header <= 0x9f && type >= FIRST_LINK_TYPE && type <= LAST_LINK_TYPE;
}

/** Parses a link frame; anything malformed is a failure the link counts and drops. */
export function decodeLinkMessage(bytes: Uint8Array): Result<LinkMessage> {
  const decoded = decodeValue(bytes);
  if (!decoded.ok) return decoded;
  const value = decoded.value;
  if (!Array.isArray(value) || value.length !== 2) return fail('link message must be a 2-element array');
  const [type, field] = value as unknown[];
  switch (type) {
    case LinkMessageType.Ping:
    case LinkMessageType.Pong:
      return isIntInRange(field, 0, MAX_PING_SEQ) ? ok({ type, seq: field }) : fail('ping/pong: bad seq');
    case LinkMessageType.Bye:
      return isBoundedString(field, MAX_BYE_REASON_LENGTH) ? ok({ type, reason: field }) : fail('bye: bad reason');
    default:
      return fail(`unknown link message type ${String(type)}`);
  }
}

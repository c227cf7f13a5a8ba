import { isIPv4, isIPv6 } from 'node:net';
import { crc32 } from 'node:zlib';
import { ipv6Hextets } from '../limits/address-key.js';

/*
 * The part of STUN (RFC 8489) a public STUN server needs: read a Binding request, answer with the
 * address it came from (XOR-MAPPED-ADDRESS), or with an error. Browsers send one to learn their
 * address as the internet sees it (a "server-reflexive" ICE candidate), which is all two players
 * behind ordinary home NATs need to reach each other.
 */

const HEADER_BYTES = 20;
const MAGIC_COOKIE = 0x2112a442;
const BINDING = 0x0001;
/** Message classes, as the C1/C0 bits of the type field. */
const CLASS_REQUEST = 0x0000;
const CLASS_SUCCESS = 0x0100;
const CLASS_ERROR = 0x0110;
const CLASS_MASK = 0x0110;

const ATTR_XOR_MAPPED_ADDRESS = 0x0020;
const ATTR_ERROR_CODE = 0x0009;
const ATTR_UNKNOWN_ATTRIBUTES = 0x000a;
const ATTR_FINGERPRINT = 0x8028;
const FINGERPRINT_XOR = 0x5354554e;
/**
 * Comprehension-required attributes (below 0x8000) a Binding request to this server may carry and
 * that need no action here: ICE's own checks (USERNAME, MESSAGE-INTEGRITY(-SHA256), PRIORITY,
 * USE-CANDIDATE) when a client sends one to us by mistake. Any other is answered with 420.
 */
const UNDERSTOOD_REQUIRED = new Set([0x0006, 0x0008, 0x001c, 0x0024, 0x0025]);

/** A datagram that is a STUN request: its method, transaction id and attribute types. */
export interface StunRequest {
  readonly method: number;
  readonly transactionId: Uint8Array;
  readonly attributeTypes: readonly number[];
}

/** Why a datagram is not a request this server reads (counted, never answered). */
export type NotARequest = 'not stun' | 'bad length' | 'bad attribute' | 'bad fingerprint' | 'not a request';

/** Reads one datagram; anything but a well-formed STUN request is `NotARequest`. */
export function readStunRequest(datagram: Uint8Array): StunRequest | NotARequest {
  if (datagram.length < HEADER_BYTES) return 'not stun';
  const view = new DataView(datagram.buffer, datagram.byteOffset, datagram.byteLength);
  const type = view.getUint16(0);
  const length = view.getUint16(2);
  // The two top bits of every STUN message are zero; the cookie tells STUN from other protocols.
  if ((type & 0xc000) !== 0 || view.getUint32(4) !== MAGIC_COOKIE) return 'not stun';
  if (length % 4 !== 0 || HEADER_BYTES + length !== datagram.length) return 'bad length';
  const attributeTypes: number[] = [];
  for (let offset = HEADER_BYTES; offset < datagram.length; ) {
    if (offset + 4 > datagram.length) return 'bad attribute';
    const attributeType = view.getUint16(offset);
    const valueLength = view.getUint16(offset + 2);
    const next = offset + 4 + Math.ceil(valueLength / 4) * 4;
    if (next > datagram.length) return 'bad attribute';
    if (attributeType === ATTR_FINGERPRINT) {
      // FINGERPRINT is last and covers everything before it.
      if (valueLength !== 4 || next !== datagram.length) return 'bad fingerprint';
      if (view.getUint32(offset + 4) !== fingerprintOf(datagram.subarray(0, offset))) return 'bad fingerprint';
    }
    attributeTypes.push(attributeType);
    offset = next;
  }
  if ((type & CLASS_MASK) !== CLASS_REQUEST) return 'not a request';
  return { method: methodOf(type), transactionId: datagram.slice(8, HEADER_BYTES), attributeTypes };
}

/** The answer to a request (`from` is the address and port it came from), or an error for one we cannot serve. */
export function answerStunRequest(request: StunRequest, from: { readonly address: string; readonly port: number }): Uint8Array {
  if (request.method !== BINDING) return errorResponse(request, 400, 'Bad Request', []);
  const unknown = request.attributeTypes.filter((type) => type < 0x8000 && !UNDERSTOOD_REQUIRED.has(type));
  if (unknown.length > 0) return errorResponse(request, 420, 'Unknown Attribute', [...new Set(unknown)]);
  return encode(BINDING | CLASS_SUCCESS, request.transactionId, [xorMappedAddress(from, request.transactionId)]);
}

/** Builds a Binding request (for tests and the client-side NAT probe). */
export function bindingRequest(transactionId: Uint8Array): Uint8Array {
  return encode(BINDING | CLASS_REQUEST, transactionId, []);
}

/** Reads the XOR-MAPPED-ADDRESS of a Binding success response; undefined for anything else. */
export function readMappedAddress(datagram: Uint8Array): { readonly address: string; readonly port: number } | undefined {
  if (datagram.length < HEADER_BYTES) return undefined;
  const view = new DataView(datagram.buffer, datagram.byteOffset, datagram.byteLength);
  if (view.getUint16(0) !== (BINDING | CLASS_SUCCESS) || view.getUint32(4) !== MAGIC_COOKIE) return undefined;
  const transactionId = datagram.subarray(8, HEADER_BYTES);
  for (let offset = HEADER_BYTES; offset + 4 <= datagram.length; ) {
    const type = view.getUint16(offset);
    const length = view.getUint16(offset + 2);
    if (type === ATTR_XOR_MAPPED_ADDRESS && offset + 4 + length <= datagram.length) return unXor(datagram.subarray(offset + 4, offset + 4 + length), transactionId);
    offset += 4 + Math.ceil(length / 4) * 4;
  }
  return undefined;
}

function methodOf(type: number): number {
  // The method's 12 bits are split around the two class bits (RFC 8489, section 5).
  return (type & 0x000f) | ((type & 0x00e0) >> 1) | ((type & 0x3e00) >> 2);
}

interface Attribute {
  readonly type: number;
  readonly value: Uint8Array;
}

function encode(type: number, transactionId: Uint8Array, attributes: readonly Attribute[]): Uint8Array {
  const body = attributes.reduce((sum, { value }) => sum + 4 + Math.ceil(value.length / 4) * 4, 0);
  const fingerprinted = HEADER_BYTES + body + 8;
  const bytes = new Uint8Array(fingerprinted);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, type);
  view.setUint16(2, fingerprinted - HEADER_BYTES);
  view.setUint32(4, MAGIC_COOKIE);
  bytes.set(transactionId, 8);
  let offset = HEADER_BYTES;
  for (const { type: attributeType, value } of attributes) {
    view.setUint16(offset, attributeType);
    view.setUint16(offset + 2, value.length);
    bytes.set(value, offset + 4);
    offset += 4 + Math.ceil(value.length / 4) * 4;
  }
  view.setUint16(offset, ATTR_FINGERPRINT);
  view.setUint16(offset + 2, 4);
  view.setUint32(offset + 4, fingerprintOf(bytes.subarray(0, offset)));
  return bytes;
}

function fingerprintOf(bytes: Uint8Array): number {
  return (crc32(bytes) ^ FINGERPRINT_XOR) >>> 0;
}

function errorResponse(request: StunRequest, code: number, reason: string, unknown: readonly number[]): Uint8Array {
  const reasonBytes = new TextEncoder().encode(reason);
  const errorCode = new Uint8Array(4 + reasonBytes.length);
  errorCode[2] = Math.floor(code / 100);
  errorCode[3] = code % 100;
  errorCode.set(reasonBytes, 4);
  const attributes: Attribute[] = [{ type: ATTR_ERROR_CODE, value: errorCode }];
  if (unknown.length > 0) {
    const list = new Uint8Array(unknown.length * 2);
    unknown.forEach((type, index) => new DataView(list.buffer).setUint16(index * 2, type));
    attributes.push({ type: ATTR_UNKNOWN_ATTRIBUTES, value: list });
  }
  return encode(request.method | CLASS_ERROR, request.transactionId, attributes);
}

/** XOR-MAPPED-ADDRESS: the port and address XORed with the cookie (and, for IPv6, the transaction id). */
function xorMappedAddress(from: { readonly address: string; readonly port: number }, transactionId: Uint8Array): Attribute {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(from.address)?.[1] ?? from.address;
  const address = addressBytes(mapped);
  const value = new Uint8Array(4 + address.length);
  const view = new DataView(value.buffer);
  value[1] = address.length === 4 ? 0x01 : 0x02;
  view.setUint16(2, from.port ^ (MAGIC_COOKIE >>> 16));
  const mask = xorMask(transactionId);
  for (let i = 0; i < address.length; i += 1) value[4 + i] = (address[i] ?? 0) ^ (mask[i] ?? 0);
  return { type: ATTR_XOR_MAPPED_ADDRESS, value };
}

function unXor(value: Uint8Array, transactionId: Uint8Array): { readonly address: string; readonly port: number } | undefined {
  if (value.length !== 8 && value.length !== 20) return undefined;
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
  const port = view.getUint16(2) ^ (MAGIC_COOKIE >>> 16);
  const mask = xorMask(transactionId);
  const bytes = value.subarray(4).map((byte, i) => byte ^ (mask[i] ?? 0));
  if (bytes.length === 4) return { address: bytes.join('.'), port };
  const hextets: string[] = [];
  for (let i = 0; i < 16; i += 2) hextets.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  return { address: hextets.join(':'), port };
}

/** The cookie followed by the transaction id: what an address is XORed with. */
function xorMask(transactionId: Uint8Array): Uint8Array {
  const mask = new Uint8Array(16);
  new DataView(mask.buffer).setUint32(0, MAGIC_COOKIE);
  mask.set(transactionId, 4);
  return mask;
}

function addressBytes(address: string): Uint8Array {
  if (isIPv4(address)) return Uint8Array.from(address.split('.').map(Number));
  if (!isIPv6(address.split('%')[0] ?? '')) throw new Error(`not an IP address: ${address}`);
  const bytes = new Uint8Array(16);
  ipv6Hextets(address).forEach((hextet, i) => new DataView(bytes.buffer).setUint16(i * 2, hextet));
  return bytes;
}

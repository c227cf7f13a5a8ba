import { Packr } from 'msgpackr';
import { fail, ok, type Result } from '../util/result.js';

/**
 * The only place that touches msgpackr. Peer messages are small positional arrays, so plain
 * packing (no record structures) keeps every packet self-describing: a lost packet can never
 * leave the receiver without a structure definition it needs.
 */
const packr = new Packr({ useRecords: false, mapsAsObjects: true, int64AsType: 'number' });

/** Serializes a value into a fresh byte array. */
export function encodeValue(value: unknown): Uint8Array {
  return packr.pack(value);
}

/** Parses bytes from the network; malformed input becomes a failure, never an exception. */
export function decodeValue(bytes: Uint8Array): Result<unknown> {
  try {
    return ok(packr.unpack(bytes));
  } catch (error: unknown) {
    return fail(`not valid MessagePack: ${error instanceof Error ? error.message : String(error)}`);
  }
}

import { flagSchema, parseWith, peerIdSchema, record } from './wire-schema.js';
import type { Result } from '../util/result.js';

/**
 * The waiting room's messages: players say they are ready, the host starts. The lobby only
 * records and relays these flags (and lists a started game as playing); it never starts anything
 * itself, and a started game stays joinable unless the host locks it.
 */

const readyRequestSchema = record({ ready: flagSchema });
const readyChangedSchema = record({ id: peerIdSchema, ready: flagSchema });
const emptySchema = record({});

/** `ready` from a player: `{ ready: boolean }`. */
export function parseReadyRequest(value: unknown): Result<{ readonly ready: boolean }> {
  return parseWith(readyRequestSchema, 'ready', value);
}

/** `ready-changed` from the lobby: `{ id, ready }`. */
export function parseReadyChanged(value: unknown): Result<{ readonly id: string; readonly ready: boolean }> {
  return parseWith(readyChangedSchema, 'ready-changed', value);
}

/** `start` from the host and `started` from the lobby carry nothing: any object is accepted. */
export function parseEmpty(value: unknown): Result<Readonly<Record<string, never>>> {
  return parseWith(emptySchema, 'message', value);
}

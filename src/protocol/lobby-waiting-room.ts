import { isRecord } from './guards.js';
import { isPeerId } from './peer-id.js';
import { fail, ok, type Result } from '../util/result.js';

/**
 * The waiting room's messages: players say they are ready, the host starts. The lobby only
 * records and relays these flags (and lists a started game as playing); it never starts anything
 * itself, and a started game stays joinable unless the host locks it.
 */

/** `ready` from a player: `{ ready: boolean }`. */
export function parseReadyRequest(value: unknown): Result<{ ready: boolean }> {
  if (!isRecord(value) || typeof value['ready'] !== 'boolean') return fail('needs ready: true or false');
  return ok({ ready: value['ready'] });
}

/** `ready-changed` from the lobby: `{ id, ready }`. */
export function parseReadyChanged(value: unknown): Result<{ id: string; ready: boolean }> {
  if (!isRecord(value) || !isPeerId(value['id']) || typeof value['ready'] !== 'boolean') return fail('ready-changed needs id and ready');
  return ok({ id: value['id'], ready: value['ready'] });
}

/** `start` from the host and `started` from the lobby carry nothing: any object is accepted. */
export function parseEmpty(value: unknown): Result<Record<string, never>> {
  return isRecord(value) ? ok({}) : fail('must be an object');
}

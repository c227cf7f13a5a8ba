import * as v from 'valibot';
import { isRecord, sanitizeDisplayName } from './guards.js';
import { KEY_TAG_PATTERN } from './key-tag.js';
import { PEER_ID_PATTERN } from './peer-id.js';
import { fail, ok, type Result } from '../util/result.js';

/**
 * The lobby's JSON (WebSocket messages, matchmaking options, the games list) is read with
 * valibot schemas: each message's type is inferred from its schema, so the check and the type
 * cannot drift apart. valibot was picked for its size: the welcome's schema costs 2.4 KB gzipped
 * in the page, where zod 4 costs 26.7 KB (zod/mini 7.4 KB), measured with esbuild --minify.
 * Peer messages and snapshots keep their hand-written binary decoders (the hot path).
 *
 * Every leaf carries its own message ("must be true or false"); `parseWith` names the field it
 * belongs to, so a refusal reads `options.locked must be true or false`.
 */

/** Reads untrusted input with `schema`: the typed output, or the first problem, naming the field. */
export function parseWith<Schema extends v.GenericSchema>(schema: Schema, what: string, value: unknown): Result<v.InferOutput<Schema>> {
  const result = v.safeParse(schema, value, { abortEarly: true });
  if (result.success) return ok(result.output);
  const [issue] = result.issues;
  const path = v.getDotPath(issue);
  const field = path === null ? what : `${what}.${path}`;
  // A key that is absent is reported by its object, whose message speaks of the whole object.
  const missing = issue.kind === 'schema' && issue.type === 'object' && path !== null && issue.input === undefined;
  return fail(missing ? `${field} is missing` : `${field} ${issue.message}`);
}

/** A plain JSON object (not null, not a list) with these entries; other keys are dropped. */
export function record<const Entries extends v.ObjectEntries>(entries: Entries) {
  return v.pipe(v.custom<Record<string, unknown>>(isRecord, 'must be an object'), v.object(entries, 'must be an object'), v.readonly());
}

/** A peer id (see peer-id.ts). */
export const peerIdSchema = v.pipe(v.string('must be a peer id'), v.regex(PEER_ID_PATTERN, 'must be a peer id (8-32 URL-safe characters [A-Za-z0-9_-])'));

/** A key tag (see key-tag.ts). */
export const keyTagSchema = v.pipe(v.string('must be a key tag'), v.regex(KEY_TAG_PATTERN, 'must be a key tag'));

/** true or false. */
export const flagSchema = v.boolean('must be true or false');

/** An integer from `min` to `max`. */
export function intSchema(min: number, max: number) {
  return v.pipe(v.number(`must be an integer from ${min} to ${max}`), v.integer(`must be an integer from ${min} to ${max}`), v.minValue(min, `must be an integer from ${min} to ${max}`), v.maxValue(max, `must be an integer from ${min} to ${max}`));
}

/** Text of at most `maxLength` UTF-16 code units. */
export function textSchema(maxLength: number) {
  return v.pipe(v.string('must be text'), v.maxLength(maxLength, `must be at most ${maxLength} characters`));
}

/**
 * A name a person typed, cleaned for display (sanitizeDisplayName): anything else, or nothing,
 * becomes `fallback` rather than a refusal, since a name only ever shows as text.
 */
export function displayNameSchema(maxLength: number, fallback: string) {
  return v.optional(v.pipe(v.unknown(), v.transform((value) => sanitizeDisplayName(value, maxLength, fallback))), fallback);
}

/** A list of at most `maxItems` items. */
export function listSchema<Item extends v.GenericSchema>(item: Item, maxItems: number) {
  return v.pipe(v.array(item, 'must be a list'), v.maxLength(maxItems, `must have at most ${maxItems} entries`), v.readonly());
}

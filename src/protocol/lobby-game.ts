import * as v from 'valibot';
import { sanitizeDisplayName } from './guards.js';
import { parseInviteCode } from './invite-code.js';
import { parseKeyTags } from './key-tag.js';
import { isPeerId } from './peer-id.js';
import { DEFAULT_MAX_PLAYERS, MAX_PLAYERS, MAX_SPECTATORS, MIN_PLAYERS } from './player-count.js';
import { DEFAULT_VARIANT, isVariantId } from './variant-id.js';
import { displayNameSchema, flagSchema, intSchema, listSchema, parseWith, record, textSchema } from './wire-schema.js';
import { cryptoBytes, randomToken, URL_SAFE_ALPHABET, type RandomBytes } from '../util/random-token.js';
import { ok, type Result } from '../util/result.js';

/**
 * What a host chooses for a game, and what the public list shows about it. Shared by the lobby
 * (which validates what clients send) and the browser (which validates what the lobby sends).
 */
export const MAX_GAME_NAME = 32;
export const DEFAULT_GAME_NAME = 'Game';
const PLAYER_KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
const PLAYER_KEY_LENGTH = 22;
/** A variant id, or '' for the default (see variant-id.ts). */
const variantSchema = v.custom<string>(isVariantId, "must be '' or 1-16 of a-z, 0-9 and '-'");

/**
 * A host's choices when creating a game. Odd or missing values fall back to a private game for 8
 * players, but values that are present and wrong are refused with a reason.
 */
const gameSettingsEntries = {
  gameName: v.optional(v.pipe(textSchema(256), v.transform((name) => sanitizeDisplayName(name, MAX_GAME_NAME, DEFAULT_GAME_NAME))), DEFAULT_GAME_NAME),
  isPublic: v.optional(flagSchema, false),
  maxPlayers: v.optional(intSchema(MIN_PLAYERS, MAX_PLAYERS), DEFAULT_MAX_PLAYERS),
  /**
   * Which of the page's versions of the game the host chose (a larger arena…): every page that
   * enters runs that one. The lobby checks only its form; '' is the game's default.
   */
  variant: v.optional(variantSchema, DEFAULT_VARIANT),
};
const gameSettingsSchema = record(gameSettingsEntries);
export type GameSettings = v.InferOutput<typeof gameSettingsSchema>;

/** A game's settings plus what changes while it runs; sent in the welcome. */
export const gameInfoSchema = record({ ...gameSettingsEntries, locked: flagSchema });
export type GameInfo = v.InferOutput<typeof gameInfoSchema>;

/** One line of the public games list. `playing` once the host started it. */
const gameListingEntries = {
  code: v.pipe(textSchema(16), v.minLength(1, 'must be a code')),
  gameName: displayNameSchema(MAX_GAME_NAME, DEFAULT_GAME_NAME),
  hostName: displayNameSchema(MAX_GAME_NAME, '?'),
  /** Players only: spectators never count toward `maxPlayers`. */
  players: intSchema(0, MAX_PLAYERS),
  maxPlayers: intSchema(MIN_PLAYERS, MAX_PLAYERS),
  spectators: intSchema(0, MAX_SPECTATORS),
  status: v.picklist(['waiting', 'playing'], 'must be waiting or playing'),
  variant: variantSchema,
};
/** No more players than seats. */
function withinSeats<Listing extends { readonly players: number; readonly maxPlayers: number }>() {
  return v.check<Listing, string>((listing) => listing.players <= listing.maxPlayers, 'has more players than maxPlayers');
}
const gameListingSchema = v.pipe(record(gameListingEntries), withinSeats());
export type GameListing = v.InferOutput<typeof gameListingSchema>;

/**
 * One game as its invite page shows it before the friend joins (`GET /games/CODE`): any game with
 * that code, private ones too, and whether its host locked it.
 */
const gameInvitationSchema = v.pipe(record({ ...gameListingEntries, locked: flagSchema }), withinSeats());
export type GameInvitation = v.InferOutput<typeof gameInvitationSchema>;

/** Room metadata the lobby stores in the matchmaking driver (shared across processes). */
export interface GameMetadata {
  readonly gameName: string;
  readonly hostName: string;
  readonly players: number;
  readonly spectators: number;
  readonly started: boolean;
  readonly variant: string;
}

/** Reads a host's settings from untrusted create options (see `gameSettingsEntries`). */
export function parseGameSettings(value: unknown): Result<GameSettings> {
  return parseWith(gameSettingsSchema, 'options', value);
}

/** The longest join order a re-creation may carry: room for every peer a game has ever seen, bounded. */
export const MAX_ORDER = 64;

/** A join order (the election's ranking of peers): at most MAX_ORDER distinct peer ids, refused as a whole. */
export const orderSchema = v.custom<readonly string[]>(
  (value) => Array.isArray(value) && value.length <= MAX_ORDER && value.every(isPeerId) && new Set(value).size === value.length,
  `must be a list of at most ${MAX_ORDER} distinct peer ids`,
);

/** What a host re-creating its game after a lobby restart asks for, beyond the settings. */
export interface Recreation {
  /** The invite code it had, so the invite link keeps working; undefined for a new game. */
  readonly code: string | undefined;
  /**
   * The peer ids in the order they first entered the game. The room lists members in that order,
   * whatever order they re-enter in, so a newcomer ranks peers as the others do (the match's host
   * election depends on it); a locked game admits these peers only.
   */
  readonly order: readonly string[];
  /** The host had locked the game. */
  readonly locked: boolean;
  /**
   * The key tag of each peer of `order` as the old room showed it: the new room admits those ids
   * only from the browsers that held them (see key-tag.ts).
   */
  readonly keyTags: ReadonlyMap<string, string>;
}

/**
 * Reads the re-creation options of a create (`code`, `order`, `locked`, `keyTags`; all optional).
 * The code must be canonical (as the lobby hands them out), the order at most MAX_ORDER distinct
 * peer ids, and key tags only for peers of the order.
 */
export function parseRecreation(value: unknown): Result<Recreation> {
  const parsed = parseWith(recreationSchema, 'options', value);
  if (!parsed.ok) return parsed;
  const { code, order, locked, keyTags } = parsed.value;
  const tags = parseKeyTags(keyTags, order);
  return tags.ok ? ok({ code, order, locked, keyTags: tags.value }) : tags;
}

/** An invite code exactly as the lobby writes it (canonical: what a person typed is not accepted here). */
const canonicalCodeSchema = v.custom<string>((code) => { const parsed = parseInviteCode(code); return parsed.ok && parsed.value === code; }, 'must be an invite code as the lobby writes it');

const recreationSchema = record({
  code: v.optional(canonicalCodeSchema),
  order: v.optional(orderSchema, []),
  locked: v.optional(flagSchema, false),
  // Checked against the order once that is read (key-tag.ts).
  keyTags: v.optional(v.unknown()),
});

/**
 * A random key each browser keeps (localStorage) and sends when joining, so the lobby can keep a
 * kicked player out of that game; 16 to 64 URL-safe characters.
 */
export function parsePlayerKey(value: unknown): Result<string> {
  return parseWith(playerKeySchema, 'playerKey', value);
}

/** A browser key as join options carry it (see `parsePlayerKey`). */
export const playerKeySchema = v.pipe(v.string('must be 16-64 URL-safe characters'), v.regex(PLAYER_KEY_PATTERN, 'must be 16-64 URL-safe characters'));
/** A fresh random browser key (see `parsePlayerKey`), 22 URL-safe symbols (132 bits); callers keep it in localStorage. */
export function newPlayerKey(bytes: RandomBytes = cryptoBytes): string {
  return randomToken(URL_SAFE_ALPHABET, PLAYER_KEY_LENGTH, bytes);
}

/** Reads one game's invitation from `GET /games/CODE` (runs in the browser). */
export function parseInvitation(value: unknown): Result<GameInvitation> {
  return parseWith(gameInvitationSchema, 'invitation', value);
}

/** The most games one `GET /games` lists (the lobby lists at most 200). */
const MAX_LISTED_GAMES = 1_000;
const gameListSchema = listSchema(gameListingSchema, MAX_LISTED_GAMES);

/** Reads the public games list from `GET /games` (runs in the browser). */
export function parseGameList(value: unknown): Result<readonly GameListing[]> {
  return parseWith(gameListSchema, 'games', value);
}

import { isBoundedString, isIntInRange, isRecord, parseList, sanitizeDisplayName } from './guards.js';
import { parseInviteCode } from './invite-code.js';
import { parseKeyTags } from './key-tag.js';
import { isPeerId } from './peer-id.js';
import { fail, ok, type Result } from '../util/result.js';

/**
 * What a host chooses for a game, and what the public list shows about it. Shared by the lobby
 * (which validates what clients send) and the browser (which validates what the lobby sends).
 */
export const MIN_PLAYERS = 2;
export const MAX_PLAYERS = 8;
export const MAX_GAME_NAME = 32;
export const DEFAULT_GAME_NAME = 'Game';
/** Spectators a game admits on top of its players; they never take a player's place. */
export const MAX_SPECTATORS = 8;
const PLAYER_KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** A host's choices when creating a game. */
export interface GameSettings {
  readonly gameName: string;
  readonly isPublic: boolean;
  readonly maxPlayers: number;
}

/** A game's settings plus what changes while it runs; sent in the welcome. */
export interface GameInfo extends GameSettings {
  readonly locked: boolean;
}

/** One line of the public games list. `playing` once the host started it. */
export interface GameListing {
  readonly code: string;
  readonly gameName: string;
  readonly hostName: string;
  /** Players only: spectators never count toward `maxPlayers`. */
  readonly players: number;
  readonly maxPlayers: number;
  readonly spectators: number;
  readonly status: 'waiting' | 'playing';
}

/**
 * One game as its invite page shows it before the friend joins (`GET /games/CODE`): any game with
 * that code, private ones too, and whether its host locked it.
 */
export interface GameInvitation extends GameListing {
  readonly locked: boolean;
}

/** Room metadata the lobby stores in the matchmaking driver (shared across processes). */
export interface GameMetadata {
  readonly gameName: string;
  readonly hostName: string;
  readonly players: number;
  readonly spectators: number;
  readonly started: boolean;
}

/**
 * Reads a host's settings from untrusted create options: odd or missing values fall back to a
 * private game for 8 players, but values that are present and wrong are refused with a reason.
 */
export function parseGameSettings(value: unknown): Result<GameSettings> {
  if (!isRecord(value)) return fail('options must be an object');
  const { gameName, isPublic, maxPlayers } = value;
  if (isPublic !== undefined && typeof isPublic !== 'boolean') return fail('isPublic must be true or false');
  if (maxPlayers !== undefined && !isIntInRange(maxPlayers, MIN_PLAYERS, MAX_PLAYERS)) {
    return fail(`maxPlayers must be an integer from ${MIN_PLAYERS} to ${MAX_PLAYERS}`);
  }
  if (gameName !== undefined && !isBoundedString(gameName, 256)) return fail('gameName must be text');
  return ok({
    gameName: sanitizeDisplayName(gameName, MAX_GAME_NAME, DEFAULT_GAME_NAME),
    isPublic: isPublic ?? false,
    maxPlayers: maxPlayers ?? MAX_PLAYERS,
  });
}

/** The longest join order a re-creation may carry: room for every peer a game has ever seen, bounded. */
export const MAX_ORDER = 64;

/** Reads a join order (the election's ranking of peers): at most MAX_ORDER distinct peer ids. */
export function parseOrder(value: unknown): Result<string[]> {
  if (!Array.isArray(value) || value.length > MAX_ORDER || !value.every(isPeerId) || new Set(value).size !== value.length) {
    return fail(`order must be a list of at most ${MAX_ORDER} distinct peer ids`);
  }
  return ok(value);
}

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
  if (!isRecord(value)) return fail('options must be an object');
  const { code, order = [], locked = false, keyTags } = value;
  const parsedCode = code === undefined ? ok(undefined) : parseInviteCode(code);
  if (!parsedCode.ok || (code !== undefined && parsedCode.value !== code)) {
    return fail(`code must be an invite code as the lobby writes it${parsedCode.ok ? '' : ` (${parsedCode.reason})`}`);
  }
  const parsedOrder = parseOrder(order);
  if (!parsedOrder.ok) return parsedOrder;
  if (typeof locked !== 'boolean') return fail('locked must be true or false');
  const tags = parseKeyTags(keyTags, parsedOrder.value);
  if (!tags.ok) return tags;
  return ok({ code: parsedCode.value, order: parsedOrder.value, locked, keyTags: tags.value });
}

/**
 * A random key each browser keeps (localStorage) and sends when joining, so the lobby can keep a
 * kicked player out of that game; 16 to 64 URL-safe characters.
 */
export function parsePlayerKey(value: unknown): Result<string> {
  if (typeof value !== 'string' || !PLAYER_KEY_PATTERN.test(value)) return fail('playerKey must be 16-64 URL-safe characters');
  return ok(value);
}

/** A fresh random browser key (see `parsePlayerKey`); callers keep it in localStorage. */
export function newPlayerKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Reads the `game` part of a welcome (runs in the browser). */
export function parseGameInfo(value: unknown): Result<GameInfo> {
  if (!isRecord(value) || typeof value['locked'] !== 'boolean') return fail('game info malformed');
  const settings = parseGameSettings(value);
  return settings.ok ? ok({ ...settings.value, locked: value['locked'] }) : settings;
}

function parseListing(value: unknown): Result<GameListing> {
  if (!isRecord(value)) return fail('listing must be an object');
  const { code, players, maxPlayers, spectators, status } = value;
  if (!isBoundedString(code, 16) || code.length === 0) return fail('listing.code must be a code');
  if (!isIntInRange(maxPlayers, MIN_PLAYERS, MAX_PLAYERS) || !isIntInRange(players, 0, maxPlayers)) {
    return fail('listing player counts out of range');
  }
  if (!isIntInRange(spectators, 0, MAX_SPECTATORS)) return fail('listing.spectators out of range');
  if (status !== 'waiting' && status !== 'playing') return fail('listing.status must be waiting or playing');
  return ok({
    code,
    gameName: sanitizeDisplayName(value['gameName'], MAX_GAME_NAME, DEFAULT_GAME_NAME),
    hostName: sanitizeDisplayName(value['hostName'], MAX_GAME_NAME, '?'),
    players,
    maxPlayers,
    spectators,
    status,
  });
}

/** Reads one game's invitation from `GET /games/CODE` (runs in the browser). */
export function parseInvitation(value: unknown): Result<GameInvitation> {
  const listing = parseListing(value);
  if (!listing.ok) return listing;
  const locked = isRecord(value) ? value['locked'] : undefined;
  return typeof locked === 'boolean' ? ok({ ...listing.value, locked }) : fail('invitation.locked must be true or false');
}

/** Reads the public games list from `GET /games` (runs in the browser). */
export function parseGameList(value: unknown): Result<GameListing[]> {
  return parseList(value, parseListing, 'games');
}

/**
 * Why the lobby refuses an entry, as a stable code per refusal (docs/SPEC.md, "Lobby refusals"),
 * with the HTTP status it is sent with. Statuses are shared (409 means several things), so clients
 * go by the code, never by the sentence.
 */
export const LOBBY_REFUSAL_STATUS = {
  /** The request or its options are malformed. */
  'bad-request': 400,
  /** The host removed this browser from the game. */
  kicked: 403,
  /** The page comes from an origin this lobby does not serve (ALLOWED_ORIGINS). */
  'foreign-origin': 403,
  /** Matchmaking takes POST (and CORS preflights) only. */
  'method-not-allowed': 405,
  /** Another connection holds this peer id in the game right now. */
  'id-taken': 409,
  /** The peer id belongs to another browser of this game. */
  'id-owned': 409,
  /** The host locked the game: only its own players come back. */
  locked: 409,
  /** Nobody plays the game yet, so there is nothing to watch. */
  'not-yet': 409,
  /** The game has all the spectators it takes. */
  'spectators-full': 409,
  /** The game has all the players it takes. */
  full: 409,
  /** A game with the code asked for already exists (a re-creation lost the race). */
  'code-taken': 409,
  /** The request body is larger than any real client sends. */
  'too-large': 413,
  /** Too many requests or connections from this address: try again shortly. */
  'rate-limited': 429,
  /** The lobby failed; the request may work later. */
  internal: 500,
} as const;

/** A refusal the lobby words itself. */
export type LobbyRefusalCode = keyof typeof LOBBY_REFUSAL_STATUS;

/**
 * Every way an entry can fail, as a client sees it: the lobby's refusals, the three Colyseus
 * answers for a game or seat that is not there (`not-found`, `seat-gone`, `no-public-game`), no
 * answer at all (`unreachable`), and `unknown` for a code this client does not know (a newer lobby).
 */
export type EntryFailureCode = LobbyRefusalCode | 'not-found' | 'seat-gone' | 'no-public-game' | 'unreachable' | 'unknown';

/** A refusal's message on the wire: its code in brackets, then a sentence for people and logs. */
export function refusalText(code: LobbyRefusalCode, reason: string): string {
  return `[${code}] ${reason}`;
}

/** Colyseus's matchmaking error codes (its `ErrorCode`) for what is not there. */
const COLYSEUS_CODES: Readonly<Record<number, EntryFailureCode>> = {
  4211: 'no-public-game', // MATCHMAKE_INVALID_CRITERIA: no room matches a quick join
  4212: 'not-found', // MATCHMAKE_INVALID_ROOM_ID: no such room, or disposed
  4214: 'seat-gone', // MATCHMAKE_EXPIRED: the reconnection token is no longer valid
};

const CODED = /^\[([a-z-]{1,32})\] (.*)$/s;

function isRefusalCode(text: string): text is LobbyRefusalCode {
  return Object.hasOwn(LOBBY_REFUSAL_STATUS, text);
}

/** The code and sentence of a failed entry, from the status and message the client got. */
export function classifyRefusal(status: number | undefined, message: string): { readonly code: EntryFailureCode; readonly reason: string } {
  if (status === undefined) return { code: 'unreachable', reason: message };
  const coded = CODED.exec(message);
  if (coded) {
    const [, code = '', reason = ''] = coded;
    return { code: isRefusalCode(code) ? code : 'unknown', reason };
  }
  // Refusals without a code: Colyseus's own, and a proxy's rate limit.
  return { code: COLYSEUS_CODES[status] ?? (status === 429 ? 'rate-limited' : 'unknown'), reason: message };
}

/**
 * How many play in one game: shared by the lobby (room sizes), the host (slots), the roster's
 * wire format and the game definition, so each of them follows the same numbers.
 */
export const MIN_PLAYERS = 2;
/** The most players a game may hold: its players' entity ids (their slots) are 0 to 15. */
export const MAX_PLAYERS = 16;
/** Players a game is created for, and a game definition holds, when nobody says. */
export const DEFAULT_MAX_PLAYERS = 8;
/** Spectators a game admits on top of its players; they never take a player's place. */
export const MAX_SPECTATORS = 8;

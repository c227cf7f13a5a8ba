import { LobbyMessage, parseWelcome, type WelcomePayload } from '../protocol/lobby-messages.js';
import { newPlayerKey } from '../protocol/lobby-game.js';
import type { EntryFailureCode } from '../protocol/lobby-refusal.js';
import { newPeerId } from '../protocol/peer-id.js';
import type { Scheduler } from '../time/scheduler.js';
import { fail, ok, type Result } from '../util/result.js';
import { describeJoinError } from './lobby-errors.js';
import { LobbyEntryError, type LobbyRoomConnection } from './lobby-transport.js';

/** How long to wait for the lobby's welcome after the join itself succeeded. */
const WELCOME_TIMEOUT_MS = 5_000;

/** How a client enters a room, beyond its name. Everything has a sensible default. */
export interface EntryOptions {
  /** This browser's key (localStorage); lets a host's kick keep it out. A fresh one if omitted. */
  readonly playerKey?: string;
  /**
   * Our member id in the room. Keep it for the seat you hold (sessionStorage in the browser): the
   * same id lets this peer enter the room again as itself. A fresh random one if omitted.
   */
  readonly peerId?: string;
  /** Join to watch: no player slot, not counted toward the game's maxPlayers. */
  readonly spectate?: boolean;
}

/** The options every create and join sends (docs/SPEC.md, "Entering a game"). */
export interface Identity {
  readonly name: string;
  readonly playerKey: string;
  readonly peerId: string;
  readonly spectate: boolean;
}

/** Fills the defaults of `options`. */
export function identity(name: string, options: EntryOptions): Identity {
  return { name, playerKey: options.playerKey ?? newPlayerKey(), peerId: options.peerId ?? newPeerId(), spectate: options.spectate ?? false };
}

/** A joined lobby room and the welcome it sent. */
export interface Entered {
  readonly room: LobbyRoomConnection;
  readonly welcome: WelcomePayload;
}

/** An entry that failed: the sentence for the player, and the error for retry decisions. */
export type EntryFailure = { readonly ok: false; readonly reason: string; readonly error: unknown };

/** Runs a matchmaking call and waits for the welcome; failures carry the error for retry decisions. */
export async function enterRoom(join: () => Promise<LobbyRoomConnection>, scheduler: Scheduler): Promise<{ ok: true; value: Entered } | EntryFailure> {
  let room: LobbyRoomConnection;
  try {
    room = await join();
  } catch (error: unknown) {
    return { ok: false, reason: describeJoinError(error), error };
  }
  const welcome = await waitForWelcome(room, scheduler);
  if (!welcome.ok) {
    await room.leave();
    return { ok: false, reason: welcome.reason, error: undefined };
  }
  return { ok: true, value: { room, welcome: welcome.value } };
}

function waitForWelcome(room: LobbyRoomConnection, scheduler: Scheduler): Promise<Result<WelcomePayload>> {
  return new Promise((resolve) => {
    const cancel = scheduler.after(WELCOME_TIMEOUT_MS, () => resolve(fail('the lobby did not answer in time')));
    room.onMessage(LobbyMessage.Welcome, (message) => {
      cancel();
      resolve(parseWelcome(message));
    });
  });
}

/**
 * A refusal that trying again cannot fix: we were kicked, or our options are wrong. Everything
 * else (lobby down, room not re-created yet, our old seat not freed yet, rate limited) may pass
 * later.
 */
export function isFinalRefusal(error: unknown): boolean {
  const code = refusalCode(error);
  return code !== undefined && FINAL_REFUSALS.has(code);
}

/** Refusals that the same request will meet again however long it waits. */
const FINAL_REFUSALS: ReadonlySet<EntryFailureCode> = new Set(['bad-request', 'kicked', 'foreign-origin']);

/** The lobby keeps us out of this game: its host removed us (the refusal of a banned browser key). */
export function isKicked(error: unknown): boolean {
  return refusalCode(error) === 'kicked';
}

/** The game was locked while we were away and no longer counts us among its peers. */
export function isLockedOut(error: unknown): boolean {
  return refusalCode(error) === 'locked';
}

/** The lobby already has a room with the code we asked to re-create: someone was faster. */
export function isCodeTaken(error: unknown): boolean {
  return refusalCode(error) === 'code-taken';
}

/** The refusal code of a failed entry; undefined for an error that is not one. */
export function refusalCode(error: unknown): EntryFailureCode | undefined {
  return error instanceof LobbyEntryError ? error.code : undefined;
}

/** Drops the raw error of an entry for callers that only need success or the sentence for the player. */
export function asResult<T>(result: { ok: true; value: T } | { ok: false; reason: string }): Result<T> {
  return result.ok ? ok(result.value) : fail(result.reason);
}

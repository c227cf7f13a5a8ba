import { fail, ok, type Result } from '../../src/util/result.js';
import { readEnvTable } from './env-table.js';
import type { RateLimit } from './token-bucket.js';

/** The lobby's rate limits; defaults are in SPEC.md with the guessing odds they imply. */
export interface LobbyLimits {
  /** Messages per WebSocket client (signals, kick, lock, …). */
  readonly messages: RateLimit;
  /** Room creations per IP address. */
  readonly creates: RateLimit;
  /** Join attempts (by code, quick join, reconnect) per IP address: bounds invite-code guessing. */
  readonly joins: RateLimit;
}

/**
 * A full mesh of 16 makes each newcomer send 15 offers plus a dozen ICE candidates or more each at
 * once, and answer when others restart ICE (a 16-player run on an overloaded machine saw a peer
 * send about 335 in a few seconds, 135 of them dropped at the old burst of 200), hence the
 * message burst of 480; 50 a second after that. Joins: 20 at once, then one every 3 s (1,220 guesses an hour:
 * the refill, not the burst, bounds guessing). A family of four behind one address reloading at
 * the same moment spends 3 joins and 4 reconnections, each retried while the lobby has not yet
 * seen the old socket close: a burst of 10 ran out, 20 does not.
 */
export const DEFAULT_LIMITS: LobbyLimits = {
  messages: { burst: 480, perSecond: 50 },
  creates: { burst: 10, perSecond: 1 / 6 },
  joins: { burst: 20, perSecond: 1 / 3 },
};

const ENV_NAMES = { messages: 'MESSAGE_RATE', creates: 'CREATE_RATE', joins: 'JOIN_RATE' } as const;

function parseRate(name: string, text: string): Result<RateLimit> {
  const match = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(text.trim());
  const burst = Number(match?.[1]);
  const perSecond = Number(match?.[2]);
  if (!match || !(burst >= 1) || !(perSecond > 0)) return fail(`${name} must be "burst:perSecond", e.g. "10:0.5", got "${text}"`);
  return ok({ burst, perSecond });
}

/** Reads `MESSAGE_RATE`, `CREATE_RATE`, `JOIN_RATE` ("burst:perSecond"); unset ones keep the default. */
export function readLimits(env: NodeJS.ProcessEnv): Result<LobbyLimits> {
  return readEnvTable(env, ENV_NAMES, DEFAULT_LIMITS, parseRate);
}

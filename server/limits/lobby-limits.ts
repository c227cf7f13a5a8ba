import { fail, ok, type Result } from '../../src/util/result.js';
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
 * A full mesh of 8 makes each newcomer send ~7 offers plus a dozen ICE candidates each at once,
 * hence the message burst of 200. Joins: 10 at once, then one every 3 s (1,210 guesses an hour).
 */
export const DEFAULT_LIMITS: LobbyLimits = {
  messages: { burst: 200, perSecond: 50 },
  creates: { burst: 10, perSecond: 1 / 6 },
  joins: { burst: 10, perSecond: 1 / 3 },
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
  const limits: Record<keyof LobbyLimits, RateLimit> = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(ENV_NAMES) as (keyof LobbyLimits)[]) {
    const text = env[ENV_NAMES[key]];
    if (text === undefined || text.trim() === '') continue;
    const parsed = parseRate(ENV_NAMES[key], text);
    if (!parsed.ok) return parsed;
    limits[key] = parsed.value;
  }
  return ok(limits);
}

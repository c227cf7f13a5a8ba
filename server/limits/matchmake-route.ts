import { matchMaker } from '@colyseus/core';
import { fail, ok, type Result } from '../../src/util/result.js';

/** The matchmaking calls Colyseus 0.16 exposes over HTTP (`matchMaker.controller.exposedMethods`). */
export const MATCHMAKE_METHODS = ['joinOrCreate', 'create', 'join', 'joinById', 'reconnect'] as const;
export type MatchmakeMethod = (typeof MATCHMAKE_METHODS)[number];

/** A matchmaking request the gate lets through: exactly `/matchmake/<method>/<room>`. */
export interface MatchmakeCall {
  readonly method: MatchmakeMethod;
  /** A room name (`create`, `join`, `joinOrCreate`) or a room id (`joinById`, `reconnect`). */
  readonly room: string;
}

/** What Colyseus itself takes from the URL: the method and room name it would call. */
export interface ColyseusReading {
  readonly method: string | undefined;
  readonly room: string;
}

/**
 * Where a request goes. `site`: Colyseus passes it on to the game site. `matchmake`: Colyseus
 * answers it itself; `call` is the canonical call, or why this URL is not one, and `reads` is
 * what Colyseus would have called (for logs, and for tests that prove the two agree).
 */
export type MatchmakeRoute =
  | { readonly kind: 'site' }
  | { readonly kind: 'matchmake'; readonly call: Result<MatchmakeCall>; readonly reads: ColyseusReading };

const isMethod = (value: string | undefined): value is MatchmakeMethod => MATCHMAKE_METHODS.some((method) => method === value);

/**
 * Classifies a request URL exactly as Colyseus 0.16 does, and says whether it is canonical.
 *
 * Colyseus (`Server.attachMatchMakingRoutes`) takes over any URL that *contains* `/matchmake`,
 * anywhere, query string included. For a POST (`handleMatchMakeRequest`) it splits the whole URL
 * into runs of `[A-Za-z0-9_-]`, finds the first run equal to `matchmake` and calls the next two
 * runs as method and room name; when no run is exactly `matchmake` (e.g. `/matchmakeX`) it takes
 * the first two runs of the URL. So `/matchmake//joinById/X`, `/matchmake?/joinById/X`,
 * `/x/matchmake/joinById.X` and `/joinById/X/matchmakeZ` all call `joinById("X")`. A gate that
 * matched only the canonical path let all of those past its limits; this function is the one
 * place that reads a URL the way Colyseus does, so the gate sees every request Colyseus will act
 * on, and lets through only the one spelling a real client (colyseus.js) sends.
 */
export function routeOf(url: string): MatchmakeRoute {
  const { matchmakeRoute, allowedRoomNameChars } = matchMaker.controller;
  if (!url.includes(`/${matchmakeRoute}`)) return { kind: 'site' };
  const runs: readonly string[] = url.match(allowedRoomNameChars) ?? [];
  const at = runs.indexOf(matchmakeRoute);
  const reads: ColyseusReading = { method: runs[at + 1], room: runs[at + 2] ?? '' };
  return { kind: 'matchmake', call: canonicalCall(url, matchmakeRoute, reads), reads };
}

function canonicalCall(url: string, route: string, reads: ColyseusReading): Result<MatchmakeCall> {
  const { method, room } = reads;
  if (!url.startsWith(`/${route}/`)) return fail(`matchmaking requests go to /${route}/<method>/<room>`);
  if (!isMethod(method)) return fail(`unknown matchmaking method "${(method ?? '').slice(0, 32)}"`);
  if (room === '' || url !== `/${route}/${method}/${room}`) {
    return fail(`a matchmaking path is exactly /${route}/${method}/<room>, with nothing else`);
  }
  return ok({ method, room });
}

/** What a call may cost: creating a room, being a join attempt, taking a seat. */
export interface MatchmakeCharges {
  /** Charged to the create bucket and to the address's live-room cap. */
  readonly creates: boolean;
  /** Charged to the join bucket, which bounds invite-code and token guessing. */
  readonly joins: boolean;
  /** Reserves a new seat, charged to the address's unused-reservation cap. */
  readonly reservesSeat: boolean;
}

/**
 * `joinOrCreate` is charged as both a create and a join: it may do either (the lobby's own
 * client never sends it), and every call must pay for the most a request can do; charging it
 * only as a join let it create rooms under the join limit. `reconnect` takes back a seat the room
 * already holds for the member, so it reserves nothing new.
 */
export const CHARGES: Readonly<Record<MatchmakeMethod, MatchmakeCharges>> = {
  create: { creates: true, joins: false, reservesSeat: true },
  joinOrCreate: { creates: true, joins: true, reservesSeat: true },
  join: { creates: false, joins: true, reservesSeat: true },
  joinById: { creates: false, joins: true, reservesSeat: true },
  reconnect: { creates: false, joins: true, reservesSeat: false },
};

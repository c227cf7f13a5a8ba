import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { isRecord } from '../../src/protocol/guards.js';
import { LOBBY_REFUSAL_STATUS, refusalText, type LobbyRefusalCode } from '../../src/protocol/lobby-refusal.js';
import type { Result } from '../../src/util/result.js';
import { originAllowed, type OriginPolicy } from '../http/origin-policy.js';
import type { Logger } from '../log.js';
import { addressKey } from './address-key.js';
import { trackCalls } from './call-tracker.js';
import { stripForwarding } from './forwarding-headers.js';
import type { LobbyLimits } from './lobby-limits.js';
import { CHARGES, routeOf, type MatchmakeCall } from './matchmake-route.js';
import { declaredLength, readBody } from './request-body.js';
import type { OpenCall, SeatLedger } from './seat-ledger.js';
import { KeyedBuckets } from './token-bucket.js';

/** Matchmaking requests carry a name and a few options: anything larger is not a real client. */
const MAX_MATCHMAKE_BODY = 4 * 1024;
const MAX_TRACKED_ADDRESSES = 100_000;
const SWEEP_INTERVAL_MS = 60_000;

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

export interface MatchmakeGateOptions {
  readonly limits: LobbyLimits;
  /**
   * The per-address join-attempt buckets (LobbyLimits.joins, see `joinAttemptBuckets`): shared with
   * the invite page's game lookup, which reveals as much about a code as a join attempt does.
   */
  readonly joins: KeyedBuckets;
  readonly origins: OriginPolicy;
  readonly seats: SeatLedger;
  readonly logger: Logger;
}

/** A refusal: the HTTP status (also the `code` colyseus.js reports) and a sentence that starts with its refusal code. */
interface Refusal {
  readonly status: number;
  readonly error: string;
  readonly headers?: Readonly<Record<string, string>>;
}

function refusal(code: LobbyRefusalCode, reason: string, headers?: Readonly<Record<string, string>>): Refusal {
  return { status: LOBBY_REFUSAL_STATUS[code], error: refusalText(code, reason), ...(headers ? { headers } : {}) };
}

/**
 * Stands in front of Colyseus's HTTP matchmaking, which has no limits of its own: it buffers any
 * body, trusts `X-Forwarded-For`, answers any origin, and routes every URL that merely contains
 * `/matchmake`. Every request Colyseus would act on (`routeOf`) passes here first:
 * forwarding headers are removed; a body over 4 KiB gets 413 before it is read; anything but
 * POST and a CORS preflight gets 405 (Colyseus would leave those hanging); a path that is not
 * exactly `/matchmake/<method>/<room>` gets 400; a browser page of another origin gets 403; then
 * the per-address token buckets (creations, join attempts: they bound invite-code guessing) and
 * caps (live rooms, unused seat reservations) apply, and the body must be a JSON object. Only
 * then does Colyseus see the request. Refusals are JSON `{ code, error }`, which colyseus.js
 * turns into a MatchMakeError. Joins are limited here and not in `onAuth` because Colyseus
 * rejects an unknown room id before calling `onAuth`, so failed code guesses would never count.
 */
/** The buckets that count join attempts per address (matchmaking joins and invite lookups alike). */
export function joinAttemptBuckets(limits: LobbyLimits): KeyedBuckets {
  return new KeyedBuckets(limits.joins, MAX_TRACKED_ADDRESSES);
}

export function installMatchmakeGate(server: HttpServer, options: MatchmakeGateOptions): () => void {
  const creates = new KeyedBuckets(options.limits.creates, MAX_TRACKED_ADDRESSES);
  const joins = options.joins;
  const calls = trackCalls();
  const inner = server.listeners('request') as RequestListener[];
  const forward: RequestListener = (request, response) => {
    for (const listener of inner) listener.call(server, request, response);
  };
  const answer = (request: IncomingMessage, response: ServerResponse, refusal: Refusal): void => {
    // debug: a flood of refused requests must not become a flood of log lines.
    options.logger.debug({ ip: request.socket.remoteAddress, url: request.url?.slice(0, 200), status: refusal.status, reason: refusal.error }, 'matchmake refused');
    refuse(response, refusal);
  };

  /** Everything decided before reading the body, cheapest first; an admitted call is charged. */
  const admit = (request: IncomingMessage, call: Result<MatchmakeCall>): Refusal | OpenCall | typeof PREFLIGHT => {
    if (declaredLength(request) > MAX_MATCHMAKE_BODY) return TOO_LARGE;
    if (request.method !== 'POST' && request.method !== 'OPTIONS') return NOT_ALLOWED;
    if (!call.ok) return refusal('bad-request', call.reason);
    if (!originAllowed(options.origins, request.headers.origin, request.headers.host)) return FOREIGN_ORIGIN;
    if (request.method === 'OPTIONS') return PREFLIGHT;
    const address = addressKey(request.socket.remoteAddress);
    if (address === undefined) return refusal('bad-request', 'no client address');
    const charges = CHARGES[call.value.method];
    const now = Date.now();
    // (A joinOrCreate refused by the join bucket has spent its create token: no real client sends it.)
    const rated = (!charges.creates || creates.take(address, now)) && (!charges.joins || joins.take(address, now));
    if (!rated) return refusal('rate-limited', 'too many requests: rate limited, try again shortly');
    const opened = options.seats.open(address, charges);
    return opened.ok ? opened.value : refusal('rate-limited', opened.reason);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const route = routeOf(request.url ?? '');
    if (route.kind === 'site') {
      forward(request, response);
      return;
    }
    stripForwarding(request.headers);
    const admitted = admit(request, route.call);
    if ('status' in admitted) {
      answer(request, response, admitted);
      return;
    }
    if ('preflight' in admitted) {
      forward(request, response); // Colyseus answers a preflight with its CORS headers
      return;
    }
    const body = await readJsonBody(request);
    if (body.kind !== 'json') {
      admitted.settle(undefined);
      if (body.kind === 'refused') answer(request, response, body.refusal);
      return;
    }
    calls.forward(request, response, admitted, () => forward(request, response), body.bytes);
  };

  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      options.logger.warn({ err: error instanceof Error ? error.message : String(error), url: request.url?.slice(0, 200) }, 'matchmake gate failed');
      if (!response.headersSent) refuse(response, refusal('internal', 'internal error'));
    });
  });
  const sweeper = setInterval(() => {
    creates.sweep(Date.now());
    joins.sweep(Date.now());
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();
  return () => {
    clearInterval(sweeper);
    calls.close();
  };
}

/** A CORS preflight that passed: Colyseus answers it. */
const PREFLIGHT = { preflight: true } as const;
const TOO_LARGE = refusal('too-large', `request too large (at most ${MAX_MATCHMAKE_BODY} bytes)`);
const NOT_ALLOWED = refusal('method-not-allowed', 'matchmaking takes POST (and CORS preflights) only', { Allow: 'POST, OPTIONS' });
const FOREIGN_ORIGIN = refusal('foreign-origin', 'this lobby does not serve pages from your origin (see ALLOWED_ORIGINS)');
const NOT_AN_OBJECT = refusal('bad-request', 'the request body must be a JSON object');

type JsonBody = { readonly kind: 'json'; readonly bytes: Buffer } | { readonly kind: 'refused'; readonly refusal: Refusal } | { readonly kind: 'aborted' };

/** The body as Colyseus will parse it: a JSON object of at most MAX_MATCHMAKE_BODY bytes. */
async function readJsonBody(request: IncomingMessage): Promise<JsonBody> {
  const read = await readBody(request, MAX_MATCHMAKE_BODY);
  if (read.kind === 'aborted') return read;
  if (read.kind === 'too-large') return { kind: 'refused', refusal: TOO_LARGE };
  let json: unknown;
  try {
    json = JSON.parse(read.bytes.toString('utf8'));
  } catch {
    return { kind: 'refused', refusal: NOT_AN_OBJECT };
  }
  return isRecord(json) ? { kind: 'json', bytes: read.bytes } : { kind: 'refused', refusal: NOT_AN_OBJECT };
}

function refuse(response: ServerResponse, refusal: Refusal): void {
  response.writeHead(refusal.status, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    Connection: 'close',
    ...refusal.headers,
  });
  response.end(JSON.stringify({ code: refusal.status, error: refusal.error }));
}

import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Logger } from '../log.js';
import type { LobbyLimits } from './lobby-limits.js';
import { KeyedBuckets } from './token-bucket.js';

/** Matchmaking requests carry a name and a few options: anything larger is not a real client. */
const MAX_MATCHMAKE_BODY = 4 * 1024;
const MAX_TRACKED_ADDRESSES = 100_000;
const SWEEP_INTERVAL_MS = 60_000;

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Colyseus answers `POST /matchmake/<method>/<room>` itself and has no limits: it buffers any
 * body, and it takes the client address from `X-Forwarded-For` if present (so a client could
 * pick its own). This gate runs before Colyseus's handler: it refuses oversized bodies, limits
 * creations and join attempts per socket address with token buckets, and strips the forwarding
 * headers. Joins are limited here and not in `onAuth` because Colyseus rejects an unknown room id
 * before calling `onAuth`, so failed code guesses would never be counted there.
 */
export function installMatchmakeGate(server: HttpServer, limits: LobbyLimits, logger: Logger): () => void {
  const creates = new KeyedBuckets(limits.creates, MAX_TRACKED_ADDRESSES);
  const joins = new KeyedBuckets(limits.joins, MAX_TRACKED_ADDRESSES);
  const inner = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const refusal = request.method === 'POST' ? checkMatchmake(request, creates, joins) : undefined;
    if (refusal === undefined) {
      for (const listener of inner) listener.call(server, request, response);
      return;
    }
    // debug: a flood of refused requests must not become a flood of log lines.
    logger.debug({ ip: request.socket.remoteAddress, url: request.url, reason: refusal.error }, 'matchmake refused');
    // colyseus.js reads `{ code, error }` from the body and raises a MatchMakeError with it.
    response.writeHead(refusal.status, { 'Content-Type': 'application/json', Connection: 'close' });
    response.end(JSON.stringify({ code: refusal.status, error: refusal.error }));
  });
  const sweeper = setInterval(() => {
    creates.sweep(Date.now());
    joins.sweep(Date.now());
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();
  return () => clearInterval(sweeper);
}

interface Refusal {
  readonly status: number;
  readonly error: string;
}

function checkMatchmake(request: IncomingMessage, creates: KeyedBuckets, joins: KeyedBuckets): Refusal | undefined {
  const method = /\/matchmake\/([A-Za-z]+)\//.exec(request.url ?? '')?.[1];
  if (method === undefined) return undefined;
  delete request.headers['x-forwarded-for'];
  delete request.headers['x-real-ip'];
  if (Number(request.headers['content-length'] ?? 0) > MAX_MATCHMAKE_BODY) return { status: 413, error: 'request too large' };
  // A chunked body has no length up front: cut the connection once it exceeds the cap.
  let received = 0;
  request.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > MAX_MATCHMAKE_BODY) request.destroy();
  });
  const address = request.socket.remoteAddress ?? 'unknown';
  const buckets = method === 'create' ? creates : joins;
  if (!buckets.take(address, Date.now())) return { status: 429, error: 'too many requests: rate limited, try again shortly' };
  return undefined;
}

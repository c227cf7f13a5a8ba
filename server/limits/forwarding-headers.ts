import type { IncomingHttpHeaders } from 'node:http';

/**
 * Colyseus takes a client's address from `X-Real-IP` or `X-Forwarded-For` when present, for
 * matchmaking and for WebSocket joins alike, so a client could name any address it likes. Every
 * request Colyseus sees has them removed first: the address is the TCP peer's. (Behind a reverse
 * proxy every client then shares the proxy's address; see docs/SPEC.md.)
 */
export function stripForwarding(headers: IncomingHttpHeaders): void {
  delete headers['x-forwarded-for'];
  delete headers['x-real-ip'];
}

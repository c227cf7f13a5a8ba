import type { IncomingMessage } from 'node:http';
import { originAllowed, type OriginPolicy } from '../http/origin-policy.js';
import type { Logger } from '../log.js';
import { addressKey } from './address-key.js';
import { AddressTally } from './address-tally.js';
import { stripForwarding } from './forwarding-headers.js';
import { parseRoomSocketUrl } from './room-socket-url.js';
import type { SeatLedger } from './seat-ledger.js';

/** The `verifyClient` hook of the `ws` server under Colyseus's WebSocketTransport (asynchronous form). */
export type VerifyClient = (
  info: { readonly origin: string | undefined; readonly req: IncomingMessage },
  callback: (verified: boolean, code?: number, message?: string) => void,
) => void;

export interface SocketGateOptions {
  readonly origins: OriginPolicy;
  readonly socketsPerAddress: number;
  readonly seats: SeatLedger;
  readonly logger: Logger;
}

/**
 * Checks every WebSocket upgrade before Colyseus sees it: forwarding headers removed (the room's
 * `onAuth` gets the real address), the URL is a room socket as colyseus.js builds it (400), the
 * page's origin is allowed (403), and the address has fewer than `socketsPerAddress` sockets open
 * (429). A socket counts until its TCP connection closes. An admitted socket uses its seat
 * reservation, which then no longer counts toward the address's unused ones.
 */
export function socketGate(options: SocketGateOptions): VerifyClient {
  const sockets = new AddressTally<object>(options.socketsPerAddress);
  const admit = (origin: string | undefined, req: IncomingMessage): SocketRefusal | undefined => {
    const url = parseRoomSocketUrl(req.url ?? '');
    if (!url.ok) return { code: 400, reason: url.reason };
    if (!originAllowed(options.origins, origin, req.headers.host)) return { code: 403, reason: 'this lobby does not serve pages from your origin' };
    const address = addressKey(req.socket.remoteAddress);
    if (address === undefined) return { code: 400, reason: 'no client address' };
    const socket = req.socket;
    if (!sockets.claim(address, socket)) return { code: 429, reason: `too many open connections from your address (${options.socketsPerAddress})` };
    socket.once('close', () => sockets.release(socket));
    options.seats.seatUsed(url.value.sessionId);
    return undefined;
  };
  return ({ origin, req }, callback) => {
    stripForwarding(req.headers);
    const refusal = admit(origin, req);
    if (refusal === undefined) {
      callback(true);
      return;
    }
    options.logger.debug({ ip: req.socket.remoteAddress, url: req.url?.slice(0, 200), ...refusal }, 'socket refused');
    callback(false, refusal.code, refusal.reason);
  };
}

interface SocketRefusal {
  readonly code: number;
  readonly reason: string;
}

import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { addressKey } from '../limits/address-key.js';
import { KeyedBuckets, type RateLimit } from '../limits/token-bucket.js';
import type { Logger } from '../log.js';
import { answerStunRequest, readStunRequest } from './stun-message.js';

/**
 * Binding requests answered per address: a browser sends a handful per ICE gathering (a few
 * retransmissions per STUN URL), so this lets a family behind one NAT gather many times a minute,
 * and keeps the server from being a useful reflector (each answer is 44 or 56 bytes).
 */
const DEFAULT_RATE: RateLimit = { burst: 40, perSecond: 4 };
/** Addresses tracked at once; beyond, unknown addresses are refused until buckets refill. */
const MAX_TRACKED_ADDRESSES = 10_000;

export interface StunServerOptions {
  readonly port: number;
  /** Where to listen: the lobby's host (`0.0.0.0` or `::` for every interface). */
  readonly host: string;
  readonly rate?: RateLimit;
  readonly logger?: Logger;
  readonly now?: () => number;
}

/** What the server did with the datagrams it got. */
export interface StunCounters {
  answered: number;
  /** Datagrams that were not STUN requests (other protocols, responses, malformed bytes). */
  ignored: number;
  /** Requests over their address's rate. */
  limited: number;
}

export interface StunServer {
  readonly port: number;
  readonly counters: Readonly<StunCounters>;
  close(): Promise<void>;
}

/**
 * A STUN server (RFC 8489 Binding) on UDP beside the lobby: players learn their public address
 * from the lobby they already reach, so two homes behind ordinary NATs connect directly with no
 * third-party server and no configuration. Anything that is not a well-formed request is
 * counted and dropped without an answer; requests past an address's rate too.
 */
export async function startStunServer(options: StunServerOptions): Promise<StunServer> {
  const socket = createSocket({ type: options.host.includes(':') ? 'udp6' : 'udp4' });
  const counters: StunCounters = { answered: 0, ignored: 0, limited: 0 };
  const buckets = new KeyedBuckets(options.rate ?? DEFAULT_RATE, MAX_TRACKED_ADDRESSES);
  const now = options.now ?? Date.now;
  socket.on('message', (datagram: Buffer, from: RemoteInfo) => {
    const request = readStunRequest(datagram);
    if (typeof request === 'string') {
      counters.ignored += 1;
      return;
    }
    const key = addressKey(from.address);
    if (key === undefined || !buckets.take(key, now())) {
      counters.limited += 1;
      return;
    }
    counters.answered += 1;
    socket.send(answerStunRequest(request, from), from.port, from.address);
  });
  // A send to an address that is gone reports an error here; it concerns nobody else.
  socket.on('error', (error) => options.logger?.debug({ err: error }, 'STUN socket error'));
  await bind(socket, options.port, options.host);
  return {
    port: socket.address().port,
    counters,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

function bind(socket: Socket, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error): void => reject(error);
    socket.once('error', failed);
    socket.bind(port, host, () => {
      socket.off('error', failed);
      resolve();
    });
  });
}

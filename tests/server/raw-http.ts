import { request } from 'node:http';
import { connect } from 'node:net';
import { newPlayerKey } from '../../src/net/lobby-client.js';
import { newPeerId } from '../../src/protocol/peer-id.js';

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

export interface RawRequest {
  readonly method?: string;
  /** Sent exactly as given (no normalisation), e.g. `/matchmake//joinById/X`. */
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Source address on this machine (any of 127.0.0.0/8 reaches the lobby): another "client address". */
  readonly localAddress?: string;
}

/** One HTTP request to the lobby on loopback, with a raw path, on a fresh connection. */
export function rawRequest(port: number, options: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'POST',
        path: options.path,
        agent: false,
        headers: { 'Content-Type': 'application/json', ...options.headers },
        ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** The options a real client sends to create or join (a fresh identity each time), as JSON. */
export function joinOptions(name: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ name, playerKey: newPlayerKey(), peerId: newPeerId(), ...extra });
}

export interface RawExchange {
  /** Everything the server sent before it closed the connection. */
  readonly received: string;
  /** True if the server closed the connection (rather than waiting for more). */
  readonly closed: boolean;
}

export interface ExchangeOptions {
  readonly body?: Buffer;
  readonly localAddress?: string;
  /** Stop (and close our end) once what was received satisfies this; by default wait for the server to close. */
  readonly until?: (received: string) => boolean;
}

/**
 * Writes `head` and then the body on a plain TCP connection and collects what comes back until
 * the server closes the connection (or `until` holds). For requests no HTTP client would send
 * as-is (huge declared bodies, chunked uploads cut short, upgrades followed by garbage frames).
 */
export function rawExchange(port: number, head: string, options: ExchangeOptions = {}): Promise<RawExchange> {
  const { body = Buffer.alloc(0), localAddress, until } = options;
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, ...(localAddress === undefined ? {} : { localAddress }) });
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (until?.(received) === true) {
        resolve({ received, closed: false });
        socket.destroy();
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The server may reset a connection whose upload it refused to read: what it answered still counts.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') resolve({ received, closed: true });
      else reject(error);
    });
    socket.on('close', () => resolve({ received, closed: true }));
    socket.on('connect', () => {
      socket.write(head);
      if (body.length > 0) socket.write(body);
    });
  });
}

/** The status code of the first HTTP response in `received` (0 if none). */
export function statusOf(received: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);
}

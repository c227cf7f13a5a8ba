import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';

/** The lobby's HTTP endpoints: matchmaking (Colyseus), the games list, one game by code, health. */
const LOBBY_HTTP_PATH = /^\/(?:matchmake\/|games(?:[/?]|$)|healthz(?:\?|$))/;
/** A Colyseus room socket: `/<processId>/<roomId>?sessionId=…`. */
const ROOM_SOCKET_PATH = /^\/[\w-]+\/[\w-]+(?:\?|$)/;
/** Vite's own hot-reload socket, which must never be taken. */
const VITE_HMR_PROTOCOL = 'vite-hmr';

/** Where the dev server's lobby listens (loopback only: players reach it through the dev server). */
export interface LobbyAddress {
  readonly host: string;
  readonly port: number;
}

/** Whether a request to the dev server is the lobby's (the rest is Vite's: pages, modules, HMR). */
export function isLobbyRequest(url: string | undefined): boolean {
  return url !== undefined && LOBBY_HTTP_PATH.test(url);
}

/** Whether an upgrade to the dev server is a lobby room socket rather than Vite's hot reload. */
export function isLobbyUpgrade(message: Pick<IncomingMessage, 'url' | 'headers'>): boolean {
  return message.url !== undefined && ROOM_SOCKET_PATH.test(message.url) && message.headers['sec-websocket-protocol'] !== VITE_HMR_PROTOCOL;
}

/** Passes one HTTP request to the lobby and its answer back, headers and body unchanged. */
export function forwardRequest(lobby: LobbyAddress, incoming: IncomingMessage, outgoing: ServerResponse): void {
  const upstream = request({ host: lobby.host, port: lobby.port, method: incoming.method, path: incoming.url, headers: incoming.headers }, (answer) => {
    outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(outgoing);
  });
  upstream.on('error', () => {
    if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
    outgoing.end('lobby unavailable');
  });
  incoming.pipe(upstream);
}

/**
 * Tunnels one WebSocket upgrade to the lobby byte for byte: the request as it came, then both
 * directions piped, so the lobby sees the page's own Origin and Host and answers the handshake
 * itself. Either side closing closes the other.
 */
export function forwardUpgrade(lobby: LobbyAddress, incoming: IncomingMessage, socket: Duplex, head: Buffer): void {
  const upstream = connect(lobby.port, lobby.host, () => {
    upstream.write(requestHead(incoming));
    if (head.length > 0) upstream.write(head);
    socket.pipe(upstream).pipe(socket);
  });
  upstream.on('error', () => socket.destroy());
  socket.on('error', () => upstream.destroy());
  socket.on('close', () => upstream.destroy());
  upstream.on('close', () => socket.destroy());
}

/** The request line and headers as received (raw header names and order kept). */
function requestHead(incoming: IncomingMessage): string {
  const lines = [`${incoming.method ?? 'GET'} ${incoming.url ?? '/'} HTTP/${incoming.httpVersion}`];
  for (let i = 0; i + 1 < incoming.rawHeaders.length; i += 2) lines.push(`${incoming.rawHeaders[i]}: ${incoming.rawHeaders[i + 1]}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

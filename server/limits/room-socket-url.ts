import { fail, ok, type Result } from '../../src/util/result.js';

/** The seat a WebSocket claims: `/<processId>/<roomId>?sessionId=…[&reconnectionToken=…]`. */
export interface RoomSocketUrl {
  readonly processId: string;
  readonly roomId: string;
  readonly sessionId: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const PATH = /^\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{1,64})$/;
/** The query parameters colyseus.js sends when it opens a room's socket. */
const KNOWN_PARAMS = new Set(['sessionId', 'reconnectionToken']);

/**
 * Reads a WebSocket request URL as Colyseus's transport does (its room id is the last path
 * segment after a process id, the seat is `sessionId`), and accepts only the shape colyseus.js
 * builds. The transport itself parses the URL outside its error handling and writes a log line
 * for every socket it cannot seat; refusing other shapes before the upgrade keeps both from ever
 * seeing them.
 */
export function parseRoomSocketUrl(url: string): Result<RoomSocketUrl> {
  const [path = '', query = '', ...rest] = url.split('?');
  const match = PATH.exec(path);
  if (match === null || rest.length > 0) return fail('a room socket is /<process>/<room>?sessionId=<seat>');
  const params = new URLSearchParams(query);
  for (const [name, value] of params) {
    if (!KNOWN_PARAMS.has(name) || !ID.test(value) || params.getAll(name).length > 1) return fail(`unexpected query parameter "${name.slice(0, 32)}"`);
  }
  const sessionId = params.get('sessionId');
  if (sessionId === null) return fail('a room socket needs its sessionId');
  return ok({ processId: match[1] ?? '', roomId: match[2] ?? '', sessionId });
}

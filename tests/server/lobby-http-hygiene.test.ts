import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { inlineStyleHashes } from '../../server/http/security-headers.js';
import { useSuiteLobby } from '../support/suite-lobby.js';
import { rawExchange, rawRequest } from './raw-http.js';

/** The built game (`npm run build`; `npm test` builds first). */
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every log line the lobby writes, as parsed JSON. */
const lines: Record<string, unknown>[] = [];
const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });

/** A WebSocket frame no server accepts: opcode 3 is reserved (masked, as a client must send it). */
const BAD_FRAME = Buffer.from([0x83, 0x80, 1, 2, 3, 4]);
const BAD_SOCKETS = 100;

describe('what the lobby\'s HTTP side shows strangers (real lobby serving the built game)', () => {
  const { lobby } = useSuiteLobby({ staticDir: DIST, logger, colyseusLogRate: { burst: 5, perSecond: 0.001 } });
  const get = (path: string, method = 'GET') => rawRequest(lobby().port, { method, path });

  it('answers a missing asset, undecodable paths and unknown routes with a short plain status, details only in the log', async () => {
    const cases: [string, string, number][] = [
      ['GET', '/assets/nope.js', 404],
      ['GET', '/join/%00%ff', 400],
      ['GET', '/%E0%A4%A', 400], // a path that does not decode names no file
      ['GET', '/assets/%E0%A4%A', 400],
      ['GET', '/nope', 404],
      ['POST', '/games', 404],
      ['DELETE', '/', 404],
      ['GET', '/../../etc/passwd', 404],
    ];
    for (const [method, path, status] of cases) {
      const answer = await get(path, method);
      expect({ path, status: answer.status, type: answer.headers['content-type'] }).toEqual({ path, status, type: 'text/plain; charset=utf-8' });
      expect(answer.body).toMatch(/^(Not Found|Bad Request)$/);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
    }
    const logged = JSON.stringify(lines);
    expect(logged).not.toMatch(/\\n\s+at /); // no stack trace in any log line
    // Errors are logged at debug (20), one line each; a plain 404 (no route) is not logged at all.
    const refused = lines.filter((line) => line['msg'] === 'site request refused');
    expect(refused.map((line) => [line['level'], line['url'], line['status']])).toEqual([
      [20, '/assets/nope.js', 404],
      [20, '/join/%00%ff', 400],
      [20, '/%E0%A4%A', 400],
      [20, '/assets/%E0%A4%A', 400],
    ]);
    expect(logged).toContain(ROOT); // the details (the file's path) are in the log, never in an answer
  });

  it('serves the page with a CSP naming its own host for WebSockets, no framing, no sniffing, no referrer', async () => {
    for (const path of ['/', '/join/ABCDEF']) {
      const page = await get(path);
      expect(page.status).toBe(200);
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${lobby().port} wss://127.0.0.1:${lobby().port}`);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self';"); // no inline script, no eval (msgpack's no-eval builds, vite.config.ts)
      for (const hash of inlineStyleHashes(readFileSync(`${DIST}index.html`, 'utf8'))) expect(csp).toContain(hash);
      expect(page.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
        'cross-origin-resource-policy': 'same-origin',
      });
    }
    const odd = await rawRequest(lobby().port, { method: 'GET', path: '/', headers: { Host: "evil; script-src 'unsafe-inline'" } });
    expect(String(odd.headers['content-security-policy'])).toContain("connect-src 'self'; ");
  });

  it(`writes at most the log budget for ${BAD_SOCKETS} sockets that claim no seat and send a malformed frame`, async () => {
    const before = lines.length;
    const upgrade = `GET /p/ABCDEF?sessionId=nobody HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;
    for (let socket = 0; socket < BAD_SOCKETS; socket += 1) {
      const exchange = await rawExchange(lobby().port, upgrade, { body: BAD_FRAME });
      expect(exchange.closed).toBe(true);
    }
    // Colyseus tried to log twice per socket (no seat; bad frame): 5 lines got through, one line each.
    const written = lines.slice(before).filter((line) => line['component'] === 'colyseus');
    expect(written).toHaveLength(5);
    for (const line of written) expect(String(line['msg'])).not.toContain('\n');
  });
});

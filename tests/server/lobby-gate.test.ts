import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../server/limits/lobby-limits.js';
import { LobbySession } from '../../src/net/lobby-client.js';
import { MATCH_ROOM } from '../../src/protocol/lobby-messages.js';
import { useSuiteLobby } from '../support/suite-lobby.js';
import { joinOptions, rawExchange, rawRequest, statusOf, type RawResponse } from './raw-http.js';

/** Colyseus's own code for an unknown room id: the request reached matchmaking. */
const UNKNOWN_ROOM = 4212;
/** Refill so slow (one token per 100 s) that nothing refills during a test: counts are exact. */
const SLOW = 0.01;

/** URLs Colyseus 0.16 runs as `joinById(code)` although they are not the canonical path (see routeOf). */
const bypassesOf = (code: string): string[] => [
  `/matchmake//joinById/${code}`,
  `/matchmake?/joinById/${code}`,
  `/x/matchmake/joinById.${code}`,
  `/joinById/${code}/matchmakeX`,
  `/matchmake/joinById/${code}?x=1`,
  `/matchmake/joinById/${code}/`,
  `/matchmake/joinById/${code}%20`,
  `http://lobby.example/matchmake/joinById/${code}`,
];

const json = (response: RawResponse): unknown => JSON.parse(response.body);
const reachedMatchmaking = (response: RawResponse): boolean => {
  const body = json(response);
  return typeof body === 'object' && body !== null && ('sessionId' in body || ('code' in body && body.code === UNKNOWN_ROOM));
};

describe('the matchmaking gate: every URL Colyseus routes (real lobby, default rates)', () => {
  const { url, lobby, keep } = useSuiteLobby({ limits: DEFAULT_LIMITS });
  const send = (path: string, body: string, localAddress: string, headers: Record<string, string> = {}): Promise<RawResponse> =>
    rawRequest(lobby().port, { path, body, localAddress, headers });

  it('lets 0 of 15 requests on each bypass path through, and 20 of 25 guesses on the real path (JOIN_RATE)', async () => {
    const host = keep(await LobbySession.host(url(), 'Host')); // a private game: the guesser's target
    const attacker = '127.0.0.2';
    const passed = new Map<string, number>();
    for (const path of bypassesOf(host.welcome.code)) {
      const answers = await Promise.all(Array.from({ length: 15 }, () => send(path, joinOptions('Guesser'), attacker)));
      passed.set(path, answers.filter(reachedMatchmaking).length);
      for (const answer of answers) {
        expect(answer.status).toBe(400);
        expect(json(answer)).toMatchObject({ code: 400, error: expect.stringMatching(/matchmaking/) });
      }
    }
    expect([...passed.values()]).toEqual(bypassesOf(host.welcome.code).map(() => 0));
    // The bypasses cost the join bucket nothing; guesses on the real path get the bucket's 20.
    const guesses = [];
    for (let guess = 0; guess < 25; guess += 1) guesses.push(await send('/matchmake/joinById/ZZZZZZ', joinOptions('Guesser'), attacker));
    expect(guesses.filter(reachedMatchmaking)).toHaveLength(DEFAULT_LIMITS.joins.burst);
    expect(guesses.slice(DEFAULT_LIMITS.joins.burst).map((answer) => answer.status)).toEqual([429, 429, 429, 429, 429]);
  });

  it('charges an invite page\'s game lookup (GET /games/CODE) to the same join budget: 10 lookups and 15 guesses get 20 answers', async () => {
    const guesser = '127.0.0.7';
    const lookups = [];
    for (let lookup = 0; lookup < 10; lookup += 1) lookups.push(await rawRequest(lobby().port, { method: 'GET', path: '/games/ZZZZZZ', body: '', localAddress: guesser }));
    expect(lookups.map((answer) => answer.status)).toEqual(Array.from({ length: 10 }, () => 404));
    const guesses = [];
    for (let guess = 0; guess < 15; guess += 1) guesses.push(await send('/matchmake/joinById/ZZZZZZ', joinOptions('Guesser'), guesser));
    expect(guesses.filter(reachedMatchmaking)).toHaveLength(DEFAULT_LIMITS.joins.burst - 10);
    const late = await rawRequest(lobby().port, { method: 'GET', path: '/games/ZZZZZZ', body: '', localAddress: guesser });
    expect(late.status).toBe(429);
  });

  it('refuses an 8 MB body on every matchmaking path (413, or 400 for the path itself) and closes the connection without reading it', async () => {
    const canonical = ['/matchmake/joinById/ABCDEF', `/matchmake/create/${MATCH_ROOM}`];
    for (const path of [...canonical, ...bypassesOf('ABCDEF')]) {
      const declared = await rawExchange(
        lobby().port,
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${8 * 1024 * 1024}\r\n\r\n`,
        { body: Buffer.alloc(64 * 1024, 0x20) },
      );
      expect({ path, status: statusOf(declared.received), closed: declared.closed }).toEqual({ path, status: 413, closed: true });
      const chunk = Buffer.alloc(8 * 1024, 0x20);
      const chunked = await rawExchange(
        lobby().port,
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
        { body: Buffer.concat([Buffer.from('2000\r\n'), chunk, Buffer.from('\r\n2000\r\n'), chunk, Buffer.from('\r\n')]) },
      );
      // A chunked upload announces no size: on the real path it is cut at 4 KiB; a bypass path is
      // refused for its path before a byte of it is read.
      const expected = canonical.includes(path) ? 413 : 400;
      expect({ path, status: statusOf(chunked.received), closed: chunked.closed }).toEqual({ path, status: expected, closed: true });
    }
  });

  it('answers methods Colyseus would leave hanging (405), and refuses bodies that are not a JSON object (400)', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH', 'HEAD']) {
      for (const path of ['/matchmake/joinById/ABCDEF', '/x/matchmake']) {
        const answer = await rawRequest(lobby().port, { method, path });
        expect({ method, path, status: answer.status, allow: answer.headers['allow'] }).toEqual({ method, path, status: 405, allow: 'POST, OPTIONS' });
      }
    }
    for (const body of ['{', '', '[]', 'null', '"x"', '{"name":']) {
      const answer = await send(`/matchmake/create/${MATCH_ROOM}`, body, '127.0.0.3');
      expect(answer.status).toBe(400);
      expect(json(answer)).toEqual({ code: 400, error: '[bad-request] the request body must be a JSON object' });
    }
  });

  it('serves the page\'s own origin and programs without one, refuses other origins (403), preflights included', async () => {
    const own = `http://127.0.0.1:${lobby().port}`;
    const create = (origin: string | undefined): Promise<RawResponse> =>
      send(`/matchmake/create/${MATCH_ROOM}`, joinOptions('Page'), '127.0.0.4', origin === undefined ? {} : { Origin: origin });
    expect((await create('http://evil.example')).status).toBe(403);
    expect(json(await create('null'))).toMatchObject({ code: 403, error: expect.stringContaining('origin') });
    expect(json(await create(own))).toMatchObject({ sessionId: expect.any(String) });
    expect(json(await create(undefined))).toMatchObject({ sessionId: expect.any(String) });

    const preflight = (origin: string): Promise<RawResponse> =>
      rawRequest(lobby().port, { method: 'OPTIONS', path: `/matchmake/create/${MATCH_ROOM}`, headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' } });
    const allowed = await preflight(own);
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(own);
    expect((await preflight('http://evil.example')).status).toBe(403);

    const upgrade = (origin: string, path = '/p/ABCDEF?sessionId=s'): Promise<string> =>
      rawExchange(lobby().port, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${lobby().port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: ${origin}\r\n\r\n`, {
        until: (received) => received.includes('\r\n\r\n'),
      }).then((exchange) => exchange.received);
    expect(statusOf(await upgrade('http://evil.example'))).toBe(403);
    expect(statusOf(await upgrade(own))).toBe(101); // then Colyseus finds no seat and closes it
    expect(statusOf(await upgrade(own, '/matchmake/joinById/ABCDEF'))).toBe(400);
  });
});

describe('the matchmaking gate: what each call is charged (real lobby, tight rates)', () => {
  const { lobby } = useSuiteLobby({ limits: { ...DEFAULT_LIMITS, creates: { burst: 2, perSecond: SLOW }, joins: { burst: 3, perSecond: SLOW } } });
  const send = (method: string, room: string): Promise<RawResponse> =>
    rawRequest(lobby().port, { path: `/matchmake/${method}/${room}`, body: joinOptions('Counted'), localAddress: '127.0.0.5' });

  it('charges joinOrCreate to the create bucket and the join bucket', async () => {
    expect(json(await send('joinOrCreate', MATCH_ROOM))).toMatchObject({ sessionId: expect.any(String) }); // create 1 of 2, join 1 of 3
    expect(json(await send('joinOrCreate', MATCH_ROOM))).toMatchObject({ sessionId: expect.any(String) }); // create 2 of 2, join 2 of 3
    expect((await send('create', MATCH_ROOM)).status).toBe(429);
    expect((await send('joinOrCreate', MATCH_ROOM)).status).toBe(429);
    expect(json(await send('joinById', 'ZZZZZZ'))).toMatchObject({ code: UNKNOWN_ROOM }); // join 3 of 3
    expect((await send('joinById', 'ZZZZZZ')).status).toBe(429);
  });
});

import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { matchMaker, Server, ServerError } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeOf, type ColyseusReading } from '../../server/limits/matchmake-route.js';
import { seededRandom } from '../../src/util/seeded-random.js';
import { present } from '../support/wait.js';
import { rawRequest } from './raw-http.js';

/** Pieces random URLs are made of: separators, look-alikes of the route, methods, room ids. */
const PIECES = ['/', '/', '//', '?', '.', '-', '_', '=', '&', ';', '%20', '%2F', '\\', 'matchmake', 'matchmake', 'matchmakeX', 'xmatchmake', 'joinById', 'create', 'joinOrCreate', 'ABCDEF', 'match', 'x'];
const RANDOM_URLS = 400;

function randomUrl(random: () => number): string {
  let url = '/';
  const length = 1 + Math.floor(random() * 8);
  for (let index = 0; index < length; index += 1) url += PIECES[Math.floor(random() * PIECES.length)] ?? '';
  return url;
}

/** What happened to a request in plain Colyseus: the site got it, or matchmaking was called with (method, room). */
type Outcome = { readonly to: 'site' } | { readonly to: 'matchmaking'; readonly reads: ColyseusReading };

/**
 * Plain Colyseus 0.16 (no gate) on loopback, with its matchmaking controller recording the call it
 * is asked to make instead of making it, and a site that records what reaches it. This is the
 * reference the gate's URL reader (routeOf) is compared with.
 */
describe('routeOf reads URLs as Colyseus 0.16 itself does', () => {
  let http: HttpServer | undefined;
  let transport: WebSocketTransport | undefined;
  const invoke = matchMaker.controller.invokeMethod.bind(matchMaker.controller);
  let last: Outcome | undefined;
  /** Read through a function: the request's handlers set it while the test awaits. */
  const recorded = (): Outcome | undefined => last;

  beforeAll(async () => {
    http = createServer((_request, response) => {
      last = { to: 'site' };
      response.end();
    });
    transport = new WebSocketTransport({ server: http });
    new Server({ transport, greet: false, gracefullyShutdown: false });
    matchMaker.controller.invokeMethod = (method, roomName) => {
      last = { to: 'matchmaking', reads: { method, room: roomName } };
      return Promise.reject(new ServerError(4210, 'recorded, not run'));
    };
    await new Promise<void>((resolve) => http?.listen(0, '127.0.0.1', resolve));
  });

  afterAll(() => {
    matchMaker.controller.invokeMethod = invoke;
    transport?.shutdown();
  });

  const outcomeOf = async (path: string): Promise<Outcome> => {
    last = undefined;
    await rawRequest((present(http, 'http').address() as AddressInfo).port, { path, body: '{}' });
    return present(recorded(), `the outcome of ${path}`);
  };
  const predicted = (url: string): Outcome => {
    const route = routeOf(url);
    return route.kind === 'site' ? { to: 'site' } : { to: 'matchmaking', reads: route.reads };
  };

  it(`agrees on ${RANDOM_URLS} random URLs and on the known bypasses, and accepts only URLs whose call is the same`, async () => {
    const random = seededRandom(2026);
    const known = ['/matchmake/joinById/ABCDEF', '/matchmake//joinById/ABCDEF', '/matchmake?/joinById/ABCDEF', '/x/matchmake/joinById.ABCDEF', '/joinById/ABCDEF/matchmakeX', 'http://lobby.example/matchmake/joinById/ABCDEF', '/matchmake/joinById/ABCDEF#x'];
    const urls = [...known, ...Array.from({ length: RANDOM_URLS }, () => randomUrl(random))];
    let canonical = 0;
    for (const url of urls) {
      const outcome = await outcomeOf(url);
      expect({ url, outcome }).toEqual({ url, outcome: predicted(url) });
      const route = routeOf(url);
      if (route.kind === 'matchmake' && route.call.ok) {
        canonical += 1;
        expect(route.reads).toEqual(route.call.value); // what the gate lets through is exactly what Colyseus runs
      }
    }
    expect(canonical).toBeGreaterThan(0);
  });
});

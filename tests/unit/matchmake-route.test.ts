import { matchMaker } from '@colyseus/core';
import { describe, expect, it } from 'vitest';
import { CHARGES, MATCHMAKE_METHODS, routeOf } from '../../server/limits/matchmake-route.js';

/** Each URL that Colyseus 0.16 routes to `joinById("ABCDEF")` without being the canonical path. */
const JOIN_BY_ID_BYPASSES = [
  '/matchmake//joinById/ABCDEF', // the three
  '/matchmake?/joinById/ABCDEF',
  '/x/matchmake/joinById.ABCDEF',
  '/joinById/ABCDEF/matchmakeX', // no run is exactly "matchmake": Colyseus takes the URL's first two runs
  '/joinById/ABCDEF/matchmake-x',
  '/matchmake/joinById/ABCDEF/',
  '/matchmake/joinById/ABCDEF?',
  '/matchmake/joinById/ABCDEF?a=b',
  '/matchmake/joinById/ABCDEF#x',
  '/matchmake/joinById/ABCDEF.json',
  '/matchmake/joinById/ABCDEF%20',
  '/matchmake/joinById/ABCDEF/extra',
  '/matchmake/joinById;/ABCDEF',
  '/matchmake\\joinById\\ABCDEF',
  '//matchmake/joinById/ABCDEF',
  '/assets/matchmake/joinById/ABCDEF',
  'http://lobby.example/matchmake/joinById/ABCDEF', // absolute-form request target
  '/matchmake/./joinById/ABCDEF',
  '/matchmake/joinById/ABCDEF%2F..',
];

describe('matchmaking URLs, read as Colyseus 0.16 reads them', () => {
  it('knows the methods Colyseus exposes', () => {
    expect([...MATCHMAKE_METHODS].sort()).toEqual([...matchMaker.controller.exposedMethods].sort());
  });

  it('accepts exactly /matchmake/<method>/<room> for every exposed method', () => {
    for (const method of MATCHMAKE_METHODS) {
      expect(routeOf(`/matchmake/${method}/match`)).toEqual({
        kind: 'matchmake',
        call: { ok: true, value: { method, room: 'match' } },
        reads: { method, room: 'match' },
      });
    }
    expect(routeOf('/matchmake/joinById/AB-C_9')).toMatchObject({ call: { ok: true, value: { room: 'AB-C_9' } } });
  });

  it.each(JOIN_BY_ID_BYPASSES)('refuses %s, which Colyseus would run as joinById("ABCDEF")', (url) => {
    const route = routeOf(url);
    expect(route).toMatchObject({ kind: 'matchmake', call: { ok: false }, reads: { method: 'joinById', room: 'ABCDEF' } });
  });

  it('says why a path is refused', () => {
    expect(routeOf('/x/matchmake/create/match')).toMatchObject({ call: { ok: false, reason: expect.stringContaining('go to /matchmake/') } });
    expect(routeOf('/matchmake/joinbyid/ABCDEF')).toMatchObject({ call: { ok: false, reason: 'unknown matchmaking method "joinbyid"' } });
    expect(routeOf('/matchmake/create/match?')).toMatchObject({ call: { ok: false, reason: expect.stringContaining('exactly /matchmake/create/<room>') } });
    expect(routeOf('/matchmake/create')).toMatchObject({ call: { ok: false }, reads: { method: 'create', room: '' } });
    expect(routeOf('/matchmake')).toMatchObject({ call: { ok: false }, reads: { method: undefined, room: '' } });
    expect(routeOf(`/matchmake/${'x'.repeat(5_000)}/match`)).toMatchObject({ call: { ok: false, reason: `unknown matchmaking method "${'x'.repeat(32)}"` } });
  });

  it('leaves everything without "/matchmake" to the site, as Colyseus does (case matters)', () => {
    for (const url of ['/', '/join/ABCDEF', '/games', '/MATCHMAKE/joinById/ABCDEF', '/matchMake/create/match', '/assets/index-matchmake.js', 'matchmake/create/match']) {
      expect(routeOf(url)).toEqual({ kind: 'site' });
    }
    // …but an asset whose name contains "/matchmake" would be Colyseus's (ENVIRONMENT.md).
    expect(routeOf('/assets/matchmaker-1.js')).toMatchObject({ kind: 'matchmake', call: { ok: false } });
  });

  it('charges joinOrCreate as a create and a join, and reconnect no new seat', () => {
    expect(CHARGES.joinOrCreate).toEqual({ creates: true, joins: true, reservesSeat: true });
    expect(CHARGES.create).toEqual({ creates: true, joins: false, reservesSeat: true });
    expect(CHARGES.joinById).toEqual({ creates: false, joins: true, reservesSeat: true });
    expect(CHARGES.reconnect).toEqual({ creates: false, joins: true, reservesSeat: false });
  });
});

import { describe, expect, it } from 'vitest';
import { addressKey } from '../../server/limits/address-key.js';
import { AddressTally } from '../../server/limits/address-tally.js';
import { DEFAULT_CAPS } from '../../server/limits/lobby-caps.js';
import { CHARGES } from '../../server/limits/matchmake-route.js';
import { SeatLedger } from '../../server/limits/seat-ledger.js';
import { ManualScheduler } from '../../src/time/scheduler.js';
import { expectOk } from '../support/expect-ok.js';

const reservation = (roomId: string, sessionId: string): unknown => ({ room: { roomId, name: 'match' }, sessionId });

describe('the key per-address limits count by', () => {
  it('is the IPv4 address itself, also when it arrives IPv4-mapped', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::FFFF:127.0.0.1')).toBe('127.0.0.1');
  });

  it('is the /64 for IPv6, so one home cannot spread over its 2^64 addresses', () => {
    expect(addressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff::9')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });

  it('is undefined without a usable address (the socket is gone)', () => {
    expect(addressKey(undefined)).toBeUndefined();
    expect(addressKey('')).toBeUndefined();
    expect(addressKey('not an address')).toBeUndefined();
  });
});

describe('a tally of what each address holds', () => {
  it('caps each address, frees on release, follows a rename, and forgets empty addresses', () => {
    const tally = new AddressTally<string>(2);
    expect([tally.claim('a', 'x'), tally.claim('a', 'y'), tally.claim('a', 'z'), tally.claim('b', 'z')]).toEqual([true, true, false, true]);
    tally.release('x');
    tally.release('x'); // idempotent
    expect(tally.count('a')).toBe(1);
    expect(tally.rename('y', 'room-1')).toBe(true);
    expect(tally.rename('nope', 'room-2')).toBe(false);
    expect(tally.count('a')).toBe(1);
    tally.release('room-1');
    expect(tally.count('a')).toBe(0);
    expect(tally.claim('a', 'x')).toBe(true);
  });
});

describe('the seat ledger (live rooms and unused reservations per address)', () => {
  const caps = { ...DEFAULT_CAPS, roomsPerAddress: 2, reservationsPerAddress: 3, seatReservationSeconds: 10 };

  it('counts a reservation from the call until its socket arrives or it expires', () => {
    const scheduler = new ManualScheduler();
    const ledger = new SeatLedger(caps, scheduler);
    const calls = [1, 2, 3].map(() => ledger.open('a', CHARGES.joinById));
    expect(calls.every((call) => call.ok)).toBe(true);
    expect(ledger.open('a', CHARGES.joinById)).toMatchObject({ ok: false, reason: expect.stringContaining('unused seat reservations') });
    expect(ledger.open('b', CHARGES.joinById).ok).toBe(true); // another address has its own
    const [first, second, third] = calls.map((call) => expectOk(call));
    first?.settle(reservation('ROOM01', 's1'));
    second?.settle(new Error('room "ZZZZZZ" not found')); // a refused call holds nothing
    third?.settle(reservation('ROOM01', 's3'));
    expect(ledger.held('a').reservations).toBe(2);
    ledger.seatUsed('s1');
    expect(ledger.held('a').reservations).toBe(1);
    scheduler.advance(9_999);
    expect(ledger.held('a').reservations).toBe(1);
    scheduler.advance(1);
    expect(ledger.held('a').reservations).toBe(0);
    third?.settle(undefined); // settled once: ignored
    expect(ledger.held('a').reservations).toBe(0);
  });

  it('counts a room from the creating call until Colyseus disposes of it', () => {
    const ledger = new SeatLedger(caps, new ManualScheduler());
    const create = expectOk(ledger.open('a', CHARGES.create));
    ledger.roomCreated('ROOM01');
    create.settle(reservation('ROOM01', 's1'));
    const joinOrCreate = expectOk(ledger.open('a', CHARGES.joinOrCreate));
    expect(ledger.held('a').rooms).toBe(2); // one room, one call in flight
    expect(ledger.open('a', CHARGES.create)).toMatchObject({ ok: false, reason: expect.stringContaining('live games') });
    joinOrCreate.settle(reservation('ROOM01', 's2')); // it joined the existing room: no new room
    expect(ledger.held('a').rooms).toBe(1);
    ledger.roomDisposed('ROOM01');
    expect(ledger.held('a').rooms).toBe(0);
  });

  it('gives a refused call back both its room and its reservation', () => {
    const ledger = new SeatLedger({ ...caps, reservationsPerAddress: 1 }, new ManualScheduler());
    expectOk(ledger.open('a', CHARGES.joinById));
    expect(ledger.open('a', CHARGES.create).ok).toBe(false); // its room was released again
    expect(ledger.held('a')).toEqual({ rooms: 0, reservations: 1 });
  });

  it('does not count a reconnection, whose seat the room already holds', () => {
    const ledger = new SeatLedger(caps, new ManualScheduler());
    expectOk(ledger.open('a', CHARGES.reconnect)).settle(reservation('ROOM01', 's1'));
    expect(ledger.held('a')).toEqual({ rooms: 0, reservations: 0 });
  });
});

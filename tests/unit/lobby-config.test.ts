import { describe, expect, it } from 'vitest';
import { readLobbyConfig } from '../../server/config.js';
import { DEFAULT_CAPS } from '../../server/limits/lobby-caps.js';

describe('lobby configuration: caps, origins, TURN lifetime', () => {
  it('defaults to the documented caps, same-origin pages only, and 10-minute TURN credentials', () => {
    expect(readLobbyConfig({})).toMatchObject({
      ok: true,
      value: {
        caps: { roomsPerAddress: 8, reservationsPerAddress: 6, socketsPerAddress: 16, seatReservationSeconds: 10, idleRoomSeconds: 30 },
        origins: { allowed: new Set(), any: false },
      },
    });
    expect(readLobbyConfig({ TURN_SECRET: 's', TURN_URLS: 'turn:t:3478' })).toMatchObject({ ok: true, value: { turn: { ttlSeconds: 600 } } });
  });

  it('reads each cap and refuses bad values with the variable\'s name', () => {
    const env = { ROOMS_PER_ADDRESS: '3', RESERVATIONS_PER_ADDRESS: '4', SOCKETS_PER_ADDRESS: '40', SEAT_RESERVATION_SECONDS: '5', ROOM_IDLE_SECONDS: '60' };
    expect(readLobbyConfig(env)).toMatchObject({
      ok: true,
      value: { caps: { roomsPerAddress: 3, reservationsPerAddress: 4, socketsPerAddress: 40, seatReservationSeconds: 5, idleRoomSeconds: 60 } },
    });
    for (const [name, text] of [['ROOMS_PER_ADDRESS', '0'], ['SOCKETS_PER_ADDRESS', '2.5'], ['RESERVATIONS_PER_ADDRESS', 'many']]) {
      expect(readLobbyConfig({ [name ?? '']: text })).toMatchObject({ ok: false, reason: expect.stringContaining(name ?? '') });
    }
    expect(readLobbyConfig({ ROOM_IDLE_SECONDS: String(DEFAULT_CAPS.seatReservationSeconds - 1) })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('ROOM_IDLE_SECONDS'),
    });
  });

  it('runs the STUN server on the HTTP port number unless STUN_PORT says another or off', () => {
    expect(readLobbyConfig({})).toMatchObject({ ok: true, value: { stunPort: 'http' } });
    expect(readLobbyConfig({ STUN_PORT: '3478' })).toMatchObject({ ok: true, value: { stunPort: 3478 } });
    expect(readLobbyConfig({ STUN_PORT: 'off' })).toMatchObject({ ok: true, value: { stunPort: undefined } });
    expect(readLobbyConfig({ STUN_PORT: '70000' })).toMatchObject({ ok: false, reason: expect.stringContaining('STUN_PORT') });
  });

  it('reads ALLOWED_ORIGINS', () => {
    expect(readLobbyConfig({ ALLOWED_ORIGINS: 'https://game.example.org' })).toMatchObject({ ok: true, value: { origins: { allowed: new Set(['https://game.example.org']) } } });
    expect(readLobbyConfig({ ALLOWED_ORIGINS: 'game.example.org' })).toMatchObject({ ok: false, reason: expect.stringContaining('ALLOWED_ORIGINS') });
  });
});

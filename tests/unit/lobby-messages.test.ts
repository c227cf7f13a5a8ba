import { describe, expect, it } from 'vitest';
import { sanitizeDisplayName } from '../../src/protocol/guards.js';
import {
  MAX_SIGNAL_BYTES,
  parseIceServers,
  parseJoinOptions,
  parseSignalRequest,
  parseWelcome,
} from '../../src/protocol/lobby-messages.js';
import { readLobbyConfig } from '../../server/config.js';

describe('lobby message validation', () => {
  it('accepts a well-formed signal request', () => {
    expect(parseSignalRequest({ to: 'abc', data: '{}' })).toEqual({ ok: true, value: { to: 'abc', data: '{}' } });
  });

  it.each([
    ['a string', 'hello'],
    ['no target', { data: 'x' }],
    ['an empty target', { to: '', data: 'x' }],
    ['object data', { to: 'abc', data: { sdp: 'x' } }],
    ['oversized data', { to: 'abc', data: 'x'.repeat(MAX_SIGNAL_BYTES + 1) }],
  ])('refuses a signal with %s', (_label, value) => {
    expect(parseSignalRequest(value).ok).toBe(false);
  });

  it('cleans names: control characters, whitespace, length, empty', () => {
    expect(parseJoinOptions({ name: '  Ada\u0000\u202e  Lovelace ' })).toEqual({ name: 'Ada Lovelace' });
    expect(parseJoinOptions({ name: 'x'.repeat(100) }).name).toHaveLength(24);
    expect(parseJoinOptions({ name: '   ' })).toEqual({ name: 'Player' });
    expect(parseJoinOptions(null)).toEqual({ name: 'Player' });
    expect(sanitizeDisplayName('<b>bold</b>', 24, 'P')).toBe('<b>bold</b>');
  });

  it('validates the welcome payload including ICE servers', () => {
    const welcome = { self: 'a', code: 'ABCDEF', hostId: 'a', members: [{ id: 'b', name: 'B' }], iceServers: [] };
    expect(parseWelcome(welcome).ok).toBe(true);
    expect(parseWelcome({ ...welcome, members: [{ id: 5 }] }).ok).toBe(false);
    expect(parseWelcome({ ...welcome, iceServers: [{ urls: 'http://evil' }] }).ok).toBe(false);
  });

  it('reads ICE servers from configuration and names the bad entry', () => {
    expect(parseIceServers([{ urls: ['turn:127.0.0.1:3478'], username: 'u', credential: 'c' }]).ok).toBe(true);
    expect(parseIceServers([{ urls: 'turn:x', username: 5 }])).toMatchObject({ ok: false, reason: expect.stringContaining('username') });
  });
});

describe('lobby configuration', () => {
  it('defaults to port 2567 and no ICE servers', () => {
    expect(readLobbyConfig({})).toEqual({ ok: true, value: { port: 2567, host: '0.0.0.0', iceServers: [] } });
  });

  it('refuses a bad port or bad ICE_SERVERS with a reason', () => {
    expect(readLobbyConfig({ PORT: 'eighty' })).toMatchObject({ ok: false, reason: expect.stringContaining('PORT') });
    expect(readLobbyConfig({ ICE_SERVERS: '[{' })).toMatchObject({ ok: false, reason: expect.stringContaining('JSON') });
    expect(readLobbyConfig({ ICE_SERVERS: '[{"urls":"ftp:x"}]' })).toMatchObject({ ok: false });
  });
});

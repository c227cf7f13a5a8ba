import { describe, expect, it } from 'vitest';
import { sanitizeDisplayName } from '../../src/protocol/guards.js';
import {
  MAX_SIGNAL_BYTES,
  parseIceServers,
  parseJoinOptions,
  parseSignalRequest,
  parseWelcome,
} from '../../src/protocol/lobby-messages.js';
import { parseRecreation } from '../../src/protocol/lobby-game.js';
import { isPeerId, newPeerId } from '../../src/protocol/peer-id.js';
import { readLobbyConfig } from '../../server/config.js';

describe('lobby message validation', () => {
  it('accepts a well-formed signal request', () => {
    expect(parseSignalRequest({ to: 'peer-abc-123', data: '{}' })).toEqual({ ok: true, value: { to: 'peer-abc-123', data: '{}' } });
  });

  it.each([
    ['a string', 'hello'],
    ['no target', { data: 'x' }],
    ['an empty target', { to: '', data: 'x' }],
    ['a target that is not a peer id', { to: 'a b/c<d>e', data: 'x' }],
    ['object data', { to: 'peer-abc-123', data: { sdp: 'x' } }],
    ['oversized data', { to: 'peer-abc-123', data: 'x'.repeat(MAX_SIGNAL_BYTES + 1) }],
  ])('refuses a signal with %s', (_label, value) => {
    expect(parseSignalRequest(value).ok).toBe(false);
  });

  it('cleans names: control characters, whitespace, length, empty', () => {
    const playerKey = 'k'.repeat(16);
    const peerId = 'p'.repeat(12);
    const nameOf = (name: unknown): string | undefined => {
      const parsed = parseJoinOptions({ name, playerKey, peerId });
      return parsed.ok ? parsed.value.name : undefined;
    };
    expect(nameOf('  Ada\u0000\u202e  Lovelace ')).toBe('Ada Lovelace');
    expect(nameOf('x'.repeat(100))).toHaveLength(24);
    expect(nameOf('   ')).toBe(''); // the lobby names such a member "Player N" (lobby-games.test.ts)
    expect(nameOf(7)).toBe('');
    expect(parseJoinOptions(null).ok).toBe(false);
    expect(parseJoinOptions({ name: 'A', playerKey: 'short', peerId }).ok).toBe(false);
    expect(sanitizeDisplayName('<b>bold</b>', 24, 'P')).toBe('<b>bold</b>');
  });

  it('reads the peer id and spectate flag of join options, refusing malformed ones', () => {
    const base = { name: 'A', playerKey: 'k'.repeat(16), peerId: 'Ab3xY9kLm_-Q' };
    expect(parseJoinOptions(base)).toEqual({ ok: true, value: { ...base, spectate: false } });
    expect(parseJoinOptions({ ...base, spectate: true })).toMatchObject({ ok: true, value: { spectate: true } });
    expect(parseJoinOptions({ ...base, spectate: 'yes' })).toMatchObject({ ok: false, reason: expect.stringContaining('spectate') });
    for (const peerId of [undefined, 'short', 'x'.repeat(33), 'has space in', 'émoji-peer-1', 42]) {
      expect(parseJoinOptions({ ...base, peerId })).toMatchObject({ ok: false, reason: expect.stringContaining('peerId') });
    }
  });

  it('draws peer ids that are well-formed and distinct', () => {
    const ids = new Set(Array.from({ length: 1_000 }, () => newPeerId()));
    expect(ids.size).toBe(1_000);
    for (const id of ids) expect(isPeerId(id) && id.length === 12).toBe(true);
  });

  it('validates the welcome payload including ICE servers', () => {
    const game = { gameName: 'G', isPublic: true, maxPlayers: 4, locked: false };
    const member = { id: 'peer-b-00001', name: 'B', spectator: false, ready: true, keyTag: 'bbbbbbbbbbbbbbbbbbbbbb' };
    const flags = { started: false, spectator: false, ready: false, keyTag: 'aaaaaaaaaaaaaaaaaaaaaa' };
    const order = ['peer-a-00001', 'peer-b-00001'];
    const welcome = { self: 'peer-a-00001', code: 'ABCDEF', hostId: 'peer-a-00001', members: [member], order, iceServers: [], stunPort: 2567, stunProbePort: 2568, game, ...flags };
    expect(parseWelcome(welcome).ok).toBe(true);
    expect(parseWelcome({ ...welcome, stunPort: null }).ok).toBe(true);
    expect(parseWelcome({ ...welcome, stunPort: 0 })).toMatchObject({ ok: false, reason: expect.stringContaining('stunPort') });
    expect(parseWelcome({ ...welcome, stunPort: undefined }).ok).toBe(false);
    expect(parseWelcome({ ...welcome, stunProbePort: null }).ok).toBe(true);
    expect(parseWelcome({ ...welcome, stunProbePort: 70_000 })).toMatchObject({ ok: false, reason: expect.stringContaining('stunProbePort') });
    expect(parseWelcome({ ...welcome, order: ['peer-b-00001'] })).toMatchObject({ ok: false, reason: expect.stringContaining('self') });
    expect(parseWelcome({ ...welcome, order: [...order, 'peer-a-00001'] }).ok).toBe(false);
    expect(parseWelcome({ ...welcome, members: [{ id: 5 }] }).ok).toBe(false);
    expect(parseWelcome({ ...welcome, members: [{ ...member, spectator: 'no' }] }).ok).toBe(false);
    expect(parseWelcome({ ...welcome, members: [{ ...member, keyTag: 'short' }] })).toMatchObject({ ok: false, reason: expect.stringContaining('keyTag') });
    expect(parseWelcome({ ...welcome, keyTag: undefined })).toMatchObject({ ok: false, reason: expect.stringContaining('keyTag') });
    expect(parseWelcome({ ...welcome, started: undefined }).ok).toBe(false);
    expect(parseWelcome({ ...welcome, iceServers: [{ urls: 'http://evil' }] }).ok).toBe(false);
    expect(parseWelcome({ ...welcome, game: { ...game, maxPlayers: 17 } }).ok).toBe(false);
  });

  it('reads a re-creation\'s key tags only for peers of its order', () => {
    const order = ['peer-a-00001', '__proto__'];
    const tag = 'aaaaaaaaaaaaaaaaaaaaaa';
    const parsed = parseRecreation(JSON.parse(JSON.stringify({ code: 'ABCDEF', order, keyTags: Object.fromEntries([['__proto__', tag]]) })));
    expect(parsed.ok && [...parsed.value.keyTags]).toEqual([['__proto__', tag]]);
    expect(parseRecreation({ order })).toMatchObject({ ok: true, value: { keyTags: new Map() } });
    for (const keyTags of [{ 'peer-z-00001': tag }, { 'peer-a-00001': 'short' }, [tag], 'tags']) {
      expect(parseRecreation({ order, keyTags })).toMatchObject({ ok: false, reason: expect.stringContaining('keyTags') });
    }
  });

  it('reads ICE servers from configuration and names the bad entry', () => {
    expect(parseIceServers([{ urls: ['turn:127.0.0.1:3478'], username: 'u', credential: 'c' }]).ok).toBe(true);
    expect(parseIceServers([{ urls: 'turn:x', username: 5 }])).toMatchObject({ ok: false, reason: expect.stringContaining('username') });
  });
});

describe('lobby configuration', () => {
  it('defaults to port 2567 and no ICE servers', () => {
    expect(readLobbyConfig({})).toMatchObject({
      ok: true,
      value: { port: 2567, host: '0.0.0.0', iceServers: [], turn: undefined, redisUrl: undefined, reconnectGraceSeconds: 30 },
    });
  });

  it('reads TURN, rate limits and scale-out settings, refusing incomplete ones', () => {
    const turn = { TURN_SECRET: 's3cret', TURN_URLS: 'turn:127.0.0.1:3478, turns:t.example:5349' };
    expect(readLobbyConfig(turn)).toMatchObject({
      ok: true,
      value: { turn: { secret: 's3cret', urls: ['turn:127.0.0.1:3478', 'turns:t.example:5349'], ttlSeconds: 600 } },
    });
    expect(readLobbyConfig({ TURN_SECRET: 's3cret' })).toMatchObject({ ok: false, reason: expect.stringContaining('together') });
    expect(readLobbyConfig({ ...turn, TURN_URLS: 'http://x' })).toMatchObject({ ok: false });
    expect(readLobbyConfig({ JOIN_RATE: '5:0.5' })).toMatchObject({ ok: true, value: { limits: { joins: { burst: 5, perSecond: 0.5 } } } });
    expect(readLobbyConfig({ JOIN_RATE: 'lots' })).toMatchObject({ ok: false, reason: expect.stringContaining('JOIN_RATE') });
    expect(readLobbyConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toMatchObject({ ok: false, reason: expect.stringContaining('PUBLIC_ADDRESS') });
    expect(readLobbyConfig({ REDIS_URL: 'redis://r', PUBLIC_ADDRESS: 'a:1', PORT: '1' })).toMatchObject({ ok: true });
  });

  it('refuses a bad port or bad ICE_SERVERS with a reason', () => {
    expect(readLobbyConfig({ PORT: 'eighty' })).toMatchObject({ ok: false, reason: expect.stringContaining('PORT') });
    expect(readLobbyConfig({ ICE_SERVERS: '[{' })).toMatchObject({ ok: false, reason: expect.stringContaining('JSON') });
    expect(readLobbyConfig({ ICE_SERVERS: '[{"urls":"ftp:x"}]' })).toMatchObject({ ok: false });
  });
});

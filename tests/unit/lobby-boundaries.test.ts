import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { originAllowed, readOriginPolicy, SAME_ORIGIN_ONLY } from '../../server/http/origin-policy.js';
import { inlineStyleHashes } from '../../server/http/security-headers.js';
import { parseRoomSocketUrl } from '../../server/limits/room-socket-url.js';
import { expectOk } from '../support/expect-ok.js';

describe('the origin policy', () => {
  it('allows the page its own origin, on a LAN address or localhost, whatever the scheme', () => {
    expect(originAllowed(SAME_ORIGIN_ONLY, 'http://192.168.1.20:2567', '192.168.1.20:2567')).toBe(true);
    expect(originAllowed(SAME_ORIGIN_ONLY, 'http://localhost:2567', 'localhost:2567')).toBe(true);
    expect(originAllowed(SAME_ORIGIN_ONLY, 'https://game.example.org', 'game.example.org')).toBe(true); // TLS ended by a proxy
    expect(originAllowed(SAME_ORIGIN_ONLY, 'http://game.example.org', 'GAME.example.org:80')).toBe(true);
    expect(originAllowed(SAME_ORIGIN_ONLY, 'http://[::1]:2567', '[::1]:2567')).toBe(true);
  });

  it('refuses other pages, null origins and tricks in the Host header', () => {
    expect(originAllowed(SAME_ORIGIN_ONLY, 'https://evil.example', 'game.example.org')).toBe(false);
    expect(originAllowed(SAME_ORIGIN_ONLY, 'http://localhost:2568', 'localhost:2567')).toBe(false);
    expect(originAllowed(SAME_ORIGIN_ONLY, 'null', 'localhost:2567')).toBe(false);
    expect(originAllowed(SAME_ORIGIN_ONLY, 'http://evil.example', 'x@evil.example')).toBe(false);
    expect(originAllowed(SAME_ORIGIN_ONLY, 'http://evil.example', 'evil.example/path')).toBe(false);
    expect(originAllowed(SAME_ORIGIN_ONLY, 'http://evil.example', undefined)).toBe(false);
    expect(originAllowed(SAME_ORIGIN_ONLY, 'file://', 'localhost')).toBe(false);
  });

  it('lets requests without an Origin through: they are not from a browser page', () => {
    expect(originAllowed(SAME_ORIGIN_ONLY, undefined, 'localhost:2567')).toBe(true);
  });

  it('reads ALLOWED_ORIGINS as a list of bare origins, or *', () => {
    const policy = expectOk(readOriginPolicy(' https://game.example.org/ , http://10.0.0.5:2567'));
    expect([...policy.allowed]).toEqual(['https://game.example.org', 'http://10.0.0.5:2567']);
    expect(originAllowed(policy, 'https://game.example.org', 'lobby-b.example.org:2568')).toBe(true);
    expect(originAllowed(policy, 'https://evil.example', 'lobby-b.example.org:2568')).toBe(false);
    expect(expectOk(readOriginPolicy('*')).any).toBe(true);
    expect(readOriginPolicy(undefined)).toEqual({ ok: true, value: { allowed: new Set(), any: false } });
    for (const bad of ['game.example.org', 'https://game.example.org/play', 'ftp://x', 'https://u:p@x', 'https://x?y']) {
      expect(readOriginPolicy(bad)).toMatchObject({ ok: false, reason: expect.stringContaining('ALLOWED_ORIGINS') });
    }
  });
});

describe('room socket URLs (what the WebSocket transport reads)', () => {
  it('accepts what colyseus.js builds, with and without a reconnection token', () => {
    expect(parseRoomSocketUrl('/aB3_-xYz9/ABCDEF?sessionId=Q1w2E3r4T')).toEqual({
      ok: true,
      value: { processId: 'aB3_-xYz9', roomId: 'ABCDEF', sessionId: 'Q1w2E3r4T' },
    });
    expect(parseRoomSocketUrl('/p/ABCDEF?sessionId=s&reconnectionToken=t').ok).toBe(true);
  });

  it('refuses every other shape', () => {
    for (const url of [
      '/ABCDEF?sessionId=s',
      '/p/ABCDEF',
      '/p/ABCDEF?',
      '/p/q/ABCDEF?sessionId=s',
      '//p/ABCDEF?sessionId=s',
      '/p/ABCDEF?sessionId=s&sessionId=t',
      '/p/ABCDEF?sessionId=s&x=1',
      '/p/ABCDEF?sessionId=a%20b',
      '/p/ABCDEF?sessionId=s?x',
      `/p/ABCDEF?sessionId=${'s'.repeat(65)}`,
      '/p/ABC.DEF?sessionId=s',
      '/matchmake/joinById/ABCDEF',
      '',
    ]) {
      expect(parseRoomSocketUrl(url)).toMatchObject({ ok: false });
    }
  });
});

describe('CSP hashes of a page\'s inline styles', () => {
  it('hashes each <style> element\'s text exactly', () => {
    const css = '.play{display:flex}\n#arena{width:100%}';
    const expected = `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
    expect(inlineStyleHashes(`<head><style>${css}</style><style></style></head>`)).toEqual([expected, `'sha256-${createHash('sha256').update('').digest('base64')}'`]);
    expect(inlineStyleHashes('<link rel="stylesheet" href="/a.css">')).toEqual([]);
  });
});

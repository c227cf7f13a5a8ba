import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readLobbyConfig } from '../../server/config.js';
import { pageHostName } from '../../server/http/page-host.js';
import { iceServersFor, pageHostTurnUrls } from '../../server/ice-servers.js';
import { managedCoturnConfig } from '../../server/turn/managed-coturn.js';
import { RELAY_POLICY } from '../../server/turn/relay-policy.js';

describe('TURN=managed: settings, coturn configuration, relay URLs', () => {
  it('reads TURN=managed with its port, URLs and external address, and refuses what cannot work', () => {
    expect(readLobbyConfig({ TURN: 'managed' })).toMatchObject({ ok: true, value: { turn: { kind: 'managed', port: 3478, urls: [], externalIp: undefined, ttlSeconds: 600 } } });
    expect(readLobbyConfig({ TURN: 'managed', TURN_PORT: '5349', TURN_EXTERNAL_IP: '203.0.113.7', TURN_URLS: 'turn:relay.example.org:5349' })).toMatchObject({
      ok: true,
      value: { turn: { kind: 'managed', port: 5349, urls: ['turn:relay.example.org:5349'], externalIp: '203.0.113.7' } },
    });
    expect(readLobbyConfig({ TURN: 'coturn' })).toMatchObject({ ok: false, reason: expect.stringContaining('TURN must be "managed"') });
    expect(readLobbyConfig({ TURN: 'managed', TURN_SECRET: 's' })).toMatchObject({ ok: false, reason: expect.stringContaining('unset TURN_SECRET') });
    expect(readLobbyConfig({ TURN: 'managed', TURN_PORT: '0' })).toMatchObject({ ok: false, reason: expect.stringContaining('TURN_PORT') });
    expect(readLobbyConfig({ TURN: 'managed', TURN_EXTERNAL_IP: 'relay.example.org' })).toMatchObject({ ok: false, reason: expect.stringContaining('TURN_EXTERNAL_IP') });
    // The lobby's own ports: HTTP (TCP) and its two STUN ports (UDP).
    for (const env of [{ PORT: '3478' }, { STUN_PORT: '3477' }, { PORT: '3477' }]) {
      expect(readLobbyConfig({ TURN: 'managed', ...env })).toMatchObject({ ok: false, reason: expect.stringContaining('taken by the lobby') });
    }
    expect(readLobbyConfig({ TURN: 'managed', PORT: '3477', STUN_PORT: 'off' })).toMatchObject({ ok: true });
    expect(readLobbyConfig({ TURN_SECRET: 's', TURN_URLS: 'turn:t:3478' })).toMatchObject({ ok: true, value: { turn: { kind: 'shared', secret: 's', urls: ['turn:t:3478'] } } });
  });

  it('writes a coturn configuration with shared-secret credentials, both listeners and every line of the relay policy', () => {
    const text = managedCoturnConfig({ port: 3478, listenIp: '198.51.100.2', externalIp: '203.0.113.7' }, 'SECRET', '/run/x');
    const lines = text.trim().split('\n');
    for (const line of ['listening-port=3478', 'listening-ip=198.51.100.2', 'relay-ip=198.51.100.2', 'external-ip=203.0.113.7', 'use-auth-secret', 'static-auth-secret=SECRET', 'no-tls', 'no-dtls', 'no-cli']) {
      expect(lines).toContain(line);
    }
    for (const { line } of RELAY_POLICY) expect(lines).toContain(line);
    // TCP and UDP listeners are coturn's default; nothing turns either off.
    expect(lines.filter((line) => /^no-(udp|tcp)$/.test(line))).toEqual([]);
    expect(lines.every((line) => !line.startsWith('allow-loopback-peers'))).toBe(true);
    const everywhere = managedCoturnConfig({ port: 3478, listenIp: undefined, externalIp: undefined }, 'SECRET', '/run/x');
    expect(everywhere).not.toMatch(/listening-ip|relay-ip|external-ip/);
  });

  it("README's turnserver.conf for a self-run coturn carries the same policy, each line with its reason", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const { line, why } of RELAY_POLICY) expect(readme).toContain(`# ${why}\n${line}\n`);
  });

  it("names the relay by the host each page came from, and mints nothing for a member whose host is unknown", () => {
    expect(pageHostName('game.example.org:2567')).toBe('game.example.org');
    expect(pageHostName('192.168.1.20')).toBe('192.168.1.20');
    expect(pageHostName('[::1]:2567')).toBe('[::1]');
    for (const bad of [undefined, '', 'a b', 'x@evil.example', 'evil.example/path', ['a', 'b'], 'x'.repeat(300)]) expect(pageHostName(bad)).toBeUndefined();
    const forMember = iceServersFor([{ urls: 'stun:fixed.example:3478' }], { secret: 's', urlsFor: pageHostTurnUrls(3478), ttlSeconds: 600 }, { now: () => 1_000_000_000 });
    const servers = forMember('peer', 'game.example.org');
    expect(servers[1]).toMatchObject({ urls: ['turn:game.example.org:3478?transport=udp', 'turn:game.example.org:3478?transport=tcp'] });
    expect(servers[1]?.username).toMatch(/^1000600:/);
    expect(forMember('peer', undefined)).toEqual([{ urls: 'stun:fixed.example:3478' }]);
  });
});

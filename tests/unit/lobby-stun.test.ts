import { describe, expect, it } from 'vitest';
import { withLobbyStun } from '../../src/net/lobby-stun.js';

describe("the lobby's STUN server in a client's ICE servers", () => {
  const turn = { urls: 'turn:relay.example.org:3478', username: 'u', credential: 'c' };

  it('puts stun:<the host the client reaches the lobby by>:<its port> first, before the configured servers', () => {
    expect(withLobbyStun({ iceServers: [turn], stunPort: 2567 }, 'games.example.org')).toEqual([{ urls: 'stun:games.example.org:2567' }, turn]);
    expect(withLobbyStun({ iceServers: [], stunPort: 3478 }, '[2001:db8::1]')).toEqual([{ urls: 'stun:[2001:db8::1]:3478' }]);
  });

  it('adds nothing when the lobby runs no STUN server or has no address', () => {
    expect(withLobbyStun({ iceServers: [turn], stunPort: null }, 'games.example.org')).toEqual([turn]);
    expect(withLobbyStun({ iceServers: [turn], stunPort: 2567 }, undefined)).toEqual([turn]);
  });
});

import { newPeerId } from '../../src/protocol/peer-id.js';
import { Client, type Room } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LobbySession, newPlayerKey } from '../../src/net/lobby-client.js';
import { LobbyErrorCode, LobbyMessage, MATCH_ROOM, type LobbyErrorPayload } from '../../src/protocol/lobby-messages.js';
import { expectOk } from '../support/expect-ok.js';
import { startTestLobby, type TestLobby } from '../support/in-process-lobby.js';
import { waitFor } from '../support/wait.js';

/** Collects the lobby errors a raw colyseus.js room receives. */
function collectErrors(room: Room): LobbyErrorPayload[] {
  const errors: LobbyErrorPayload[] = [];
  room.onMessage(LobbyMessage.Error, (payload: LobbyErrorPayload) => errors.push(payload));
  room.onMessage('*', () => undefined);
  return errors;
}

describe('lobby server (real Colyseus on loopback)', () => {
  let lobby: TestLobby;
  const sessions: LobbySession[] = [];

  beforeAll(async () => {
    lobby = await startTestLobby();
  });

  afterAll(async () => {
    await Promise.all(sessions.map((session) => session.leave()));
    await lobby.close();
  });

  async function host(name: string): Promise<LobbySession> {
    const session = expectOk(await LobbySession.host(lobby.url, name));
    sessions.push(session);
    return session;
  }

  async function join(code: string, name: string): Promise<LobbySession> {
    const session = expectOk(await LobbySession.join(lobby.url, code, name));
    sessions.push(session);
    return session;
  }

  it('creates a game under an invite code, lets a second player join by it, and relays a signal', async () => {
    const alice = await host('Alice');
    expect(alice.welcome.code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(alice.welcome.hostId).toBe(alice.selfId);
    expect(alice.welcome.members).toEqual([]);

    const joined: string[] = [];
    alice.events.on('member-joined', (member) => joined.push(member.name));
    const bob = await join(alice.welcome.code.toLowerCase(), '  Bob  ');
    expect(bob.welcome.hostId).toBe(alice.selfId);
    expect(bob.welcome.members).toEqual([{ id: alice.selfId, name: 'Alice', spectator: false, ready: false, keyTag: alice.welcome.keyTag }]);
    expect(bob.welcome.keyTag).not.toBe(alice.welcome.keyTag);
    await waitFor('alice to hear of bob', () => joined.length === 1);
    expect(joined).toEqual(['Bob']);

    const received: { from: string; data: string }[] = [];
    bob.events.on('signal', (signal) => received.push(signal));
    alice.sendSignal(bob.selfId, '{"type":"offer","sdp":"v=0"}');
    await waitFor('bob to receive the signal', () => received.length === 1);
    expect(received[0]).toEqual({ from: alice.selfId, data: '{"type":"offer","sdp":"v=0"}' });

    const left: string[] = [];
    alice.events.on('member-left', ({ id }) => left.push(id));
    await bob.leave();
    await waitFor('alice to see bob leave', () => left.length === 1);
    expect(left).toEqual([bob.selfId]);
  });

  it('refuses a signal from outside the room and delivers nothing to the target', async () => {
    const alice = await host('Alice');
    const bob = await join(alice.welcome.code, 'Bob');
    const mallory = await host('Mallory');
    const errors: LobbyErrorPayload[] = [];
    mallory.events.on('lobby-error', (error) => errors.push(error));
    const received: unknown[] = [];
    bob.events.on('signal', (signal) => received.push(signal));

    mallory.sendSignal(bob.selfId, 'intrusion');
    await waitFor('mallory to be refused', () => errors.length === 1);
    expect(errors[0]?.code).toBe(LobbyErrorCode.NotInRoom);

    // A legitimate signal sent afterwards arrives alone: the intrusion was never delivered.
    alice.sendSignal(bob.selfId, 'legit');
    await waitFor('bob to receive the legitimate signal', () => received.length === 1);
    expect(received).toEqual([{ from: alice.selfId, data: 'legit' }]);
  });

  it('answers unknown and malformed messages with an error code and keeps serving', async () => {
    const peerId = newPeerId();
    const room = await new Client(lobby.url).create(MATCH_ROOM, { name: 42, playerKey: newPlayerKey(), peerId });
    const errors = collectErrors(room);
    room.send('launch-missiles', { now: true });
    room.send(LobbyMessage.Signal, 'not an object');
    room.send(LobbyMessage.Signal, { to: peerId, data: 'to myself' });
    room.send(LobbyMessage.Signal, { to: 'someone', data: { nested: true } });
    await waitFor('four errors', () => errors.length === 4);
    expect(errors.map((error) => error.code)).toEqual([
      LobbyErrorCode.UnknownType,
      LobbyErrorCode.BadMessage,
      LobbyErrorCode.NotInRoom,
      LobbyErrorCode.BadMessage,
    ]);
    await room.leave();

    const health = await fetch(`http://127.0.0.1:${lobby.port}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
  });

  it('tells a player clearly when an invite code does not exist or is malformed', async () => {
    const missing = await LobbySession.join(lobby.url, 'ZZZZZZ', 'Eve');
    expect(missing).toMatchObject({ ok: false, reason: expect.stringMatching(/not valid, or the game has ended/) });
    const malformed = await LobbySession.join(lobby.url, 'AB', 'Eve');
    expect(malformed).toMatchObject({ ok: false, reason: expect.stringContaining('6 characters') });
  });

  it('leaves the host flag vacant when the host leaves, until the longest-present member names the new host', async () => {
    const alice = await host('Alice');
    const bob = await join(alice.welcome.code, 'Bob');
    const carol = await join(alice.welcome.code, 'Carol');
    await alice.leave();
    await waitFor('bob to see the flag vacant', () => bob.hostId === undefined);
    const dave = await join(alice.welcome.code, 'Dave');
    expect(dave.welcome.hostId).toBeNull();
    expect(dave.joinOrder).toEqual([bob.selfId, carol.selfId, dave.selfId]);
    bob.reportHostMigration(carol.selfId);
    await waitFor('dave to see carol host', () => dave.hostId === carol.selfId);
  });
});

import { Client } from 'colyseus.js';
import { describe, expect, it } from 'vitest';
import { LobbySession, newPlayerKey } from '../../src/net/lobby-client.js';
import { LobbyErrorCode, MATCH_ROOM, MAX_SIGNAL_BYTES, type LobbyErrorPayload } from '../../src/protocol/lobby-messages.js';
import { useSuiteLobby } from '../support/suite-lobby.js';
import { waitFor } from '../support/wait.js';

/**
 * Tight limits with a refill so slow (one token per 100 s) that nothing refills during the test:
 * the counts below are exact whatever the machine's speed.
 */
const SLOW = 0.01;
const LIMITS = {
  messages: { burst: 20, perSecond: SLOW },
  creates: { burst: 3, perSecond: SLOW },
  joins: { burst: 5, perSecond: SLOW },
};

describe('lobby limits (real Colyseus, tight limits)', () => {
  const { url, origin, keep } = useSuiteLobby({ limits: LIMITS });

  it('drops signals over a client token bucket, says so, and leaves other members unaffected', async () => {
    const alice = keep(await LobbySession.host(url(), 'Alice')); // create 1 of 3
    const bob = keep(await LobbySession.join(url(), alice.welcome.code, 'Bob')); // join 1 of 5
    const errors: LobbyErrorPayload[] = [];
    alice.events.on('lobby-error', (error) => errors.push(error));
    const atBob: string[] = [];
    bob.events.on('signal', ({ data }) => atBob.push(data));
    for (let index = 0; index < 100; index += 1) alice.sendSignal(bob.selfId, `s${index}`);
    await waitFor('alice to be told she is rate limited', () => errors.length > 0);
    await waitFor('the burst to arrive', () => atBob.length >= LIMITS.messages.burst);
    expect(errors[0]?.code).toBe(LobbyErrorCode.RateLimited);

    // Bob has his own bucket: his signal goes through, and it arrives after alice's burst, so
    // by then the lobby had processed (and dropped) the rest of alice's flood.
    const atAlice: string[] = [];
    alice.events.on('signal', ({ data }) => atAlice.push(data));
    bob.sendSignal(alice.selfId, 'still fine');
    await waitFor('bob to get through', () => atAlice.length === 1);
    expect(atBob).toEqual(Array.from({ length: LIMITS.messages.burst }, (_, index) => `s${index}`));
  });

  it('refuses an oversized signal with an error, and closes a socket that sends an oversized frame', async () => {
    const alice = keep(await LobbySession.host(url(), 'Alice')); // create 2 of 3
    const errors: LobbyErrorPayload[] = [];
    alice.events.on('lobby-error', (error) => errors.push(error));
    alice.sendSignal('someone-else', 'x'.repeat(MAX_SIGNAL_BYTES + 1));
    await waitFor('the oversized signal to be refused', () => errors.length === 1);
    expect(errors[0]).toMatchObject({ code: LobbyErrorCode.TooLarge, message: expect.stringContaining('larger than') });

    let closedWith: number | undefined;
    // Not a leave of ours: the session would enter the room again; stop it (that would use up
    // this suite's create and join budget).
    alice.events.on('connection-lost', ({ code }) => {
      closedWith = code;
      void alice.leave();
    });
    alice.sendSignal('someone-else', 'x'.repeat(64 * 1024)); // above the WebSocket maxPayload
    await waitFor('the socket to be closed', () => closedWith !== undefined);
    expect(closedWith).toBe(1009);
  });

  it('limits room creation and join attempts per address, and ignores a forged X-Forwarded-For', async () => {
    keep(await LobbySession.host(url(), 'Carol')); // create 3 of 3
    expect(await LobbySession.host(url(), 'Dan')).toMatchObject({ ok: false, reason: expect.stringContaining('Too many attempts') });
    for (let guess = 2; guess <= 5; guess += 1) {
      // joins 2..5 of 5: unknown codes, refused by Colyseus but counted by the gate
      expect(await LobbySession.join(url(), 'ZZZZZZ', 'Guesser')).toMatchObject({ ok: false, reason: expect.stringContaining('not valid') });
    }
    expect(await LobbySession.join(url(), 'ZZZZZZ', 'Guesser')).toMatchObject({ ok: false, reason: expect.stringContaining('Too many attempts') });
    expect(await LobbySession.quickJoin(url(), 'Guesser')).toMatchObject({ ok: false, reason: expect.stringContaining('Too many attempts') });

    const forged = await fetch(`${origin()}/matchmake/joinById/ZZZZZZ`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '203.0.113.9' },
      body: JSON.stringify({ name: 'Forger', playerKey: newPlayerKey(), peerId: 'forger-peer-id' }),
    });
    expect(forged.status).toBe(429);
    const oversized = await fetch(`${origin()}/matchmake/create/${MATCH_ROOM}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(10_000) }),
    });
    expect(oversized.status).toBe(413);
    await expect(new Client(url()).create(MATCH_ROOM, {})).rejects.toThrow(/too many requests/);
  });
});

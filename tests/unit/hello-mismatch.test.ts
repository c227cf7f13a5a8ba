import { describe, expect, it } from 'vitest';
import { ReplicatedGame } from '../../src/game/replicated-game.js';
import { tagGame } from '../../src/games/tag/tag-game.js';
import { createLoopbackPair } from '../../src/net/sim/loopback-link.js';
import { encodeValue } from '../../src/protocol/codec.js';
import { decodePeerMessage, PeerMessageType } from '../../src/protocol/peer-messages.js';
import { PROTOCOL_VERSION } from '../../src/protocol/version.js';
import { attachPeerInbox, type HelloIdentity } from '../../src/session/peer-inbox.js';
import { ManualScheduler } from '../../src/time/scheduler.js';

/** Two peers introduce themselves over an in-memory link; returns why each side's link closed (if it did). */
function introduce(a: HelloIdentity, b: HelloIdentity): { a: string | undefined; b: string | undefined; messages: number } {
  const scheduler = new ManualScheduler();
  const [linkA, linkB] = createLoopbackPair({ scheduler, seed: 1 });
  const closed: { a: string | undefined; b: string | undefined; messages: number } = { a: undefined, b: undefined, messages: 0 };
  linkA.events.on('close', ({ reason }) => (closed.a = reason));
  linkB.events.on('close', ({ reason }) => (closed.b = reason));
  const counters = { malformed: 0, unauthorized: 0 };
  linkA.events.on('open', () => attachPeerInbox(linkA, a, counters, () => (closed.messages += 1)));
  linkB.events.on('open', () => attachPeerInbox(linkB, b, counters, () => (closed.messages += 1)));
  scheduler.advance(100);
  return closed;
}

describe('hello: peers must run the same game definition', () => {
  it('fingerprints a definition by its shape: the same game alike on every peer, another arena or field differently', () => {
    const tag = new ReplicatedGame(tagGame()).fingerprint;
    expect(tag).toMatch(/^[0-9a-f]{8}$/);
    expect(new ReplicatedGame(tagGame()).fingerprint).toBe(tag);
    expect(new ReplicatedGame(tagGame({ width: 1_920, height: 1_080 })).fingerprint).not.toBe(tag);
    expect(new ReplicatedGame({ ...tagGame(), fields: { ...tagGame().fields, extra: { kind: 'uint', bits: 1 } } }).fingerprint).not.toBe(tag);
  });

  it('reads the hellos of a peer of the same game, and closes the link to a peer of another, saying why', () => {
    const tag = new ReplicatedGame(tagGame()).fingerprint;
    expect(introduce({ name: 'Ann', game: tag }, { name: 'Ben', game: tag })).toEqual({ a: undefined, b: undefined, messages: 2 });
    const other = new ReplicatedGame(tagGame({ width: 1_920, height: 1_080 })).fingerprint;
    const mismatch = introduce({ name: 'Ann', game: tag }, { name: 'Ben', game: other });
    expect(mismatch.messages).toBe(0);
    expect(mismatch.a).toMatch(/another version of this game/);
  });

  it('reads far enough into a Hello of another protocol (other fields, no fingerprint) to name both versions', () => {
    const older = decodePeerMessage(encodeValue([PeerMessageType.Hello, 4, 'Old tab']));
    expect(older).toMatchObject({ ok: true, value: { protocolVersion: 4, name: 'Old tab', game: '' } });
    const newer = decodePeerMessage(encodeValue([PeerMessageType.Hello, PROTOCOL_VERSION + 1, 'New tab', 'something', 42]));
    expect(newer).toMatchObject({ ok: true, value: { protocolVersion: PROTOCOL_VERSION + 1 } });
    // Ours must carry a well-formed fingerprint.
    expect(decodePeerMessage(encodeValue([PeerMessageType.Hello, PROTOCOL_VERSION, 'Ann']))).toMatchObject({ ok: false, reason: 'hello: bad game fingerprint' });
  });
});

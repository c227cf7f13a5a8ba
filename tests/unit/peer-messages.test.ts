import { describe, expect, it } from 'vitest';
import { encodeValue } from '../../src/protocol/codec.js';
import {
  decodePeerMessage,
  encodePeerMessage,
  MAX_CHAT_WIRE_LENGTH,
  PeerMessageType,
  type PeerMessage,
} from '../../src/protocol/peer-messages.js';

const samples: PeerMessage[] = [
  { type: PeerMessageType.Hello, protocolVersion: 1, name: 'Ada', game: '0a1b2c3d' },
  { type: PeerMessageType.Input, seq: 42, ackTick: 300, viewTick: 291, inputs: [5, 1, 0xffff] },
  { type: PeerMessageType.Snapshot, tick: 99, baselineTick: 96, inputAck: -1, epoch: 2, body: new Uint8Array([1, 2, 255]) },
  { type: PeerMessageType.Takeover, epoch: 3, restoredTick: 4_000 },
  { type: PeerMessageType.Resume, epoch: 3, inputAck: 812 },
  { type: PeerMessageType.Chat, text: 'gg, rematch? 🎮' },
  {
    type: PeerMessageType.Roster,
    players: [
      { slot: 0, peerId: 'abc123XYZ', name: 'Host' },
      { slot: 1, peerId: 'def456UVW', name: 'Guest' },
    ],
    departed: [{ slot: 2, peerId: 'ghi789RST', entity: { id: 2, x: 120.5, y: 33, itSeconds: 7 } }],
  },
];

describe('peer message codec', () => {
  it.each(samples)('round-trips message type $type', (message) => {
    const decoded = decodePeerMessage(encodePeerMessage(message));
    // In Node msgpackr returns binary fields as Buffer, a Uint8Array subclass: compare contents.
    const normalized = decoded.ok && 'body' in decoded.value ? { ...decoded.value, body: Uint8Array.from(decoded.value.body) } : decoded.ok && decoded.value;
    expect(normalized).toEqual(message);
  });


  it.each([
    ['not MessagePack', new Uint8Array([0xc1])],
    ['truncated', encodePeerMessage(samples[2] as PeerMessage).subarray(0, 5)],
    ['not an array', encodeValue({ type: 1 })],
    ['empty array', encodeValue([])],
    ['unknown type', encodeValue([77, 1, 2])],
    ['hello without name', encodeValue([PeerMessageType.Hello, 1])],
    ['input with fractional seq', encodeValue([PeerMessageType.Input, 1.5, 0, 0, 1])],
    ['input with no samples', encodeValue([PeerMessageType.Input, 1, 0, 0])],
    ['input with too many samples', encodeValue([PeerMessageType.Input, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1])],
    ['input with a view tick below -1', encodeValue([PeerMessageType.Input, 1, 0, -2, 1])],
    ['input with a sample over 16 bits', encodeValue([PeerMessageType.Input, 1, 0, 0, 0x10000])],
    ['snapshot without a body', encodeValue([PeerMessageType.Snapshot, 1, 0, 8, 0])],
    ['snapshot with a string body', encodeValue([PeerMessageType.Snapshot, 1, 0, 8, 0, 'body'])],
    ['snapshot with a baseline below -1', encodeValue([PeerMessageType.Snapshot, 1, -2, 8, 0, new Uint8Array(1)])],
    ['snapshot with a negative epoch', encodeValue([PeerMessageType.Snapshot, 1, 0, 8, -1, new Uint8Array(1)])],
    ['snapshot with an oversized body', encodeValue([PeerMessageType.Snapshot, 1, 0, 8, 0, new Uint8Array(20_000)])],
    ['takeover past the epoch range', encodeValue([PeerMessageType.Takeover, 65_536, 5])],
    ['takeover with a negative epoch', encodeValue([PeerMessageType.Takeover, -1, 5])],
    ['resume without an ack', encodeValue([PeerMessageType.Resume, 2])],
    ['chat without text', encodeValue([PeerMessageType.Chat])],
    ['chat with a numeric text', encodeValue([PeerMessageType.Chat, 42])],
    ['chat with two texts', encodeValue([PeerMessageType.Chat, 'a', 'b'])],
    ['chat past the wire bound', encodeValue([PeerMessageType.Chat, 'x'.repeat(MAX_CHAT_WIRE_LENGTH + 1)])],
    ['roster with a numeric peer id', encodeValue([PeerMessageType.Roster, [0, 5, 'name'], []])],
    ['roster without its departed list', encodeValue([PeerMessageType.Roster, [0, 'abc123XYZ', 'name']])],
    ['roster with a departed entity that is not numbers', encodeValue([PeerMessageType.Roster, [], [1, 'abc123XYZ', { x: 'far' }]])],
  ])('refuses %s with a reason instead of throwing', (_label, bytes) => {
    const decoded = decodePeerMessage(bytes);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.reason.length).toBeGreaterThan(0);
  });

  it('never throws on random bytes', () => {
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 24;
    };
    for (let i = 0; i < 20_000; i += 1) {
      const bytes = Uint8Array.from({ length: 1 + (next() % 40) }, next);
      expect(() => decodePeerMessage(bytes)).not.toThrow();
    }
  });
});

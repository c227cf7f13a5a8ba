import { describe, expect, it } from 'vitest';
import { decodeLinkMessage, encodeLinkMessage, isLinkFrame, LinkMessageType } from '../../src/net/link-messages.js';
import { decodePeerMessage, encodePeerMessage, PeerMessageType } from '../../src/protocol/peer-messages.js';
import { cleanChatText } from '../../src/social/chat-text.js';
import { seededRandom } from '../../src/util/seeded-random.js';

/** Valid messages of every type, the seeds that mutated cases start from. */
const VALID: readonly Uint8Array[] = [
  encodePeerMessage({ type: PeerMessageType.Hello, protocolVersion: 1, name: 'Ada Lovelace', game: '0a1b2c3d' }),
  encodePeerMessage({ type: PeerMessageType.Input, seq: 4242, ackTick: 777, viewTick: 770, inputs: [9, 9, 1, 0, 0, 0] }),
  encodePeerMessage({ type: PeerMessageType.Takeover, epoch: 2, restoredTick: 123_450 }),
  encodePeerMessage({ type: PeerMessageType.Resume, epoch: 2, inputAck: 4_001 }),
  encodePeerMessage({ type: PeerMessageType.Chat, text: 'gg wp, one more? 🎮' }),
  encodePeerMessage({
    type: PeerMessageType.Snapshot,
    tick: 123_456,
    baselineTick: 123_453,
    inputAck: 4_000,
    epoch: 1,
    body: Uint8Array.from({ length: 40 }, (_, i) => (i * 37) & 0xff),
  }),
  encodePeerMessage({
    type: PeerMessageType.Roster,
    players: [
      { slot: 0, peerId: 'abc123XYZ', name: 'Host' },
      { slot: 5, peerId: 'def456UVW', name: 'Guest ✓' },
    ],
    departed: [{ slot: 3, peerId: 'ghi789RST', entity: { id: 3, x: 10, y: 20 } }],
  }),
  encodeLinkMessage({ type: LinkMessageType.Ping, seq: 0xfffffff0 }),
  encodeLinkMessage({ type: LinkMessageType.Pong, seq: 3 }),
  encodeLinkMessage({ type: LinkMessageType.Bye, reason: 'tab closed' }),
];

const CASES = 1_000_000;

/**
 * Half the cases are random bytes (1–48 long), half are valid messages with 1–4 bytes
 * overwritten, a cut, or random bytes appended: the shapes a broken or hostile peer sends.
 */
function fuzzCase(random: () => number, scratch: Uint8Array): Uint8Array {
  const byte = (): number => Math.floor(random() * 256);
  if (random() < 0.5) {
    const length = 1 + Math.floor(random() * 48);
    for (let i = 0; i < length; i += 1) scratch[i] = byte();
    return scratch.subarray(0, length);
  }
  const source = VALID[Math.floor(random() * VALID.length)] ?? new Uint8Array();
  scratch.set(source);
  let length = source.byteLength;
  const mode = random();
  if (mode < 0.6) {
    for (let edits = 1 + Math.floor(random() * 4); edits > 0; edits -= 1) scratch[Math.floor(random() * length)] = byte();
  } else if (mode < 0.8) {
    length = Math.floor(random() * length);
  } else {
    for (let extra = 1 + Math.floor(random() * 16); extra > 0; extra -= 1) scratch[length++] = byte();
  }
  return scratch.subarray(0, length);
}

describe('peer and link decoders under fuzzing', () => {
  it(`survive ${CASES.toLocaleString('en')} random and mutated byte arrays without throwing`, { timeout: 120_000 }, () => {
    const random = seededRandom(0x5eed);
    const scratch = new Uint8Array(256);
    let accepted = 0;
    let firstThrow: { bytes: number[]; error: unknown } | undefined;
    // msgpackr reports most garbage by throwing (caught inside decodeValue); stack traces are
    // most of that cost and say nothing here, so the loop runs without them.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    const started = performance.now();
    for (let i = 0; i < CASES && !firstThrow; i += 1) {
      const bytes = fuzzCase(random, scratch);
      try {
        // The same dispatch a MonitoredLink does: link frames to one decoder, the rest to the other.
        const result = isLinkFrame(bytes) ? decodeLinkMessage(bytes) : decodePeerMessage(bytes);
        if (result.ok) accepted += 1;
        // Chat text goes on to the chat layer's cleaning, which must not throw either.
        if (result.ok && result.value.type === PeerMessageType.Chat) cleanChatText(result.value.text);
      } catch (error: unknown) {
        firstThrow = { bytes: [...bytes], error };
      }
    }
    Error.stackTraceLimit = stackTraceLimit;
    console.info(`decoder fuzz: ${CASES} cases in ${Math.round(performance.now() - started)} ms, ${accepted} accepted`);
    expect(firstThrow).toBeUndefined();
    expect(accepted).toBeGreaterThan(0);
  });
});

import { pack } from 'msgpackr';
import { LobbyMessage, MAX_SIGNAL_BYTES } from '../../src/protocol/lobby-messages.js';

/**
 * Frames above the lobby's WebSocket limit close the socket (tested on its own); fuzz payloads
 * stay below it so every message reaches the lobby's handlers.
 */
const MAX_FUZZ_PAYLOAD_BYTES = MAX_SIGNAL_BYTES + 2 * 1024;

/**
 * Message types, odd ones included. Types of 32+ bytes are left to the raw-frame phase: the
 * colyseus.js 0.16 encoder and the server's decoder disagree on them, the frame does not decode
 * and the lobby closes that socket, which is safe but would end a fuzzer's stream.
 */
const TYPES = [...Object.values(LobbyMessage), 'constructor', '__proto__', 'toString', '', '*', 'x'.repeat(31)];

/** Random JSON-ish values, nested a few levels, including the odd shapes parsers trip on. */
export function randomValue(random: () => number, depth = 0): unknown {
  const pick = Math.floor(random() * (depth > 2 ? 7 : 10));
  switch (pick) {
    case 0: return null;
    case 1: return random() < 0.5;
    case 2: return Math.floor((random() - 0.5) * 2 ** 40);
    case 3: return [Number.NaN, Infinity, -0, 1e308, 0.5][Math.floor(random() * 5)];
    case 4: return 'x'.repeat(Math.floor(random() ** 4 * 20_000));
    case 5: return String.fromCharCode(...Array.from({ length: 8 }, () => Math.floor(random() * 0xffff)));
    case 6: return Uint8Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256));
    case 7: return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
    default: {
      const keys = ['to', 'data', 'id', 'hostId', 'locked', 'name', '__proto__', 'constructor'];
      return Object.fromEntries(keys.filter(() => random() < 0.4).map((key) => [key, randomValue(random, depth + 1)]));
    }
  }
}

/**
 * One fuzz message: a known or odd type with a random payload, or a valid message with one field
 * mutated (right shape, wrong member, wrong type), so both the schema and the rules get exercised.
 */
export function fuzzMessage(random: () => number, memberIds: readonly string[]): { type: string; payload: unknown } {
  const type = TYPES[Math.floor(random() * TYPES.length)] ?? LobbyMessage.Signal;
  if (random() < 0.5) {
    const payload = randomValue(random);
    return { type, payload: pack(payload).length > MAX_FUZZ_PAYLOAD_BYTES ? 'x'.repeat(MAX_SIGNAL_BYTES + 1) : payload };
  }
  const someone = memberIds[Math.floor(random() * memberIds.length)] ?? 'nobody';
  const valid: Record<string, unknown> = { to: someone, data: 'sdp', id: someone, hostId: someone, locked: random() < 0.5 };
  const field = Object.keys(valid)[Math.floor(random() * 5)] ?? 'to';
  valid[field] = randomValue(random);
  return { type, payload: pack(valid).length > MAX_FUZZ_PAYLOAD_BYTES ? { to: someone, data: 'x'.repeat(MAX_SIGNAL_BYTES + 1) } : valid };
}

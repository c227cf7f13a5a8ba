import { describe, expect, it } from 'vitest';
import { INVITE_ALPHABET, generateInviteCode, parseInviteCode } from '../../src/protocol/invite-code.js';
import { newPlayerKey, parsePlayerKey } from '../../src/protocol/lobby-game.js';
import { newPeerId, parsePeerId } from '../../src/protocol/peer-id.js';
import { randomToken, seededBytes, URL_SAFE_ALPHABET } from '../../src/util/random-token.js';
import { seededRandom } from '../../src/util/seeded-random.js';

describe('randomToken: the one generator of ids and codes', () => {
  it('makes ids, keys and codes that their own parsers accept', () => {
    for (let i = 0; i < 200; i += 1) {
      expect(parsePeerId(newPeerId()).ok).toBe(true);
      expect(parsePlayerKey(newPlayerKey()).ok).toBe(true);
      const code = generateInviteCode((count) => crypto.getRandomValues(new Uint8Array(count)));
      expect(parseInviteCode(code)).toEqual({ ok: true, value: code });
    }
  });

  it('draws again for bytes past the last whole alphabet, so no symbol is favoured', () => {
    // 31 symbols: bytes 248–255 would favour the first 8 symbols if they were folded in.
    const bytes = [255, 248, 0, 7, 8, 247];
    const source = (count: number): Uint8Array => Uint8Array.from(bytes.splice(0, count));
    expect(randomToken(INVITE_ALPHABET, 4, source)).toBe(`${INVITE_ALPHABET[0]}${INVITE_ALPHABET[0]}${INVITE_ALPHABET[1]}${INVITE_ALPHABET[30]}`);
  });

  it('spreads symbols evenly (chi-squared over 62,000 symbols of a seeded source)', () => {
    const counts = new Map<string, number>();
    const bytes = seededBytes(seededRandom(7));
    for (let i = 0; i < 2_000; i += 1) for (const symbol of randomToken(INVITE_ALPHABET, 31, bytes)) counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
    const expected = 62_000 / INVITE_ALPHABET.length;
    const chiSquared = Array.from({ length: INVITE_ALPHABET.length }, (_, index) => INVITE_ALPHABET.charAt(index)).reduce((sum, symbol) => sum + ((counts.get(symbol) ?? 0) - expected) ** 2 / expected, 0);
    // 30 degrees of freedom: 59.7 is the 0.1 % tail; a modulo-biased generator scores in the hundreds.
    expect(chiSquared).toBeLessThan(59.7);
  });

  it('draws one value per symbol from a seeded source, the same symbols as a direct pick', () => {
    // Simulations stay comparable with earlier runs of the same seed: same draws, same ids.
    const a = seededRandom(42);
    const b = seededRandom(42);
    const direct = Array.from({ length: 24 }, () => URL_SAFE_ALPHABET.charAt(Math.floor(b() * 64))).join('');
    expect(randomToken(URL_SAFE_ALPHABET, 24, seededBytes(a))).toBe(direct);
    expect(a()).toBe(b());
  });

  it('refuses an alphabet it cannot draw from evenly', () => {
    expect(() => randomToken('A', 4)).toThrow(RangeError);
    expect(() => randomToken('x'.repeat(257), 4)).toThrow(/2 to 256 symbols/);
  });
});

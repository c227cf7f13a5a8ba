/** Where random bytes come from: the platform's cryptographic source, or a seeded one in simulations. */
export type RandomBytes = (count: number) => Uint8Array;

/** 64 URL-safe symbols (base64url's): ids and keys travel in URLs, signals, TURN user names and logs. */
export const URL_SAFE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Cryptographic random bytes (Web Crypto, in browsers and in Node alike). */
export const cryptoBytes: RandomBytes = (count) => crypto.getRandomValues(new Uint8Array(count));

/** Bytes drawn from a seeded `[0, 1)` generator, one draw per byte: simulations repeat from their seed. */
export function seededBytes(random: () => number): RandomBytes {
  return (count) => Uint8Array.from({ length: count }, () => Math.floor(random() * 256));
}

/**
 * The one generator of random ids and codes (peer ids, browser keys, invite codes): `length`
 * symbols of `alphabet`, each equally likely. A byte maps to a symbol by its position among the
 * usable bytes (the largest multiple of the alphabet's size below 256; the rest are drawn again),
 * so there is no modulo bias, which would make some codes easier to guess. An alphabet whose size
 * divides 256 wastes no byte, and then exactly `length` bytes are drawn.
 */
export function randomToken(alphabet: string, length: number, bytes: RandomBytes = cryptoBytes): string {
  if (alphabet.length < 2 || alphabet.length > 256) throw new RangeError(`an alphabet has 2 to 256 symbols, not ${alphabet.length}`);
  const usable = Math.floor(256 / alphabet.length) * alphabet.length;
  const bytesPerSymbol = usable / alphabet.length;
  // Without rejections one byte per symbol is enough; otherwise draw twice that, rarely needing more.
  const batch = (remaining: number): number => (usable === 256 ? remaining : remaining * 2);
  let token = '';
  while (token.length < length) {
    for (const byte of bytes(batch(length - token.length))) {
      if (byte >= usable) continue;
      token += alphabet.charAt(Math.floor(byte / bytesPerSymbol));
      if (token.length === length) break;
    }
  }
  return token;
}

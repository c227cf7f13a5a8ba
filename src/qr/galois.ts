/**
 * Arithmetic in GF(2⁸) with the QR code's field polynomial x⁸ + x⁴ + x³ + x² + 1 (0x11D), and the
 * Reed–Solomon error correction codewords built on it (ISO/IEC 18004, 7.5.2).
 */

const FIELD_POLYNOMIAL = 0x11d;
/** EXP[i] = αⁱ (doubled in length, so a product needs no modulo); LOG[αⁱ] = i. */
const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
for (let i = 0, value = 1; i < 255; i += 1) {
  EXP[i] = value;
  LOG[value] = i;
  value <<= 1;
  if (value & 0x100) value ^= FIELD_POLYNOMIAL;
}
for (let i = 255; i < 512; i += 1) EXP[i] = EXP[i - 255] ?? 0;

/** The product of two field elements. */
export function multiply(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  return EXP[(LOG[a] ?? 0) + (LOG[b] ?? 0)] ?? 0;
}

/**
 * Coefficients of the generator polynomial (x − α⁰)(x − α¹)…(x − αⁿ⁻¹), highest degree first,
 * without the leading 1.
 */
function generator(degree: number): Uint8Array {
  let poly = [1];
  for (let i = 0; i < degree; i += 1) {
    const root = EXP[i] ?? 0;
    const next = new Array<number>(poly.length + 1).fill(0);
    for (const [j, coefficient] of poly.entries()) {
      next[j] = (next[j] ?? 0) ^ coefficient;
      next[j + 1] = (next[j + 1] ?? 0) ^ multiply(coefficient, root);
    }
    poly = next;
  }
  return Uint8Array.from(poly.slice(1));
}

const generators = new Map<number, Uint8Array>();

/** The `count` error correction codewords of `data`: the remainder of data·xⁿ divided by the generator. */
export function reedSolomon(data: Uint8Array, count: number): Uint8Array {
  let divisor = generators.get(count);
  if (!divisor) {
    divisor = generator(count);
    generators.set(count, divisor);
  }
  const remainder = new Uint8Array(count);
  for (const byte of data) {
    const factor = byte ^ (remainder[0] ?? 0);
    remainder.copyWithin(0, 1);
    remainder[count - 1] = 0;
    for (let i = 0; i < count; i += 1) remainder[i] = (remainder[i] ?? 0) ^ multiply(divisor[i] ?? 0, factor);
  }
  return remainder;
}

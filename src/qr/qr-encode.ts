import { fail, ok, type Result } from '../util/result.js';
import { reedSolomon } from './galois.js';
import { QrMatrix } from './qr-matrix.js';
import { applyMask, MASK_COUNT, penalty } from './qr-mask.js';
import { BLOCKS, MAX_VERSION, type BlockLayout, type ErrorCorrection } from './qr-tables.js';

/** A finished QR symbol: `size` × `size` modules, row by row; draw it with a 4-module quiet zone. */
export interface QrCode {
  readonly version: number;
  readonly level: ErrorCorrection;
  readonly mask: number;
  readonly size: number;
  isDark(row: number, col: number): boolean;
}

export interface QrOptions {
  /** Error correction; M (default) survives a smudged or partly covered screen better. */
  readonly level?: ErrorCorrection;
  /** Forces a mask (0–7) instead of choosing the lowest penalty: for tests against known symbols. */
  readonly mask?: number;
}

const BYTE_MODE = 0b0100;
const PAD_BYTES = [0xec, 0x11];

function dataCapacity(layout: BlockLayout): number {
  return layout.dataPerBlock.reduce((sum, length) => sum + length, 0);
}

/** Bits of the character count in byte mode: 8 up to version 9, 16 from 10 (table 3). */
function countBits(version: number): number {
  return version <= 9 ? 8 : 16;
}

/** The largest payload, in bytes, that a version holds at a level (byte mode). */
export function byteCapacity(version: number, level: ErrorCorrection): number {
  const layout = BLOCKS[level][version - 1];
  if (!layout) return 0;
  return Math.floor((dataCapacity(layout) * 8 - 4 - countBits(version)) / 8);
}

/** Mode, count, payload, terminator and padding as data codewords (7.4). */
export function dataCodewords(payload: Uint8Array, version: number, capacity: number): Uint8Array {
  const bits: number[] = [];
  const put = (value: number, length: number): void => {
    for (let i = length - 1; i >= 0; i -= 1) bits.push((value >>> i) & 1);
  };
  put(BYTE_MODE, 4);
  put(payload.length, countBits(version));
  for (const byte of payload) put(byte, 8);
  put(0, Math.min(4, capacity * 8 - bits.length));
  while (bits.length % 8 !== 0) bits.push(0);
  const codewords = new Uint8Array(capacity);
  for (let i = 0; i < bits.length / 8; i += 1) codewords[i] = bits.slice(i * 8, i * 8 + 8).reduce((byte, bit) => (byte << 1) | bit, 0);
  for (let i = bits.length / 8; i < capacity; i += 1) codewords[i] = PAD_BYTES[(i - bits.length / 8) % 2] ?? 0;
  return codewords;
}

/** Splits data into blocks, adds each block's error correction, and interleaves both (7.6). */
export function interleave(data: Uint8Array, layout: BlockLayout): Uint8Array {
  const blocks: Uint8Array[] = [];
  let offset = 0;
  for (const length of layout.dataPerBlock) {
    blocks.push(data.subarray(offset, offset + length));
    offset += length;
  }
  const ec = blocks.map((block) => reedSolomon(block, layout.ecPerBlock));
  const out: number[] = [];
  const longest = Math.max(...layout.dataPerBlock);
  for (let i = 0; i < longest; i += 1) for (const block of blocks) if (i < block.length) out.push(block[i] ?? 0);
  for (let i = 0; i < layout.ecPerBlock; i += 1) for (const block of ec) out.push(block[i] ?? 0);
  return Uint8Array.from(out);
}

/**
 * Places codewords in the two-module-wide zigzag from the bottom-right corner (7.7.3), skipping
 * function modules and the vertical timing column; leftover modules (remainder bits) stay light.
 */
function placeCodewords(matrix: QrMatrix, codewords: Uint8Array): void {
  const { size } = matrix;
  let bit = 0;
  let upward = true;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    for (let step = 0; step < size; step += 1) {
      const row = upward ? size - 1 - step : step;
      for (const col of [right, right - 1]) {
        if (matrix.isReserved(row, col)) continue;
        const byte = codewords[bit >>> 3] ?? 0;
        matrix.setData(row, col, bit < codewords.length * 8 && ((byte >>> (7 - (bit & 7))) & 1) === 1);
        bit += 1;
      }
    }
    upward = !upward;
  }
}

/**
 * Encodes text (UTF-8, byte mode) as the smallest QR code of versions 1–10 that holds it, e.g. an
 * invite link for a phone's camera. Fails when the text needs more than 271 bytes (213 at M).
 * Written from ISO/IEC 18004; tests check it against the standard's worked values.
 */
export function encodeQr(text: string, options: QrOptions = {}): Result<QrCode> {
  const level = options.level ?? 'M';
  const payload = new TextEncoder().encode(text);
  let version = 1;
  while (version <= MAX_VERSION && byteCapacity(version, level) < payload.length) version += 1;
  const layout = BLOCKS[level][version - 1];
  if (!layout) return fail(`text of ${payload.length} bytes is too long for a QR code up to version ${MAX_VERSION} at level ${level}`);
  if (options.mask !== undefined && !(Number.isInteger(options.mask) && options.mask >= 0 && options.mask < MASK_COUNT)) {
    return fail(`QR mask must be 0–${MASK_COUNT - 1}`);
  }
  const base = new QrMatrix(version);
  placeCodewords(base, interleave(dataCodewords(payload, version, dataCapacity(layout)), layout));
  let best: { matrix: QrMatrix; mask: number; score: number } | undefined;
  for (let mask = 0; mask < MASK_COUNT; mask += 1) {
    if (options.mask !== undefined && mask !== options.mask) continue;
    const candidate = base.clone();
    applyMask(candidate, mask);
    candidate.drawFormat(level, mask);
    const score = penalty(candidate);
    if (!best || score < best.score) best = { matrix: candidate, mask, score };
  }
  if (!best) return fail('no QR mask was tried');
  const { matrix, mask } = best;
  return ok({ version, level, mask, size: matrix.size, isDark: (row, col) => matrix.isDark(row, col) });
}

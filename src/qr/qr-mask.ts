import type { QrMatrix } from './qr-matrix.js';

/** The eight data mask conditions (7.8.2, table 10): a module is inverted where its mask is true. */
const MASKS: readonly ((row: number, col: number) => boolean)[] = [
  (r, c) => (r + c) % 2 === 0,
  (r) => r % 2 === 0,
  (_r, c) => c % 3 === 0,
  (r, c) => (r + c) % 3 === 0,
  (r, c) => (Math.floor(r / 2) + Math.floor(c / 3)) % 2 === 0,
  (r, c) => ((r * c) % 2) + ((r * c) % 3) === 0,
  (r, c) => (((r * c) % 2) + ((r * c) % 3)) % 2 === 0,
  (r, c) => (((r + c) % 2) + ((r * c) % 3)) % 2 === 0,
];

export const MASK_COUNT = MASKS.length;

/** Inverts the data modules (never function modules) where mask `index` is true. */
export function applyMask(matrix: QrMatrix, index: number): void {
  const mask = MASKS[index];
  if (!mask) throw new RangeError(`QR mask ${index} does not exist`);
  for (let row = 0; row < matrix.size; row += 1) {
    for (let col = 0; col < matrix.size; col += 1) {
      if (!matrix.isReserved(row, col) && mask(row, col)) matrix.setData(row, col, !matrix.isDark(row, col));
    }
  }
}

/** Finder-like 1:1:3:1:1 runs with four light modules on one side (rule 3), as 11-module bit strings. */
const FINDER_LIKE = [0b10111010000, 0b00001011101];

/** Rules 1 and 3 along one line of modules (a row or a column). */
function linePenalty(line: readonly boolean[]): number {
  let penalty = 0;
  let run = 1;
  let window = 0;
  for (let i = 0; i < line.length; i += 1) {
    if (i > 0 && line[i] === line[i - 1]) run += 1;
    else {
      if (run >= 5) penalty += run - 2;
      run = 1;
    }
    window = ((window << 1) | (line[i] ? 1 : 0)) & 0x7ff;
    if (i >= 10 && FINDER_LIKE.includes(window)) penalty += 40;
  }
  if (run >= 5) penalty += run - 2;
  return penalty;
}

/**
 * The standard's penalty score of a masked symbol (7.8.3): runs of five or more (3 + extra), 2×2
 * blocks of one colour (3 each), finder-like patterns (40 each), and the dark share's distance
 * from 50 % (10 per 5 %). The mask with the lowest score is the easiest to read.
 */
export function penalty(matrix: QrMatrix): number {
  const { size } = matrix;
  let score = 0;
  let dark = 0;
  for (let i = 0; i < size; i += 1) {
    const row: boolean[] = [];
    const col: boolean[] = [];
    for (let j = 0; j < size; j += 1) {
      row.push(matrix.isDark(i, j));
      col.push(matrix.isDark(j, i));
      if (matrix.isDark(i, j)) dark += 1;
      if (i + 1 < size && j + 1 < size) {
        const colour = matrix.isDark(i, j);
        if (matrix.isDark(i, j + 1) === colour && matrix.isDark(i + 1, j) === colour && matrix.isDark(i + 1, j + 1) === colour) score += 3;
      }
    }
    score += linePenalty(row) + linePenalty(col);
  }
  const percent = (dark * 100) / (size * size);
  return score + 10 * Math.floor(Math.abs(percent - 50) / 5);
}

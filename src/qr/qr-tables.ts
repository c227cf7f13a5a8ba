/**
 * The parts of ISO/IEC 18004's tables an invite link needs: versions 1–10 (21 to 57 modules, up
 * to 271 bytes), error correction levels L (~7 % recoverable) and M (~15 %).
 */

export type ErrorCorrection = 'L' | 'M';

/** One version at one level: error correction codewords per block, and the blocks' data lengths. */
export interface BlockLayout {
  readonly ecPerBlock: number;
  /** Data codewords of each block, in order (shorter blocks first). */
  readonly dataPerBlock: readonly number[];
}

export const MAX_VERSION = 10;

const blocks = (ecPerBlock: number, ...groups: readonly (readonly [number, number])[]): BlockLayout => ({
  ecPerBlock,
  dataPerBlock: groups.flatMap(([count, length]) => new Array<number>(count).fill(length)),
});

/** Table 9 of the standard, versions 1–10, indexed by version − 1. */
export const BLOCKS: Readonly<Record<ErrorCorrection, readonly BlockLayout[]>> = {
  L: [
    blocks(7, [1, 19]),
    blocks(10, [1, 34]),
    blocks(15, [1, 55]),
    blocks(20, [1, 80]),
    blocks(26, [1, 108]),
    blocks(18, [2, 68]),
    blocks(20, [2, 78]),
    blocks(24, [2, 97]),
    blocks(30, [2, 116]),
    blocks(18, [2, 68], [2, 69]),
  ],
  M: [
    blocks(10, [1, 16]),
    blocks(16, [1, 28]),
    blocks(26, [1, 44]),
    blocks(18, [2, 32]),
    blocks(24, [2, 43]),
    blocks(16, [4, 27]),
    blocks(18, [4, 31]),
    blocks(22, [2, 38], [2, 39]),
    blocks(22, [3, 36], [2, 37]),
    blocks(26, [4, 43], [1, 44]),
  ],
};

/** Centre rows/columns of the alignment patterns (Annex E), versions 1–10. */
export const ALIGNMENT_CENTRES: readonly (readonly number[])[] = [
  [],
  [6, 18],
  [6, 22],
  [6, 26],
  [6, 30],
  [6, 34],
  [6, 22, 38],
  [6, 24, 42],
  [6, 26, 46],
  [6, 28, 50],
];

/** The two format-information bits of each level (Table 12). */
export const LEVEL_BITS: Readonly<Record<ErrorCorrection, number>> = { L: 0b01, M: 0b00 };

/** Modules per side of a version. */
export function sideOf(version: number): number {
  return 17 + 4 * version;
}

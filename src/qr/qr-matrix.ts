import { ALIGNMENT_CENTRES, LEVEL_BITS, sideOf, type ErrorCorrection } from './qr-tables.js';

/**
 * A square of modules under construction: `dark` per module, and which modules belong to function
 * patterns (finders, timing, alignment, format and version information), which data skips.
 */
export class QrMatrix {
  readonly size: number;
  readonly dark: Uint8Array;
  readonly reserved: Uint8Array;

  constructor(readonly version: number) {
    this.size = sideOf(version);
    this.dark = new Uint8Array(this.size * this.size);
    this.reserved = new Uint8Array(this.size * this.size);
    this.drawFunctionPatterns();
  }

  isDark(row: number, col: number): boolean {
    return this.dark[row * this.size + col] === 1;
  }

  isReserved(row: number, col: number): boolean {
    return this.reserved[row * this.size + col] === 1;
  }

  /** Sets a data module (never a function module). */
  setData(row: number, col: number, dark: boolean): void {
    this.dark[row * this.size + col] = dark ? 1 : 0;
  }

  /** A copy to try a mask on. */
  clone(): QrMatrix {
    const copy = Object.create(QrMatrix.prototype) as QrMatrix;
    Object.assign(copy, { version: this.version, size: this.size, dark: this.dark.slice(), reserved: this.reserved });
    return copy;
  }

  /**
   * Writes the 15 format bits (level and mask, BCH(15,5) protected, XOR 0x5412) in both copies
   * (7.9.1; figure 25): bit 0 is the least significant.
   */
  drawFormat(level: ErrorCorrection, mask: number): void {
    const bits = formatBits(level, mask);
    const bit = (i: number): boolean => ((bits >>> i) & 1) === 1;
    const last = this.size - 1;
    for (let i = 0; i <= 5; i += 1) this.fn(i, 8, bit(i));
    this.fn(7, 8, bit(6));
    this.fn(8, 8, bit(7));
    this.fn(8, 7, bit(8));
    for (let i = 9; i < 15; i += 1) this.fn(8, 14 - i, bit(i));
    for (let i = 0; i < 8; i += 1) this.fn(8, last - i, bit(i));
    for (let i = 8; i < 15; i += 1) this.fn(this.size - 15 + i, 8, bit(i));
    this.fn(this.size - 8, 8, true); // the dark module, always dark
  }

  /** Sets a function module. */
  private fn(row: number, col: number, dark: boolean): void {
    const index = row * this.size + col;
    this.dark[index] = dark ? 1 : 0;
    this.reserved[index] = 1;
  }

  private drawFunctionPatterns(): void {
    const { size, version } = this;
    for (let i = 0; i < size; i += 1) {
      this.fn(6, i, i % 2 === 0);
      this.fn(i, 6, i % 2 === 0);
    }
    for (const [row, col] of [[3, 3], [3, size - 4], [size - 4, 3]] as const) this.drawFinder(row, col);
    const centres = ALIGNMENT_CENTRES[version - 1] ?? [];
    for (const row of centres) {
      for (const col of centres) {
        // Alignment patterns never overlap a finder (the three corner combinations).
        const onFinder = (row === 6 && col === 6) || (row === 6 && col === size - 7) || (row === size - 7 && col === 6);
        if (!onFinder) this.drawAlignment(row, col);
      }
    }
    this.drawFormat('L', 0); // reserves the format areas; overwritten once the mask is chosen
    if (version >= 7) this.drawVersion();
  }

  /** A 7×7 finder with its light separator, centred on (row, col). */
  private drawFinder(row: number, col: number): void {
    for (let dr = -4; dr <= 4; dr += 1) {
      for (let dc = -4; dc <= 4; dc += 1) {
        const r = row + dr;
        const c = col + dc;
        if (r < 0 || c < 0 || r >= this.size || c >= this.size) continue;
        const ring = Math.max(Math.abs(dr), Math.abs(dc));
        this.fn(r, c, ring !== 2 && ring !== 4);
      }
    }
  }

  private drawAlignment(row: number, col: number): void {
    for (let dr = -2; dr <= 2; dr += 1) {
      for (let dc = -2; dc <= 2; dc += 1) this.fn(row + dr, col + dc, Math.max(Math.abs(dr), Math.abs(dc)) !== 1);
    }
  }

  /** The 18 version bits (versions 7+), BCH(18,6) protected, in both 6×3 blocks (7.10). */
  private drawVersion(): void {
    const bits = versionBits(this.version);
    for (let i = 0; i < 18; i += 1) {
      const dark = ((bits >>> i) & 1) === 1;
      const a = this.size - 11 + (i % 3);
      const b = Math.floor(i / 3);
      this.fn(b, a, dark);
      this.fn(a, b, dark);
    }
  }
}

/** Remainder of `value`·2^(degree) divided by `generator` over GF(2): a BCH check. */
function bchRemainder(value: number, generator: number, degree: number): number {
  let remainder = value << degree;
  for (let bit = 31 - Math.clz32(remainder); bit >= degree; bit -= 1) {
    if ((remainder >>> bit) & 1) remainder ^= generator << (bit - degree);
  }
  return remainder;
}

/** The 15-bit format information of a level and mask. */
export function formatBits(level: ErrorCorrection, mask: number): number {
  const data = (LEVEL_BITS[level] << 3) | mask;
  return ((data << 10) | bchRemainder(data, 0x537, 10)) ^ 0x5412;
}

/** The 18-bit version information of versions 7 and up. */
export function versionBits(version: number): number {
  return (version << 12) | bchRemainder(version, 0x1f25, 12);
}

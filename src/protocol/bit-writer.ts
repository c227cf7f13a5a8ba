/**
 * Writes values of any bit width into a growing byte buffer, most significant bit first.
 * Snapshots are bit-packed because quantized fields (a 15-bit coordinate, an 8-bit angle, a
 * 1-bit flag) waste most of a byte each when aligned.
 */
export class BitWriter {
  private buffer: Uint8Array;
  private byteLength = 0;
  /** Bits not yet flushed to the buffer, right-aligned. */
  private pending = 0;
  private pendingBits = 0;

  constructor(initialBytes = 64) {
    this.buffer = new Uint8Array(initialBytes);
  }

  /** Empties the writer for the next message, keeping its buffer (a view from finish() is then overwritten). */
  reset(): void {
    this.byteLength = 0;
    this.pending = 0;
    this.pendingBits = 0;
  }

  /** Total bits written so far. */
  get bitLength(): number {
    return this.byteLength * 8 + this.pendingBits;
  }

  /** Writes the low `bits` bits of a non-negative integer (0 ≤ bits ≤ 32). */
  write(value: number, bits: number): void {
    if (bits > 24) {
      this.write(Math.floor(value / 0x10000) & ((1 << (bits - 16)) - 1), bits - 16);
      this.write(value & 0xffff, 16);
      return;
    }
    this.pending = (this.pending << bits) | (value & ((1 << bits) - 1));
    this.pendingBits += bits;
    while (this.pendingBits >= 8) {
      this.pendingBits -= 8;
      this.pushByte((this.pending >>> this.pendingBits) & 0xff);
    }
    this.pending &= (1 << this.pendingBits) - 1;
  }

  /** One bit: 1 for true. */
  writeFlag(flag: boolean): void {
    this.write(flag ? 1 : 0, 1);
  }

  /**
   * Elias gamma code for a positive integer: small numbers (gaps between entity ids, usually 1)
   * take 1 or 3 bits, large ones grow logarithmically.
   */
  writeGamma(value: number): void {
    if (!(value >= 1)) throw new Error(`gamma code needs a positive integer, got ${value}`);
    const width = 31 - Math.clz32(value);
    this.write(0, width);
    this.write(value, width + 1);
  }

  /**
   * The written bytes, the last one padded with zero bits. A view of the writer's own buffer
   * (no copy): a writer is used for one message and then dropped.
   */
  finish(): Uint8Array {
    if (this.pendingBits > 0) {
      this.pushByte((this.pending << (8 - this.pendingBits)) & 0xff);
      this.pending = 0;
      this.pendingBits = 0;
    }
    return this.buffer.subarray(0, this.byteLength);
  }

  private pushByte(byte: number): void {
    if (this.byteLength === this.buffer.length) {
      const grown = new Uint8Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.byteLength] = byte;
    this.byteLength += 1;
  }
}

/** Maps signed integers to unsigned so small magnitudes of either sign stay small: 0,-1,1,-2 → 0,1,2,3. */
export function zigzag(value: number): number {
  return value >= 0 ? value * 2 : -value * 2 - 1;
}

/** Inverse of {@link zigzag}. */
export function unzigzag(value: number): number {
  return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
}

/** Thrown when a reader runs past the end of its bytes; callers turn it into a counted drop. */
export class BitReaderOverrun extends Error {
  constructor() {
    super('read past the end of the bit stream');
  }
}

/** Reads what {@link BitWriter} wrote, most significant bit first. */
export class BitReader {
  private bitOffset = 0;
  private readonly bitLength: number;

  constructor(private readonly bytes: Uint8Array) {
    this.bitLength = bytes.length * 8;
  }

  /** Bits left to read (including final padding). */
  get remainingBits(): number {
    return this.bitLength - this.bitOffset;
  }

  /** Reads an unsigned integer of `bits` bits (0 ≤ bits ≤ 32). */
  read(bits: number): number {
    if (bits > 24) {
      const high = this.read(bits - 16);
      return high * 0x10000 + this.read(16);
    }
    if (bits === 0) return 0;
    if (this.bitOffset + bits > this.bitLength) throw new BitReaderOverrun();
    // A 32-bit window starting at the current byte always holds the ≤ 24 + 7 bits needed.
    const bytes = this.bytes;
    const index = this.bitOffset >>> 3;
    const window =
      ((bytes[index] ?? 0) << 24) | ((bytes[index + 1] ?? 0) << 16) | ((bytes[index + 2] ?? 0) << 8) | (bytes[index + 3] ?? 0);
    const value = (window << (this.bitOffset & 7)) >>> (32 - bits);
    this.bitOffset += bits;
    return value;
  }

  readFlag(): boolean {
    return this.read(1) === 1;
  }

  /** Reads an Elias gamma code; refuses absurd lengths instead of looping. */
  readGamma(): number {
    let zeros = 0;
    while (this.read(1) === 0) {
      zeros += 1;
      if (zeros > 30) throw new BitReaderOverrun();
    }
    return zeros === 0 ? 1 : (1 << zeros) + this.read(zeros);
  }
}

/** Thrown when a reader runs past the end of its bytes; callers turn it into a counted drop. */
export class BitReaderOverrun extends Error {
  constructor() {
    super('read past the end of the bit stream');
  }
}

/** Reads what {@link BitWriter} wrote, most significant bit first. */
export class BitReader {
  private bitOffset = 0;

  constructor(private readonly bytes: Uint8Array) {}

  /** Bits left to read (including final padding). */
  get remainingBits(): number {
    return this.bytes.length * 8 - this.bitOffset;
  }

  /** Reads an unsigned integer of `bits` bits (0 ≤ bits ≤ 32). */
  read(bits: number): number {
    if (bits > 24) {
      const high = this.read(bits - 16);
      return high * 0x10000 + this.read(16);
    }
    if (bits > this.remainingBits) throw new BitReaderOverrun();
    let value = 0;
    let left = bits;
    while (left > 0) {
      const byte = this.bytes[this.bitOffset >>> 3] ?? 0;
      const used = this.bitOffset & 7;
      const take = Math.min(8 - used, left);
      const chunk = (byte >>> (8 - used - take)) & ((1 << take) - 1);
      value = (value << take) | chunk;
      left -= take;
      this.bitOffset += take;
    }
    return value >>> 0;
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

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { reedSolomon } from '../../src/qr/galois.js';
import { byteCapacity, dataCodewords, encodeQr, type QrCode } from '../../src/qr/qr-encode.js';
import { formatBits, QrMatrix, versionBits } from '../../src/qr/qr-matrix.js';
import { BLOCKS } from '../../src/qr/qr-tables.js';
import { qrPath } from '../../src/view/qr-svg.js';

/** A symbol as rows of `#` (dark) and `.` (light). */
function rows(code: QrCode): string[] {
  return Array.from({ length: code.size }, (_, row) => Array.from({ length: code.size }, (_, col) => (code.isDark(row, col) ? '#' : '.')).join(''));
}

function encoded(...args: Parameters<typeof encodeQr>): QrCode {
  const result = encodeQr(...args);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

describe('QR code encoder (ISO/IEC 18004, byte mode, versions 1–10, levels L and M)', () => {
  it('computes the error correction codewords of the standard\'s worked example (1-M, "01234567")', () => {
    const data = Uint8Array.from([0x10, 0x20, 0x0c, 0x56, 0x61, 0x80, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11]);
    expect(Buffer.from(reedSolomon(data, 10)).toString('hex')).toBe('a524d4c1ed36c7872c55');
  });

  it('protects format and version information with the standard\'s BCH codes', () => {
    expect(formatBits('M', 0)).toBe(0b101010000010010);
    expect(formatBits('L', 0)).toBe(0b111011111000100);
    expect(formatBits('L', 4)).toBe(0b110011000101111);
    expect(versionBits(7)).toBe(0b000111110010010100);
    expect(versionBits(10)).toBe(0b001010010011010011);
  });

  it('holds the standard\'s byte-mode capacities', () => {
    const capacities = (level: 'L' | 'M') => Array.from({ length: 10 }, (_, i) => byteCapacity(i + 1, level));
    expect(capacities('L')).toEqual([17, 32, 53, 78, 106, 134, 154, 192, 230, 271]);
    expect(capacities('M')).toEqual([14, 26, 42, 62, 84, 106, 122, 152, 180, 213]);
  });

  it('leaves exactly the standard\'s remainder bits after the codewords of every version', () => {
    for (let version = 1; version <= 10; version += 1) {
      const matrix = new QrMatrix(version);
      const free = Array.from(matrix.reserved).filter((reserved) => reserved === 0).length;
      const layout = BLOCKS.M[version - 1];
      const codewords = (layout?.dataPerBlock ?? []).reduce((sum, length) => sum + length + (layout?.ecPerBlock ?? 0), 0);
      expect(free - codewords * 8, `version ${version}`).toBe(version >= 2 && version <= 6 ? 7 : 0);
    }
  });

  it('pads data with a terminator and alternating 0xEC 0x11', () => {
    expect(Buffer.from(dataCodewords(new TextEncoder().encode('hi'), 1, 16)).toString('hex')).toBe('40268690ec11ec11ec11ec11ec11ec11');
  });

  it('draws "hi" at 1-M with mask 2 exactly as libqrencode 4.1.1 does', () => {
    expect(rows(encoded('hi', { level: 'M', mask: 2 }))).toEqual([
      '#######..####.#######',
      '#.....#..##.#.#.....#',
      '#.###.#.##.##.#.###.#',
      '#.###.#.##..#.#.###.#',
      '#.###.#.#..##.#.###.#',
      '#.....#.##..#.#.....#',
      '#######.#.#.#.#######',
      '........#.###........',
      '#.#####.....#.#####..',
      '.###.#.#..#.#..#....#',
      '..##..##.#.#.#..####.',
      '###.#....#.....##.#..',
      '###.#.#....#.#..#.#.#',
      '........#..####..#..#',
      '#######...#.#.##...#.',
      '#.....#.#######..#..#',
      '#.###.#.#...#..#..#..',
      '#.###.#.###.#..#..#..',
      '#.###.#.#..#.#..###..',
      '#.....#..##....##.#..',
      '#######.#.##.#..####.',
    ]);
  });

  it.each([
    // An invite link: version 3, one block. 200 bytes at L: version 9, two blocks, version information.
    { label: 'an invite link', text: 'http://127.0.0.1:5173/join/AB3XY9', level: 'M', mask: 0, version: 3, sha256: '36742f889d194ce89f284e7df4b7d1d0e6fc6f94f120f5d4694775e0b4f70c9d' },
    { label: '200 bytes', text: 'y'.repeat(200), level: 'L', mask: 1, version: 9, sha256: '6f251c603e5ae209f7cc3aa1575971b981d853e1ba640e87c67dda57de4645ed' },
  ] as const)('draws $label at level $level, mask $mask, as libqrencode 4.1.1 does (SHA-256 of its rows)', ({ text, level, mask, version, sha256 }) => {
    const code = encoded(text, { level, mask });
    expect(code.version).toBe(version);
    expect(createHash('sha256').update(`${rows(code).join('\n')}\n`).digest('hex')).toBe(sha256);
  });

  it('picks the smallest version and a mask by penalty, and refuses text that does not fit', () => {
    const code = encoded('http://127.0.0.1:5173/join/AB3XY9');
    expect([code.level, code.version, code.size]).toEqual(['M', 3, 29]);
    expect(code.mask).toBeGreaterThanOrEqual(0);
    expect(encoded('x'.repeat(213)).version).toBe(10);
    expect(encodeQr('x'.repeat(214))).toEqual({ ok: false, reason: 'text of 214 bytes is too long for a QR code up to version 10 at level M' });
    expect(encodeQr('x', { mask: 8 })).toEqual({ ok: false, reason: 'QR mask must be 0–7' });
  });

  it('draws dark runs as SVG path rectangles inside a 4-module quiet zone', () => {
    const path = qrPath(encoded('hi', { level: 'M', mask: 2 }));
    // Row 0 is #######..####.#######: runs at columns 0, 9 and 14, shifted by the quiet zone.
    expect(path.startsWith('M4 4h7v1h-7zM13 4h4v1h-4zM18 4h7v1h-7zM4 5h1v1h-1z')).toBe(true);
  });
});

// jsqr is CommonJS whose types describe an ES module: its function is the module's `default`.
import jsqr from 'jsqr';
import { describe, expect, it } from 'vitest';
import { encodeQr, type QrCode } from '../../src/qr/qr-encode.js';
import { qrPath } from '../../src/view/qr-svg.js';

function encoded(...args: Parameters<typeof encodeQr>): QrCode {
  const result = encodeQr(...args);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

/** The symbol as a camera would see it: black on white, 4 pixels a module, a 4-module quiet zone. */
function photograph(code: QrCode): { pixels: Uint8ClampedArray; side: number } {
  const scale = 4;
  const side = (code.size + 8) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < side; y += 1) {
    for (let x = 0; x < side; x += 1) {
      const row = Math.floor(y / scale) - 4;
      const col = Math.floor(x / scale) - 4;
      if (row < 0 || col < 0 || row >= code.size || col >= code.size || !code.isDark(row, col)) continue;
      pixels.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
    }
  }
  return { pixels, side };
}

/** What an independent reader (jsQR) makes of the symbol: the text and the raw bytes. */
function read(code: QrCode): { text: string; bytes: number[] } | undefined {
  const { pixels, side } = photograph(code);
  const found = jsqr.default(pixels, side, side, { inversionAttempts: 'dontInvert' });
  return found ? { text: found.data, bytes: found.binaryData } : undefined;
}

describe('QR codes of invite links (qrcode-generator, read back by jsQR)', () => {
  it('reads back exactly what was encoded, UTF-8 included, at both levels and across versions', () => {
    const texts = ['hi', 'http://127.0.0.1:5173/join/AB3XY9', 'https://spiele.beispiel.de/join/M5TR2K?spectate', 'é€ unicode ✓', 'x'.repeat(150)];
    for (const level of ['L', 'M'] as const) {
      for (const text of texts) {
        expect(read(encoded(text, { level }))).toEqual({ text, bytes: Array.from(new TextEncoder().encode(text)) });
      }
    }
  });

  it('picks the smallest version, and refuses text beyond version 10 with a reason', () => {
    const code = encoded('http://127.0.0.1:5173/join/AB3XY9');
    expect([code.level, code.version, code.size]).toEqual(['M', 3, 29]);
    expect(encoded('x'.repeat(213)).version).toBe(10);
    expect(encodeQr('x'.repeat(214))).toEqual({ ok: false, reason: 'text of 214 bytes is too long for a QR code up to version 10 at level M' });
    expect(encodeQr('x'.repeat(5_000))).toEqual({ ok: false, reason: 'text of 5000 bytes is too long for a QR code' });
  });

  it('draws dark runs as SVG path rectangles inside a 4-module quiet zone', () => {
    const path = qrPath(encoded('hi'));
    // Row 0 is #######..####.#######: runs at columns 0, 9 and 14, shifted by the quiet zone.
    expect(path.startsWith('M4 4h7v1h-7zM13 4h4v1h-4zM18 4h7v1h-7zM4 5h1v1h-1z')).toBe(true);
  });
});

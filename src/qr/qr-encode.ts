import qrcode from 'qrcode-generator';
import { fail, ok, type Result } from '../util/result.js';

/** How much of a damaged symbol can be lost and still read: L about 7 %, M about 15 %. */
export type ErrorCorrection = 'L' | 'M';

/** A finished QR symbol: `size` × `size` modules, row by row; draw it with a 4-module quiet zone. */
export interface QrCode {
  readonly version: number;
  readonly level: ErrorCorrection;
  readonly size: number;
  isDark(row: number, col: number): boolean;
}

export interface QrOptions {
  /** Error correction; M (default) survives a smudged or partly covered screen better. */
  readonly level?: ErrorCorrection;
}

/** The largest symbol the page draws: 57 × 57 modules, plenty for an invite link. */
const MAX_VERSION = 10;

/**
 * Encodes text (UTF-8, byte mode) as the smallest QR code that holds it, up to version 10, e.g.
 * an invite link for a phone's camera. The symbol comes from qrcode-generator (a maintained
 * encoder); this adds UTF-8 (the library's default byte conversion keeps only the low byte of
 * each character), the size limit, and a failure value instead of a throw.
 */
export function encodeQr(text: string, options: QrOptions = {}): Result<QrCode> {
  const level = options.level ?? 'M';
  const utf8 = new TextEncoder().encode(text);
  // One character per byte: the library's byte mode then carries the UTF-8 bytes as they are.
  const bytes = Array.from(utf8, (byte) => String.fromCharCode(byte)).join('');
  const symbol = qrcode(0, level);
  symbol.addData(bytes, 'Byte');
  try {
    symbol.make();
  } catch {
    return fail(`text of ${utf8.length} bytes is too long for a QR code`);
  }
  const size = symbol.getModuleCount();
  const version = (size - 17) / 4;
  if (version > MAX_VERSION) return fail(`text of ${utf8.length} bytes is too long for a QR code up to version ${MAX_VERSION} at level ${level}`);
  return ok({ version, level, size, isDark: (row, col) => symbol.isDark(row, col) });
}

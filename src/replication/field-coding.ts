import type { BitReader } from '../protocol/bit-reader.js';
import { unzigzag, zigzag, type BitWriter } from '../protocol/bit-writer.js';

/**
 * How one changed field is written. Positions move a little between snapshots, so they are sent
 * as a delta from the baseline in one of three widths (2-bit class), or absolute when the jump is
 * large; angles and small integers are short enough to send absolute.
 */
const CLASS_BITS = 2;
const ABSOLUTE_CLASS = 3;

function deltaWidth(cls: number): number {
  return cls === 0 ? 4 : cls === 1 ? 7 : 10;
}

function deltaClass(zigzagged: number): number {
  return zigzagged < 16 ? 0 : zigzagged < 128 ? 1 : zigzagged < 1024 ? 2 : ABSOLUTE_CLASS;
}

/** Bits {@link writeField} will use, for budgeting before writing. */
export function fieldCost(isPosition: boolean, bits: number, value: number, base: number): number {
  if (!isPosition) return bits;
  const cls = deltaClass(zigzag(value - base));
  return CLASS_BITS + (cls === ABSOLUTE_CLASS ? bits : deltaWidth(cls));
}

/** Writes a changed field relative to its baseline value. */
export function writeField(writer: BitWriter, isPosition: boolean, bits: number, value: number, base: number): void {
  if (!isPosition) {
    writer.write(value, bits);
    return;
  }
  const zigzagged = zigzag(value - base);
  const cls = deltaClass(zigzagged);
  writer.write(cls, CLASS_BITS);
  if (cls === ABSOLUTE_CLASS) writer.write(value, bits);
  else writer.write(zigzagged, deltaWidth(cls));
}

/** Reads a field written by {@link writeField}. */
export function readField(reader: BitReader, isPosition: boolean, bits: number, base: number): number {
  if (!isPosition) return reader.read(bits);
  const cls = reader.read(CLASS_BITS);
  if (cls === ABSOLUTE_CLASS) return reader.read(bits);
  return base + unzigzag(reader.read(deltaWidth(cls)));
}

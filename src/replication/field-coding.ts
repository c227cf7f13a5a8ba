import type { BitReader } from '../protocol/bit-reader.js';
import { unzigzag, zigzag, type BitWriter } from '../protocol/bit-writer.js';
import type { FieldDefinition } from './schema.js';

/**
 * How one changed field is written. Positions move a little between snapshots, so they are sent
 * as a delta from the baseline in one of three widths (2-bit class), or absolute when the jump is
 * large; angles and small integers are short enough to send absolute.
 */
const DELTA_WIDTHS = [4, 7, 10] as const;
const ABSOLUTE_CLASS = DELTA_WIDTHS.length;
const CLASS_BITS = 2;

function deltaClass(zigzagged: number): number {
  for (let i = 0; i < DELTA_WIDTHS.length; i += 1) {
    if (zigzagged < 1 << (DELTA_WIDTHS[i] ?? 0)) return i;
  }
  return ABSOLUTE_CLASS;
}

/** Bits {@link writeField} will use, for budgeting before writing. */
export function fieldCost(field: FieldDefinition, value: number, base: number): number {
  if (field.spec.kind !== 'position') return field.bits;
  const cls = deltaClass(zigzag(value - base));
  return CLASS_BITS + (cls === ABSOLUTE_CLASS ? field.bits : (DELTA_WIDTHS[cls] ?? 0));
}

/** Writes a changed field relative to its baseline value. */
export function writeField(writer: BitWriter, field: FieldDefinition, value: number, base: number): void {
  if (field.spec.kind !== 'position') {
    writer.write(value, field.bits);
    return;
  }
  const zigzagged = zigzag(value - base);
  const cls = deltaClass(zigzagged);
  writer.write(cls, CLASS_BITS);
  if (cls === ABSOLUTE_CLASS) writer.write(value, field.bits);
  else writer.write(zigzagged, DELTA_WIDTHS[cls] ?? 0);
}

/** Reads a field written by {@link writeField}. */
export function readField(reader: BitReader, field: FieldDefinition, base: number): number {
  if (field.spec.kind !== 'position') return reader.read(field.bits);
  const cls = reader.read(CLASS_BITS);
  if (cls === ABSOLUTE_CLASS) return reader.read(field.bits);
  return base + unzigzag(reader.read(DELTA_WIDTHS[cls] ?? 0));
}

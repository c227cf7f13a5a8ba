import type { BitReader } from '../protocol/bit-reader.js';
import { unzigzag, zigzag, type BitWriter } from '../protocol/bit-writer.js';
import type { SnapshotSchema } from './schema.js';
import { ChangeKind, type StateDiff } from './state-diff.js';
import { rowReference } from './motion-prediction.js';
import type { QuantizedState } from './quantized-state.js';

/**
 * How one changed field is written. Each body says, per field, whether that field's changes go
 * as deltas from the baseline or as their values (see {@link chooseDeltaFields}). A delta is
 * zigzagged and sent in one of three widths (2-bit class), or as the value when the jump is
 * large. Angles wrap: their delta is taken the short way round.
 */
const CLASS_BITS = 2;
const ABSOLUTE_CLASS = 3;

function deltaWidth(cls: number): number {
  return cls === 0 ? 4 : cls === 1 ? 7 : 10;
}

function deltaClass(zigzagged: number): number {
  return zigzagged < 16 ? 0 : zigzagged < 128 ? 1 : zigzagged < 1024 ? 2 : ABSOLUTE_CLASS;
}

/** value − base; for a wrapping field of `bits` bits, the short way round (a bit mask: no powers in this hot path). */
function difference(wraps: boolean, bits: number, value: number, base: number): number {
  const d = value - base;
  if (!wraps) return d;
  const half = 1 << (bits - 1);
  return ((d + half) & (half + half - 1)) - half;
}

/** Bits a changed field costs written as a delta (see {@link writeField}). */
function deltaCost(wraps: boolean, bits: number, value: number, base: number): number {
  const cls = deltaClass(zigzag(difference(wraps, bits, value, base)));
  return CLASS_BITS + (cls === ABSOLUTE_CLASS ? bits : deltaWidth(cls));
}

/** Bits {@link writeField} will use, for budgeting before writing. */
export function fieldCost(delta: boolean, wraps: boolean, bits: number, value: number, base: number): number {
  return delta ? deltaCost(wraps, bits, value, base) : bits;
}

/**
 * The fields whose changes this body sends as deltas, one bit per field (bit f = field f): for
 * each field, whichever of deltas and values costs fewer bits over all the updates of `diff`.
 * Positions that creep, counters that tick and angles that turn a little go as deltas; flags,
 * enums and values that jump go as values. Chosen per body, so a game's fields need no hints and
 * a field that behaves differently later is coded for what it does now.
 */
export function chooseDeltaFields(schema: SnapshotSchema, baseline: QuantizedState, current: QuantizedState, diff: StateDiff): number {
  const fieldCount = schema.bits.length;
  const { bits, isAngle } = schema;
  const ticks = current.tick - baseline.tick;
  const saving = new Float64Array(fieldCount);
  for (let i = 0; i < diff.count; i += 1) {
    if (diff.kinds[i] !== ChangeKind.Update) continue;
    const mask = diff.masks[i] ?? 0;
    const c = (diff.currentRows[i] ?? 0) * fieldCount;
    const b = (diff.baselineRows[i] ?? 0) * fieldCount;
    for (let f = 0; f < fieldCount; f += 1) {
      if (!(mask & (1 << f))) continue;
      const width = bits[f] ?? 0;
      const reference = rowReference(schema, f, baseline.values, b, current.values, c, ticks);
      saving[f] = (saving[f] ?? 0) + width - deltaCost(isAngle[f] === 1, width, current.values[c + f] ?? 0, reference);
    }
  }
  let deltaFields = 0;
  for (let f = 0; f < fieldCount; f += 1) if ((saving[f] ?? 0) > 0) deltaFields |= 1 << f;
  return deltaFields;
}

/** Writes a changed field: its value, or its delta from `base` (the baseline value, or where its velocity moved it: rowReference). */
export function writeField(writer: BitWriter, delta: boolean, wraps: boolean, bits: number, value: number, base: number): void {
  if (!delta) {
    writer.write(value, bits);
    return;
  }
  const zigzagged = zigzag(difference(wraps, bits, value, base));
  const cls = deltaClass(zigzagged);
  writer.write(cls, CLASS_BITS);
  if (cls === ABSOLUTE_CLASS) writer.write(value, bits);
  else writer.write(zigzagged, deltaWidth(cls));
}

/**
 * Reads a field written by {@link writeField}. A wrapping field comes back within its range; any
 * other may come back out of range from a hostile delta, which the caller refuses.
 */
export function readField(reader: BitReader, delta: boolean, wraps: boolean, bits: number, base: number): number {
  if (!delta) return reader.read(bits);
  const cls = reader.read(CLASS_BITS);
  if (cls === ABSOLUTE_CLASS) return reader.read(bits);
  const value = base + unzigzag(reader.read(deltaWidth(cls)));
  if (!wraps) return value;
  const half = 1 << (bits - 1);
  return value & (half + half - 1);
}

import { BitReader, BitReaderOverrun } from '../protocol/bit-reader.js';
import { BitWriter } from '../protocol/bit-writer.js';
import { fail, ok, type Result } from '../util/result.js';
import { fieldCost, readField, writeField } from './field-coding.js';
import type { QuantizedState } from './quantized-state.js';
import type { SnapshotSchema } from './schema.js';
import { ChangeKind, type StateDiff } from './state-diff.js';

/** Entity ids must stay below 2^30 so an id gap always fits the gamma code. */
export const MAX_ENTITY_ID = 2 ** 30 - 2;

/**
 * Bits one diff entry costs, excluding its id gap and the "same mask as before" saving: used to
 * choose what fits a packet before writing it.
 */
export function changeCost(schema: SnapshotSchema, baseline: QuantizedState, current: QuantizedState, diff: StateDiff, i: number): number {
  const fieldCount = schema.fields.length;
  const kind = diff.kinds[i];
  if (kind === ChangeKind.Despawn) return 2;
  if (kind === ChangeKind.Spawn) return 2 + schema.fields.reduce((sum, field) => sum + field.bits, 0);
  let bits = 1 + 1 + fieldCount;
  const mask = diff.masks[i] ?? 0;
  const c = diff.currentRows[i] ?? 0;
  const b = diff.baselineRows[i] ?? 0;
  schema.fields.forEach((field, f) => {
    if (mask & (1 << f)) bits += fieldCost(field, current.values[c * fieldCount + f] ?? 0, baseline.values[b * fieldCount + f] ?? 0);
  });
  return bits;
}

/**
 * Writes the entries of `diff` for which `include(i)` holds. Layout (bits, MSB first):
 * gamma(count + 1), then per entry: gamma(id − previous id) (previous starts at −1), an op
 * (`0` update, `10` spawn, `11` despawn); an update continues with `1` (same field mask as the
 * previous update) or `0` + mask, then each changed field; a spawn with every field absolute.
 */
export function encodeDiff(
  schema: SnapshotSchema,
  baseline: QuantizedState,
  current: QuantizedState,
  diff: StateDiff,
  include: (index: number) => boolean,
): Uint8Array {
  const fieldCount = schema.fields.length;
  const writer = new BitWriter(64 + diff.count * 8);
  let count = 0;
  for (let i = 0; i < diff.count; i += 1) if (include(i)) count += 1;
  writer.writeGamma(count + 1);
  let previousId = -1;
  let previousMask = -1;
  for (let i = 0; i < diff.count; i += 1) {
    if (!include(i)) continue;
    const id = diff.ids[i] ?? 0;
    writer.writeGamma(id - previousId);
    previousId = id;
    const kind = diff.kinds[i];
    const c = diff.currentRows[i] ?? 0;
    if (kind === ChangeKind.Despawn) {
      writer.write(0b11, 2);
    } else if (kind === ChangeKind.Spawn) {
      writer.write(0b10, 2);
      schema.fields.forEach((field, f) => writer.write(current.values[c * fieldCount + f] ?? 0, field.bits));
    } else {
      const mask = diff.masks[i] ?? 0;
      const b = diff.baselineRows[i] ?? 0;
      writer.write(0, 1);
      writer.writeFlag(mask === previousMask);
      if (mask !== previousMask) writer.write(mask, fieldCount);
      previousMask = mask;
      schema.fields.forEach((field, f) => {
        if (mask & (1 << f)) writeField(writer, field, current.values[c * fieldCount + f] ?? 0, baseline.values[b * fieldCount + f] ?? 0);
      });
    }
  }
  return writer.finish();
}

/**
 * Rebuilds a state from a baseline and an encoded diff. Every inconsistency (an update or
 * despawn of an entity the baseline lacks, a spawn of one it has, ids out of order, values out of
 * range, truncated bytes) is a failure value.
 */
export function decodeDiff(schema: SnapshotSchema, baseline: QuantizedState, tick: number, bytes: Uint8Array): Result<QuantizedState> {
  try {
    return applyRecords(schema, baseline, tick, new BitReader(bytes));
  } catch (error: unknown) {
    if (error instanceof BitReaderOverrun) return fail('snapshot: truncated');
    throw error;
  }
}

function applyRecords(schema: SnapshotSchema, baseline: QuantizedState, tick: number, reader: BitReader): Result<QuantizedState> {
  const fieldCount = schema.fields.length;
  const count = reader.readGamma() - 1;
  // Every record takes at least 3 bits, so a larger count is a lie that would only waste time.
  if (count * 3 > reader.remainingBits) return fail('snapshot: record count exceeds the packet');
  const ids: number[] = [];
  const values: number[] = [];
  let b = 0;
  const copyBaselineUntil = (id: number): void => {
    while (b < baseline.ids.length && (baseline.ids[b] ?? 0) < id) {
      ids.push(baseline.ids[b] ?? 0);
      for (let f = 0; f < fieldCount; f += 1) values.push(baseline.values[b * fieldCount + f] ?? 0);
      b += 1;
    }
  };
  let previousId = -1;
  let previousMask = -1;
  for (let r = 0; r < count; r += 1) {
    const id = previousId + reader.readGamma();
    if (id > MAX_ENTITY_ID) return fail('snapshot: entity id out of range');
    previousId = id;
    copyBaselineUntil(id);
    const inBaseline = b < baseline.ids.length && baseline.ids[b] === id;
    if (reader.readFlag()) {
      const despawn = reader.readFlag();
      if (despawn !== inBaseline) return fail(`snapshot: ${despawn ? 'despawn of unknown' : 'spawn of existing'} entity ${id}`);
      if (despawn) {
        b += 1;
        continue;
      }
      ids.push(id);
      for (const field of schema.fields) values.push(reader.read(field.bits));
      continue;
    }
    if (!inBaseline) return fail(`snapshot: update of unknown entity ${id}`);
    const mask = reader.readFlag() ? previousMask : reader.read(fieldCount);
    if (mask <= 0) return fail('snapshot: empty field mask');
    previousMask = mask;
    ids.push(id);
    for (let f = 0; f < fieldCount; f += 1) {
      const field = schema.fields[f];
      const base = baseline.values[b * fieldCount + f] ?? 0;
      if (!field || !(mask & (1 << f))) {
        values.push(base);
        continue;
      }
      const value = readField(reader, field, base);
      if (value < 0 || value >= 2 ** field.bits) return fail(`snapshot: ${field.name} out of range`);
      values.push(value);
    }
    b += 1;
  }
  copyBaselineUntil(Infinity);
  return ok({ tick, ids: Uint32Array.from(ids), values: Int32Array.from(values) });
}

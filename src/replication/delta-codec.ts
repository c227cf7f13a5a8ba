import { BitReader, BitReaderOverrun } from '../protocol/bit-reader.js';
import { BitWriter } from '../protocol/bit-writer.js';
import { fail, type Result } from '../util/result.js';
import { chooseDeltaFields, fieldCost, writeField } from './field-coding.js';
import { rowReference } from './motion-prediction.js';
import type { QuantizedState } from './quantized-state.js';
import type { SnapshotSchema } from './schema.js';
import { applyRecords } from './delta-records.js';
import { ChangeKind, type StateDiff } from './state-diff.js';

/** Entity ids must stay below 2^30 so an id gap always fits the gamma code. */
export const MAX_ENTITY_ID = 2 ** 30 - 2;
/**
 * The writer every body is written with, its buffer kept between bodies: a buffer over 64 bytes
 * costs V8 a separate allocation that took longer than writing a small world's body. Each body
 * leaves as a copy of exactly its length.
 */
const bodyWriter = new BitWriter(1_024);

/**
 * Bits one diff entry costs, excluding its id gap and the "same mask as before" saving: used to
 * choose what fits a packet before writing it. `deltaFields` as the body will say (see
 * chooseDeltaFields).
 */
export function changeCost(schema: SnapshotSchema, baseline: QuantizedState, current: QuantizedState, diff: StateDiff, i: number, deltaFields: number): number {
  const kind = diff.kinds[i];
  if (kind === ChangeKind.Despawn) return 2;
  if (kind === ChangeKind.Spawn) return 2 + schema.fullRecordBits;
  const fieldCount = schema.bits.length;
  const mask = diff.masks[i] ?? 0;
  const c = (diff.currentRows[i] ?? 0) * fieldCount;
  const b = (diff.baselineRows[i] ?? 0) * fieldCount;
  const ticks = current.tick - baseline.tick;
  let bits = 2 + fieldCount;
  for (let f = 0; f < fieldCount; f += 1) {
    if (mask & (1 << f)) {
      const reference = rowReference(schema, f, baseline.values, b, current.values, c, ticks);
      bits += fieldCost((deltaFields & (1 << f)) !== 0, schema.isAngle[f] === 1, schema.bits[f] ?? 0, current.values[c + f] ?? 0, reference);
    }
  }
  return bits;
}

/**
 * Writes the entries of `diff` whose flag in `include` is 1 (all of them when omitted). Layout
 * (bits, MSB first): gamma(count + 1), the fields sent as deltas (one bit per field), then per
 * entry: gamma(id − previous id) (previous starts at −1), an op (`0` update, `10` spawn, `11`
 * despawn); an update continues with `1` (same field mask as the previous update) or `0` + mask,
 * then each changed field in the schema's coding order (positions predicted from a velocity
 * last); a spawn with every field at full width. `deltaFields` defaults to
 * what costs least for all of `diff` (chooseDeltaFields).
 */
export function encodeDiff(
  schema: SnapshotSchema,
  baseline: QuantizedState,
  current: QuantizedState,
  diff: StateDiff,
  include?: Uint8Array,
  deltaFields = chooseDeltaFields(schema, baseline, current, diff),
): Uint8Array {
  const fieldCount = schema.bits.length;
  const { bits, isAngle } = schema;
  const { order } = schema.prediction;
  const ticks = current.tick - baseline.tick;
  const writer = bodyWriter;
  writer.reset();
  let count = diff.count;
  if (include) {
    count = 0;
    for (let i = 0; i < diff.count; i += 1) count += include[i] ?? 0;
  }
  writer.writeGamma(count + 1);
  writer.write(deltaFields, fieldCount);
  let previousId = -1;
  let previousMask = -1;
  for (let i = 0; i < diff.count; i += 1) {
    if (include && include[i] !== 1) continue;
    const id = diff.ids[i] ?? 0;
    writer.writeGamma(id - previousId);
    previousId = id;
    const kind = diff.kinds[i];
    const c = (diff.currentRows[i] ?? 0) * fieldCount;
    if (kind === ChangeKind.Despawn) {
      writer.write(0b11, 2);
    } else if (kind === ChangeKind.Spawn) {
      writer.write(0b10, 2);
      for (let f = 0; f < fieldCount; f += 1) writer.write(current.values[c + f] ?? 0, bits[f] ?? 0);
    } else {
      const mask = diff.masks[i] ?? 0;
      const b = (diff.baselineRows[i] ?? 0) * fieldCount;
      if (mask === previousMask) {
        writer.write(0b01, 2);
      } else {
        writer.write(0, 2);
        writer.write(mask, fieldCount);
        previousMask = mask;
      }
      for (let k = 0; k < fieldCount; k += 1) {
        const f = order[k] ?? 0;
        if (!(mask & (1 << f))) continue;
        const reference = rowReference(schema, f, baseline.values, b, current.values, c, ticks);
        writeField(writer, (deltaFields & (1 << f)) !== 0, isAngle[f] === 1, bits[f] ?? 0, current.values[c + f] ?? 0, reference);
      }
    }
  }
  return writer.finish().slice();
}

/**
 * Rebuilds a state from a baseline and an encoded diff. Every inconsistency (an update or
 * despawn of an entity the baseline lacks, a spawn of one it has, values out of range, truncated
 * bytes) is a failure value.
 */
export function decodeDiff(schema: SnapshotSchema, baseline: QuantizedState, tick: number, bytes: Uint8Array): Result<QuantizedState> {
  try {
    return applyRecords(schema, baseline, tick, new BitReader(bytes), MAX_ENTITY_ID);
  } catch (error: unknown) {
    if (error instanceof BitReaderOverrun) return fail('snapshot: truncated');
    throw error;
  }
}

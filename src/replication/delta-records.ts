import type { BitReader } from '../protocol/bit-reader.js';
import { fail, ok, type Result } from '../util/result.js';
import { readField } from './field-coding.js';
import { rowReference } from './motion-prediction.js';
import { allocateState, type QuantizedState } from './quantized-state.js';
import type { SnapshotSchema } from './schema.js';

/**
 * The decoder's inner loop (see encodeDiff for the layout). Output arrays are sized for the
 * worst case up front and runs of untouched baseline rows are block-copied, so decoding costs
 * little more than reading the changed fields.
 */
export function applyRecords(
  schema: SnapshotSchema,
  baseline: QuantizedState,
  tick: number,
  reader: BitReader,
  maxEntityId: number,
): Result<QuantizedState> {
  const fieldCount = schema.bits.length;
  const { bits, isAngle, maxValue } = schema;
  const { order } = schema.prediction;
  const ticks = tick - baseline.tick;
  const count = reader.readGamma() - 1;
  const deltaFields = reader.read(fieldCount);
  // Every record takes at least 3 bits, so a larger count is a lie that would only waste time.
  if (count * 3 > reader.remainingBits) return fail('snapshot: record count exceeds the packet');
  const baseIds = baseline.ids;
  const baseValues = baseline.values;
  const { ids, values } = allocateState(baseIds.length + count, fieldCount);
  let out = 0;
  let b = 0;
  let previousId = -1;
  let previousMask = -1;
  for (let r = 0; r < count; r += 1) {
    const id = previousId + reader.readGamma();
    if (id > maxEntityId) return fail('snapshot: entity id out of range');
    previousId = id;
    const runStart = b;
    while (b < baseIds.length && (baseIds[b] ?? 0) < id) b += 1;
    if (b > runStart) {
      ids.set(baseIds.subarray(runStart, b), out);
      values.set(baseValues.subarray(runStart * fieldCount, b * fieldCount), out * fieldCount);
      out += b - runStart;
    }
    const inBaseline = b < baseIds.length && baseIds[b] === id;
    if (reader.read(1) === 1) {
      const despawn = reader.read(1) === 1;
      if (despawn !== inBaseline) return fail(`snapshot: ${despawn ? 'despawn of unknown' : 'spawn of existing'} entity ${id}`);
      if (despawn) {
        b += 1;
        continue;
      }
      ids[out] = id;
      for (let f = 0; f < fieldCount; f += 1) values[out * fieldCount + f] = reader.read(bits[f] ?? 0);
      out += 1;
      continue;
    }
    if (!inBaseline) return fail(`snapshot: update of unknown entity ${id}`);
    const mask = reader.read(1) === 1 ? previousMask : reader.read(fieldCount);
    if (mask <= 0) return fail('snapshot: empty field mask');
    previousMask = mask;
    ids[out] = id;
    for (let k = 0; k < fieldCount; k += 1) {
      const f = order[k] ?? 0;
      if (!(mask & (1 << f))) {
        values[out * fieldCount + f] = baseValues[b * fieldCount + f] ?? 0;
        continue;
      }
      // Read in coding order, so a velocity that predicts a position is in `values` already.
      const reference = rowReference(schema, f, baseValues, b * fieldCount, values, out * fieldCount, ticks);
      const value = readField(reader, (deltaFields & (1 << f)) !== 0, isAngle[f] === 1, bits[f] ?? 0, reference);
      if (value < 0 || value > (maxValue[f] ?? 0)) return fail(`snapshot: ${schema.names[f] ?? 'field'} out of range`);
      values[out * fieldCount + f] = value;
    }
    out += 1;
    b += 1;
  }
  if (b < baseIds.length) {
    ids.set(baseIds.subarray(b), out);
    values.set(baseValues.subarray(b * fieldCount), out * fieldCount);
    out += baseIds.length - b;
  }
  return ok({ tick, ids: ids.subarray(0, out), values: values.subarray(0, out * fieldCount) });
}

/**
 * One tick of the replicated world in wire units: entity ids in ascending order and their
 * quantized field values, row by row. Flat typed arrays keep diffing and encoding cache-friendly
 * and allocation-free per entity.
 */
export interface QuantizedState {
  readonly tick: number;
  readonly ids: Uint32Array;
  /** `ids.length × fieldCount` values; entity i's field f is at `i * fieldCount + f`. */
  readonly values: Int32Array;
}

/**
 * Storage for a state of `count` entities: ids and values as two views on one buffer, because
 * each typed-array allocation costs more than the small copies around it.
 */
export function allocateState(count: number, fieldCount: number): { ids: Uint32Array; values: Int32Array } {
  const buffer = new ArrayBuffer(count * 4 * (1 + fieldCount));
  return { ids: new Uint32Array(buffer, 0, count), values: new Int32Array(buffer, count * 4, count * fieldCount) };
}

/** The state with no entities, used as the baseline of a full snapshot. */
export function emptyState(tick = -1): QuantizedState {
  return { tick, ids: new Uint32Array(0), values: new Int32Array(0) };
}

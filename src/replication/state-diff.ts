import { allocateState, type QuantizedState } from './quantized-state.js';

/** What happened to one entity between a baseline and the current state. */
export const ChangeKind = { Update: 0, Spawn: 1, Despawn: 2 } as const;
export type ChangeKind = (typeof ChangeKind)[keyof typeof ChangeKind];

/**
 * The entities that differ between two states, as parallel typed arrays (no object per entity:
 * the host diffs every peer's baseline every snapshot). Entries are in ascending id order.
 */
export interface StateDiff {
  count: number;
  readonly ids: Uint32Array;
  readonly kinds: Uint8Array;
  /** Bit f set when field f differs (updates only). */
  readonly masks: Uint16Array;
  /** Row in the current state (updates and spawns). */
  readonly currentRows: Int32Array;
  /** Row in the baseline (updates and despawns). */
  readonly baselineRows: Int32Array;
}

/** One allocation for all five columns: typed-array buffers are costly to create one by one. */
function allocate(capacity: number): StateDiff {
  const buffer = new ArrayBuffer(capacity * 16);
  return {
    count: 0,
    ids: new Uint32Array(buffer, 0, capacity),
    currentRows: new Int32Array(buffer, capacity * 4, capacity),
    baselineRows: new Int32Array(buffer, capacity * 8, capacity),
    masks: new Uint16Array(buffer, capacity * 12, capacity),
    kinds: new Uint8Array(buffer, capacity * 14, capacity),
  };
}

function push(diff: StateDiff, id: number, kind: ChangeKind, mask: number, currentRow: number, baselineRow: number): void {
  const i = diff.count;
  diff.ids[i] = id;
  diff.kinds[i] = kind;
  diff.masks[i] = mask;
  diff.currentRows[i] = currentRow;
  diff.baselineRows[i] = baselineRow;
  diff.count = i + 1;
}

/** The id in `row`, or Infinity past the last row: a merge walk goes on while either state has rows. */
function idAt(state: QuantizedState, row: number): number {
  return row < state.ids.length ? (state.ids[row] ?? 0) : Infinity;
}

/**
 * Merges two id-sorted states and lists every spawn, despawn and changed field. `reuse`, a diff
 * this function returned before and nobody reads any more, is filled again when it is large
 * enough: allocating the columns anew cost more than diffing a small world (bench:codecs, 16
 * entities).
 */
export function diffStates(fieldCount: number, baseline: QuantizedState, current: QuantizedState, reuse?: StateDiff): StateDiff {
  const capacity = baseline.ids.length + current.ids.length;
  const diff = reuse !== undefined && reuse.ids.length >= capacity ? reuse : allocate(capacity);
  diff.count = 0;
  let b = 0;
  let c = 0;
  while (b < baseline.ids.length || c < current.ids.length) {
    const baseId = idAt(baseline, b);
    const currentId = idAt(current, c);
    if (currentId < baseId) {
      push(diff, currentId, ChangeKind.Spawn, 0, c, -1);
      c += 1;
    } else if (baseId < currentId) {
      push(diff, baseId, ChangeKind.Despawn, 0, -1, b);
      b += 1;
    } else {
      let mask = 0;
      for (let f = 0; f < fieldCount; f += 1) {
        if (current.values[c * fieldCount + f] !== baseline.values[b * fieldCount + f]) mask |= 1 << f;
      }
      if (mask !== 0) push(diff, currentId, ChangeKind.Update, mask, c, b);
      b += 1;
      c += 1;
    }
  }
  return diff;
}

/**
 * The state a peer holds after decoding a body that carried only the `chosen` changes of `diff`
 * (from `diffStates(fieldCount, baseline, current)`): each entity whose change went as it is in
 * `current`, each whose change waits as it was in `baseline`. The codec is exact on quantized
 * values, so this is what decoding the body would give, without decoding it.
 */
export function applyChosen(fieldCount: number, baseline: QuantizedState, current: QuantizedState, diff: StateDiff, chosen: Uint8Array): QuantizedState {
  let count = baseline.ids.length;
  for (let i = 0; i < diff.count; i += 1) {
    if (chosen[i] !== 1) continue;
    if (diff.kinds[i] === ChangeKind.Spawn) count += 1;
    else if (diff.kinds[i] === ChangeKind.Despawn) count -= 1;
  }
  const { ids, values } = allocateState(count, fieldCount);
  let row = 0;
  const copy = (source: QuantizedState, sourceRow: number): void => {
    ids[row] = source.ids[sourceRow] ?? 0;
    // Field by field: a subarray per row would cost an object each.
    const from = sourceRow * fieldCount;
    const to = row * fieldCount;
    for (let f = 0; f < fieldCount; f += 1) values[to + f] = source.values[from + f] ?? 0;
    row += 1;
  };
  let b = 0;
  let c = 0;
  let d = 0;
  // The same merge walk as diffStates, so the diff's entries come up in order.
  while (b < baseline.ids.length || c < current.ids.length) {
    const baseId = idAt(baseline, b);
    const currentId = idAt(current, c);
    if (currentId < baseId) {
      if (chosen[d] === 1) copy(current, c);
      d += 1;
      c += 1;
    } else if (baseId < currentId) {
      if (chosen[d] !== 1) copy(baseline, b);
      d += 1;
      b += 1;
    } else {
      const changed = d < diff.count && diff.ids[d] === currentId;
      if (changed && chosen[d] !== 1) copy(baseline, b);
      else copy(current, c);
      if (changed) d += 1;
      b += 1;
      c += 1;
    }
  }
  return { tick: current.tick, ids, values };
}

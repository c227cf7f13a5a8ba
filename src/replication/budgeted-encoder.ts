import { changeCost, encodeDiff } from './delta-codec.js';
import { chooseDeltaFields } from './field-coding.js';
import type { PriorityAccumulator } from './priority.js';
import type { QuantizedState } from './quantized-state.js';
import type { SnapshotSchema } from './schema.js';
import { applyChosen, diffStates, type StateDiff } from './state-diff.js';

/** One SCTP packet of libwebrtc carries about 1,163 bytes of message; leave room for framing. */
export const DEFAULT_SNAPSHOT_BUDGET_BYTES = 1_150;
/** Bytes the message framing around the bit-packed body takes (type, ticks, input ack, bin header). */
export const SNAPSHOT_FRAMING_BYTES = 20;
/** Conservative cost of an id gap when estimating: the exact value is known only after sorting. */
const ESTIMATED_GAP_BITS = 5;
/** Below this many bits per change a realistic update cannot go; more changes than fit at this rate cannot all fit. */
const MIN_LIKELY_CHANGE_BITS = 20;
/** Indices below 2^20 leave the priority the high part of a sort key in a double. */
const INDEX_SPACE = 1_048_576;
/**
 * Once this many changes in a row did not fit, the packet is as full as it will usefully get: the
 * rest wait for the next snapshot instead of each being costed.
 */
const MISSES_BEFORE_FULL = 32;
/**
 * The diff columns every encoding fills again: the host encodes for every peer every snapshot,
 * and encoding is synchronous, so one set serves them all (nothing returned refers to it).
 */
let reusedDiff: StateDiff | undefined;

export interface EncodedSnapshotBody {
  readonly bytes: Uint8Array;
  /** The state the peer will hold after decoding: the host's record of what it sent. */
  readonly view: QuantizedState;
  /** Entities carried by this snapshot (their priority clears when the peer acknowledges it). */
  readonly carried: ArrayLike<number>;
  /** False when the budget forced some changes to wait for a later snapshot. */
  readonly complete: boolean;
}

/**
 * Encodes `current` as a delta against `baseline` (what the peer has acknowledged) within
 * `budgetBytes`. When everything fits, all changes go; otherwise the priority accumulator picks
 * the most overdue entities (each waiting snapshot adds its integer `weight`: interest management
 * weighs near entities more), and the returned view records exactly what the peer will have.
 */
export function encodeWithinBudget(
  schema: SnapshotSchema,
  baseline: QuantizedState,
  current: QuantizedState,
  priorities: PriorityAccumulator,
  budgetBytes = DEFAULT_SNAPSHOT_BUDGET_BYTES,
  weight: (id: number) => number = () => 1,
): EncodedSnapshotBody {
  const diff = diffStates(schema.fields.length, baseline, current, reusedDiff);
  reusedDiff = diff;
  const budgetBytesForBody = budgetBytes - SNAPSHOT_FRAMING_BYTES;
  // The common case: everything fits, every change goes and priorities do not matter.
  // Encoding is cheap enough to simply try it first, unless it clearly cannot fit.
  const deltaFields = chooseDeltaFields(schema, baseline, current, diff);
  if (diff.count * MIN_LIKELY_CHANGE_BITS <= budgetBytesForBody * 8) {
    const everything = encodeDiff(schema, baseline, current, diff, undefined, deltaFields);
    if (everything.byteLength <= budgetBytesForBody) {
      return { bytes: everything, view: current, carried: diff.ids.slice(0, diff.count), complete: true };
    }
  }
  // Sort keys pack priority and index into one double so the native numeric sort can order them.
  const keys = new Float64Array(diff.count);
  for (let i = 0; i < diff.count; i += 1) {
    const id = diff.ids[i] ?? 0;
    keys[i] = priorities.bump(id, weight(id)) * INDEX_SPACE + i;
  }
  keys.sort();
  const budgetBits = budgetBytesForBody * 8;
  const chosen = new Uint8Array(diff.count);
  const carried: number[] = [];
  let used = 32 + schema.bits.length;
  let misses = 0;
  // Most overdue first; a change is costed only when its turn comes.
  for (let k = keys.length - 1; k >= 0 && misses < MISSES_BEFORE_FULL; k -= 1) {
    const i = (keys[k] ?? 0) % INDEX_SPACE;
    const cost = changeCost(schema, baseline, current, diff, i, deltaFields) + ESTIMATED_GAP_BITS;
    if (used + cost > budgetBits) {
      misses += 1;
      continue;
    }
    misses = 0;
    chosen[i] = 1;
    carried.push(diff.ids[i] ?? 0);
    used += cost;
  }
  const bytes = encodeDiff(schema, baseline, current, diff, chosen, deltaFields);
  return { bytes, view: applyChosen(schema.fields.length, baseline, current, diff, chosen), carried, complete: false };
}

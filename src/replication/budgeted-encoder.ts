import { changeCost, decodeDiff, encodeDiff } from './delta-codec.js';
import type { PriorityAccumulator } from './priority.js';
import type { QuantizedState } from './quantized-state.js';
import type { SnapshotSchema } from './schema.js';
import { diffStates } from './state-diff.js';

/** One SCTP packet of libwebrtc carries about 1,163 bytes of message; leave room for framing. */
export const DEFAULT_SNAPSHOT_BUDGET_BYTES = 1_150;
/** Bytes the message framing around the bit-packed body takes (type, ticks, input ack, bin header). */
export const SNAPSHOT_FRAMING_BYTES = 20;
/** Conservative cost of an id gap when estimating: the exact value is known only after sorting. */
const ESTIMATED_GAP_BITS = 5;

export interface EncodedSnapshotBody {
  readonly bytes: Uint8Array;
  /** The state the peer will hold after decoding: the host's record of what it sent. */
  readonly view: QuantizedState;
  /** Entities carried by this snapshot (their priority clears when the peer acknowledges it). */
  readonly carried: readonly number[];
  /** False when the budget forced some changes to wait for a later snapshot. */
  readonly complete: boolean;
}

/**
 * Encodes `current` as a delta against `baseline` (what the peer has acknowledged) within
 * `budgetBytes`. When everything fits, all changes go; otherwise the priority accumulator picks
 * the most overdue entities, and the returned view records exactly what the peer will have.
 */
export function encodeWithinBudget(
  schema: SnapshotSchema,
  baseline: QuantizedState,
  current: QuantizedState,
  priorities: PriorityAccumulator,
  budgetBytes = DEFAULT_SNAPSHOT_BUDGET_BYTES,
): EncodedSnapshotBody {
  const diff = diffStates(schema.fields.length, baseline, current);
  const costs = new Float64Array(diff.count);
  let total = 32;
  for (let i = 0; i < diff.count; i += 1) {
    costs[i] = changeCost(schema, baseline, current, diff, i) + ESTIMATED_GAP_BITS;
    total += costs[i] ?? 0;
    priorities.bump(diff.ids[i] ?? 0);
  }
  const budgetBits = (budgetBytes - SNAPSHOT_FRAMING_BYTES) * 8;
  if (total <= budgetBits) {
    const bytes = encodeDiff(schema, baseline, current, diff, () => true);
    return { bytes, view: current, carried: Array.from(diff.ids.subarray(0, diff.count)), complete: true };
  }
  const order = Array.from({ length: diff.count }, (_, i) => i).sort(
    (a, b) => priorities.priority(diff.ids[b] ?? 0) - priorities.priority(diff.ids[a] ?? 0),
  );
  const chosen = new Uint8Array(diff.count);
  let used = 32;
  for (const i of order) {
    const cost = costs[i] ?? 0;
    if (used + cost > budgetBits) continue;
    chosen[i] = 1;
    used += cost;
  }
  const bytes = encodeDiff(schema, baseline, current, diff, (i) => chosen[i] === 1);
  const view = decodeDiff(schema, baseline, current.tick, bytes);
  if (!view.ok) throw new Error(`encoder produced an undecodable snapshot: ${view.reason}`);
  const carried = order.filter((i) => chosen[i] === 1).map((i) => diff.ids[i] ?? 0);
  return { bytes, view: view.value, carried, complete: false };
}

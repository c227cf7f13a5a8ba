import type { BenchEntity } from '../scenario.js';

/**
 * One contender in the snapshot benchmark. `full` encodes a whole snapshot; `delta` encodes
 * `current` for a receiver that holds `baseline` (3 snapshots older). Each returns the bytes and
 * a function that decodes them, so encode and decode are timed separately on the same bytes.
 */
export interface BenchCodec {
  readonly name: string;
  /** `tick`: the snapshot's tick (one per snapshot in the benchmark worlds). */
  full(current: readonly BenchEntity[], tick: number): Encoded;
  delta(baseline: readonly BenchEntity[], current: readonly BenchEntity[], baselineTick: number, tick: number): Encoded;
}

export interface Encoded {
  readonly bytes: Uint8Array;
  /** How many entities the delta carries (a budgeted encoder may defer some). */
  readonly carried: number;
  readonly decode: () => unknown;
}

import { fail, ok, type Result } from '../util/result.js';
import { decodeDiff } from './delta-codec.js';
import { emptyState, type QuantizedState } from './quantized-state.js';
import type { SnapshotSchema } from './schema.js';

/**
 * A client's side of the snapshot stream: decodes each snapshot against the state it already
 * holds for the snapshot's baseline tick and keeps the result, so later snapshots can refer to
 * it. Snapshots arrive unordered and some never: a late one still decodes if its baseline is
 * held; one whose baseline is gone is dropped (the host falls back to a full snapshot once the
 * acknowledgements stop advancing).
 */
export class SnapshotReceiver {
  private readonly ring: (QuantizedState | undefined)[];
  private newest = -1;

  constructor(
    private readonly schema: SnapshotSchema,
    ringSize = 32,
  ) {
    this.ring = new Array<QuantizedState | undefined>(ringSize);
  }

  /** The newest tick decoded so far: what the client acknowledges to the host (−1: none). */
  get ackTick(): number {
    return this.newest;
  }

  /** The newest decoded state: what a client resumes from if it becomes the host. */
  get newestState(): QuantizedState | undefined {
    return this.newest < 0 ? undefined : this.held(this.newest);
  }

  /** Decodes one snapshot; failures (missing baseline, malformed body) are values. */
  receive(tick: number, baselineTick: number, body: Uint8Array): Result<QuantizedState> {
    if (this.held(tick)) return fail(`snapshot ${tick}: duplicate`);
    if (this.newest - tick >= this.ring.length) {
      // A full snapshot far behind what we hold is no late packet: the host's timeline starts
      // elsewhere (a fresh game by a page that reloaded). Start over from it.
      if (baselineTick >= 0) return fail(`snapshot ${tick}: too old`);
      this.ring.fill(undefined);
      this.newest = -1;
    }
    const baseline = baselineTick < 0 ? emptyState() : this.held(baselineTick);
    if (!baseline) return fail(`snapshot ${tick}: baseline ${baselineTick} is not held`);
    if (baselineTick >= tick) return fail(`snapshot ${tick}: baseline ${baselineTick} is not older`);
    const decoded = decodeDiff(this.schema, baseline, tick, body);
    if (!decoded.ok) return decoded;
    const slot = tick % this.ring.length;
    const previous = this.ring[slot];
    if (!previous || previous.tick < tick) this.ring[slot] = decoded.value;
    this.newest = Math.max(this.newest, tick);
    return ok(decoded.value);
  }

  private held(tick: number): QuantizedState | undefined {
    const state = this.ring[tick % this.ring.length];
    return state?.tick === tick ? state : undefined;
  }
}

import { encodeValue, decodeValue } from '../../src/protocol/codec.js';
import { encodeWithinBudget } from '../../src/replication/budgeted-encoder.js';
import { decodeDiff, encodeDiff } from '../../src/replication/delta-codec.js';
import { PriorityAccumulator } from '../../src/replication/priority.js';
import { emptyState, type QuantizedState } from '../../src/replication/quantized-state.js';
import { StateBuilder } from '../../src/replication/state-builder.js';
import { defineSnapshotSchema } from '../../src/replication/schema.js';
import { diffStates } from '../../src/replication/state-diff.js';
import type { BenchEntity, BenchScenario } from '../scenario.js';
import type { BenchCodec, Encoded } from './codec.js';

const SNAPSHOT_TYPE = 3;

/** The same framing the engine uses: one msgpackr array around the bit-packed body. */
function frame(body: Uint8Array): Uint8Array {
  return encodeValue([SNAPSHOT_TYPE, 123_456, 123_453, 77, body]);
}

function unframe(bytes: Uint8Array): Uint8Array {
  const decoded = decodeValue(bytes);
  const body: unknown = decoded.ok && Array.isArray(decoded.value) ? (decoded.value as unknown[])[4] : undefined;
  if (!(body instanceof Uint8Array)) throw new Error('bench: bad frame');
  return body;
}

/**
 * Hostmesh's codec as the host runs it: the current world is quantized every snapshot, the
 * baseline is the peer's acknowledged view the host already keeps (cached here as the host's
 * ring would), and the delta is budgeted to one packet.
 */
export function hostmeshCodec(scenario: BenchScenario): BenchCodec {
  const schema = defineSnapshotSchema(Object.fromEntries(scenario.fields.map((field) => [field.name, field.hostmesh])));
  const builder = new StateBuilder(schema, 1024);
  const set = (field: number, value: number): void => builder.set(field, value);
  /** The engine's fast capture path: constant field indices, no lookups by name. */
  const quantize = (entities: readonly BenchEntity[], tick: number): QuantizedState => {
    builder.start(tick);
    for (const entity of entities) {
      builder.entity(entity.id);
      scenario.capture(entity, set);
    }
    return builder.finish();
  };
  const views = new WeakMap<readonly BenchEntity[], QuantizedState>();
  const quantizeAndKeep = (entities: readonly BenchEntity[], tick: number): QuantizedState => {
    const state = quantize(entities, tick);
    views.set(entities, state);
    return state;
  };
  const decodeWith = (baseline: QuantizedState, tick: number, bytes: Uint8Array) => () => decodeDiff(schema, baseline, tick, unframe(bytes));
  return {
    name: 'Hostmesh',
    full(current, tick): Encoded {
      const state = quantizeAndKeep(current, tick);
      const base = emptyState();
      const bytes = frame(encodeDiff(schema, base, state, diffStates(schema.fields.length, base, state)));
      return { bytes, carried: current.length, decode: decodeWith(base, tick, bytes) };
    },
    delta(baseline, current, baselineTick, tick): Encoded {
      const base = views.get(baseline) ?? quantizeAndKeep(baseline, baselineTick);
      const state = quantizeAndKeep(current, tick);
      const body = encodeWithinBudget(schema, base, state, new PriorityAccumulator());
      const bytes = frame(body.bytes);
      return { bytes, carried: body.carried.length, decode: decodeWith(base, tick, bytes) };
    },
  };
}

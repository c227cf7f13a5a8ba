import { Decoder, Encoder, schema } from '@colyseus/schema';
import { changedSince, type BenchEntity, type BenchScenario } from '../scenario.js';
import type { BenchCodec, Encoded } from './codec.js';

// The default 8 KiB encode buffer is too small for 1,024 entities.
Encoder.BUFFER_SIZE = 256 * 1024;

/**
 * @colyseus/schema as Colyseus uses it: the encoder holds the state, collects changes, and a
 * patch carries everything changed since the previous patch (which Colyseus delivers reliably,
 * in order). The delta case starts from the baseline and encodes one patch with every change
 * since it. Its `full` must run first: it resets encoder and decoder to the baseline.
 */
export function colyseusCodec(scenario: BenchScenario): BenchCodec {
  const names = scenario.fields.map((field) => field.name);
  const Entity = schema(Object.fromEntries(scenario.fields.map((field) => [field.name, field.colyseus])), `Bench${scenario.name}Entity`);
  const State = schema({ entities: { map: Entity } }, `Bench${scenario.name}State`);
  type StateInstance = InstanceType<typeof State>;
  let state: StateInstance = new State();
  let encoder = new Encoder(state);
  let decoded: StateInstance = new State();
  let decoder = new Decoder(decoded);

  const apply = (entities: readonly BenchEntity[]): void => {
    for (const entity of entities) {
      const key = String(entity.id);
      const existing = state.entities.get(key) ?? new Entity();
      // Colyseus records a change per assignment, as a game's own setters would.
      const fields = existing as unknown as Record<string, number>;
      for (const name of names) fields[name] = entity[name] ?? 0;
      if (!state.entities.has(key)) state.entities.set(key, existing);
    }
  };
  const decodeInto = (bytes: Uint8Array): StateInstance => {
    decoder.decode(Buffer.from(bytes));
    return decoded;
  };

  return {
    name: '@colyseus/schema',
    full(current): Encoded {
      state = new State();
      encoder = new Encoder(state);
      apply(current);
      const bytes = Uint8Array.from(encoder.encodeAll());
      encoder.discardChanges();
      return {
        bytes,
        carried: current.length,
        decode: () => {
          decoded = new State();
          decoder = new Decoder(decoded);
          return decodeInto(bytes);
        },
      };
    },
    delta(baseline, current): Encoded {
      // Only what changed is written, as a game would: Colyseus records changes on assignment.
      const changed = changedSince(baseline, current);
      apply(changed);
      const bytes = Uint8Array.from(encoder.encode());
      encoder.discardChanges();
      return { bytes, carried: changed.length, decode: () => decodeInto(bytes) };
    },
  };
}

import type { QuantizedState } from '../replication/quantized-state.js';
import { defineSnapshotSchema, dequantize, type SnapshotSchema } from '../replication/schema.js';
import type { Snapshot } from '../replication/snapshot.js';
import { StateBuilder } from '../replication/state-builder.js';
import type { Entity, GameDefinition } from './definition.js';
import { InterestFilter } from './interest-filter.js';

/**
 * A game definition joined with its compiled snapshot schema: the bridge between the game's
 * named entity fields and the codec's quantized rows. Host and clients build one each from the
 * same definition, so they agree on every field's width without negotiating.
 */
export class ReplicatedGame<State> {
  readonly schema: SnapshotSchema;
  /**
   * The definition's shape in 8 hex digits (name, arena, players, fields): every peer of a match
   * must run the same, or snapshots would decode into nonsense. Peers compare it in their hello.
   */
  readonly fingerprint: string;
  /** Who is sent what, when the game declares interest rules (undefined: everyone gets everything). */
  readonly interest: InterestFilter | undefined;
  private readonly builder: StateBuilder;

  constructor(readonly definition: GameDefinition<State>) {
    this.schema = defineSnapshotSchema(definition.fields);
    this.builder = new StateBuilder(this.schema);
    this.interest = definition.interest === undefined ? undefined : new InterestFilter(this, definition.interest);
    const { name, arena, maxPlayers, fields } = definition;
    this.fingerprint = fingerprint(JSON.stringify({ name, arena, maxPlayers, fields }));
  }

  /** The state's entities, quantized as they will travel. */
  capture(state: State, tick: number): QuantizedState {
    const { builder, schema } = this;
    builder.start(tick);
    this.definition.capture(state, (entity) => {
      builder.entity(entity.id);
      for (let f = 0; f < schema.names.length; f += 1) builder.set(f, entity[schema.names[f] ?? ''] ?? 0);
    });
    return builder.finish();
  }

  /**
   * The state's entities as the host itself draws them: in game units, not quantized, with every
   * field present (0 where `capture` left it out), as entities read back from snapshots are.
   */
  entities(state: State): Entity[] {
    const names = this.schema.names;
    const entities: Entity[] = [];
    this.definition.capture(state, (captured) => {
      const entity: Record<string, number> = { id: captured.id };
      for (const name of names) entity[name] = captured[name] ?? 0;
      entities.push(entity as Entity);
    });
    return entities;
  }

  /** One entity's fields back in game units. */
  entityAt(state: QuantizedState, row: number): Entity {
    const { schema } = this;
    const count = schema.fields.length;
    const entity: Record<string, number> = { id: state.ids[row] ?? 0 };
    schema.fields.forEach((field, f) => {
      entity[field.name] = dequantize(field, state.values[row * count + f] ?? 0);
    });
    return entity as Entity;
  }

  /** A decoded snapshot in game units, for interpolation and drawing. */
  snapshot(state: QuantizedState): Snapshot {
    const entities = new Map<number, Entity>();
    for (let row = 0; row < state.ids.length; row += 1) entities.set(state.ids[row] ?? 0, this.entityAt(state, row));
    return { tick: state.tick, entities };
  }
}

/** FNV-1a (32 bits) of a text, in 8 hex digits: a label for a definition, not a secret. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

import type { QuantizedState } from '../replication/quantized-state.js';
import { defineSnapshotSchema, dequantize, type SnapshotSchema } from '../replication/schema.js';
import type { RenderPlayer, Snapshot } from '../replication/snapshot.js';
import type { StateBuilder } from '../replication/state-builder.js';
import { createWorld, type World, type WorldConfig } from '../sim/world.js';

/** Field order of the demo world's snapshot schema. */
const FIELD_X = 0;
const FIELD_Y = 1;

/** The demo world's replicated fields: each player's position to 1/8 pixel; the slot is the entity id. */
export function worldSchema(config: WorldConfig): SnapshotSchema {
  return defineSnapshotSchema({
    x: { kind: 'position', extent: config.width, precision: 8 },
    y: { kind: 'position', extent: config.height, precision: 8 },
  });
}

/** Captures the host's world for the snapshot codec. */
export function captureWorld(builder: StateBuilder, world: World): QuantizedState {
  builder.start(world.tick);
  for (const player of world.players.values()) {
    builder.entity(player.slot);
    builder.set(FIELD_X, player.x);
    builder.set(FIELD_Y, player.y);
  }
  return builder.finish();
}

/** Turns a decoded snapshot into pixel positions for interpolation and drawing. */
export function renderSnapshot(schema: SnapshotSchema, state: QuantizedState): Snapshot {
  const [xField, yField] = schema.fields;
  const players = new Map<number, RenderPlayer>();
  if (!xField || !yField) return { tick: state.tick, players };
  const fieldCount = schema.fields.length;
  state.ids.forEach((slot, row) => {
    players.set(slot, {
      slot,
      x: dequantize(xField, state.values[row * fieldCount + FIELD_X] ?? 0),
      y: dequantize(yField, state.values[row * fieldCount + FIELD_Y] ?? 0),
    });
  });
  return { tick: state.tick, players };
}

/**
 * Rebuilds the host's world from a decoded snapshot, for a client taking over as host: same
 * tick, same players in the same slots, positions as precise as the snapshot carried them.
 */
export function restoreWorld(config: WorldConfig, schema: SnapshotSchema, state: QuantizedState): World {
  const world = createWorld(config);
  world.tick = state.tick;
  for (const player of renderSnapshot(schema, state).players.values()) {
    world.players.set(player.slot, { slot: player.slot, x: player.x, y: player.y });
  }
  return world;
}

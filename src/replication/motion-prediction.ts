import type { FieldDefinition, SnapshotSchema } from './schema.js';

/**
 * Positions predicted from a velocity field (a position spec's `velocity`). A moving entity's
 * position changes every snapshot, but mostly by its velocity: sending how far it strayed from
 * `baseline + velocity × ticks` instead of the whole change makes steady motion cost a few bits.
 * The velocity used is the entity's current one, so a receiver must know it before the position:
 * fields are coded in `order`, predicted positions last.
 */
export interface MotionPrediction {
  /** Per field: the index of the velocity field that predicts it, or −1. */
  readonly predictFrom: Int32Array;
  /** Per predicted field: stored position steps per stored velocity step and tick. */
  readonly predictScale: Float64Array;
  /** The order fields of an update are written and read in: every field a prediction reads comes first. */
  readonly order: Int32Array;
}

/** Resolves each position's `velocity` to a field; refuses one that names nothing, or no `int` field. */
export function compilePrediction(definitions: readonly FieldDefinition[], scales: Float64Array): MotionPrediction {
  const predictFrom = new Int32Array(definitions.length).fill(-1);
  const predictScale = new Float64Array(definitions.length);
  definitions.forEach((field, f) => {
    if (field.spec.kind !== 'position' || field.spec.velocity === undefined) return;
    const name = field.spec.velocity;
    const v = definitions.findIndex((candidate) => candidate.name === name);
    if (definitions[v]?.spec.kind !== 'int') throw new Error(`field ${field.name}: velocity ${name} must name an int field of the same entity`);
    predictFrom[f] = v;
    predictScale[f] = (scales[f] ?? 0) / (scales[v] ?? 1);
  });
  const plain = definitions.map((_, f) => f).filter((f) => predictFrom[f] === -1);
  const predicted = definitions.map((_, f) => f).filter((f) => predictFrom[f] !== -1);
  return { predictFrom, predictScale, order: Int32Array.from([...plain, ...predicted]) };
}

/**
 * The value field `f` of an entity is coded against: its baseline value (in `baseValues` at row
 * offset `b`), moved over `ticks` by the entity's current velocity when the field has one (read
 * from `currentValues` at row offset `c`: the encoder's current state, or the row the decoder is
 * filling, whose velocity it has already read).
 */
export function rowReference(schema: SnapshotSchema, f: number, baseValues: Int32Array, b: number, currentValues: Int32Array, c: number, ticks: number): number {
  const base = baseValues[b + f] ?? 0;
  const v = schema.prediction.predictFrom[f] ?? -1;
  if (v < 0) return base;
  return base + Math.round(((currentValues[c + v] ?? 0) - (schema.offset[v] ?? 0)) * (schema.prediction.predictScale[f] ?? 0) * ticks);
}

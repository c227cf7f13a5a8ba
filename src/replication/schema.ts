import { compilePrediction, type MotionPrediction } from './motion-prediction.js';

/**
 * What a game replicates, declared once and shared by host and clients: each entity field with
 * its quantization. Quantization is where most bytes are won: a coordinate in a 4096-pixel world
 * at 1/8 pixel is a 15-bit integer, an angle is 8–12 bits, small counters a few bits.
 */
export type FieldSpec =
  /**
   * A coordinate in [0, extent) pixels, stored in steps of 1/`precision` pixel. `velocity` names
   * an `int` field holding how far this coordinate moves per tick (pixels): its changes are then
   * sent as how far it strayed from that motion, so steady movement costs a few bits.
   */
  | { readonly kind: 'position'; readonly extent: number; readonly precision: number; readonly velocity?: string }
  /** An angle in radians, stored as a fraction of a turn in `bits` bits (wraps around). */
  | { readonly kind: 'angle'; readonly bits: number }
  /** A non-negative integer below 2^`bits`, stored as is. */
  | { readonly kind: 'uint'; readonly bits: number }
  /**
   * A signed number (a velocity, an offset) in steps of 1/`precision` (default 1, whole numbers):
   * from −2^(`bits`−1) to 2^(`bits`−1) − 1 steps, clamped.
   */
  | { readonly kind: 'int'; readonly bits: number; readonly precision?: number };

/** The kind of field a game's `x` and `y` must be. */
export type PositionFieldSpec = Extract<FieldSpec, { readonly kind: 'position' }>;

export interface FieldDefinition {
  readonly name: string;
  readonly spec: FieldSpec;
  /** Width of the stored integer in bits. */
  readonly bits: number;
}

/**
 * A compiled schema. Besides the field list it keeps flat per-field tables (`bits`, `scale`,
 * `names`…) so the codec's inner loops index arrays instead of walking objects.
 */
export interface SnapshotSchema {
  readonly fields: readonly FieldDefinition[];
  /** Field index by name, for games that address fields by name. */
  readonly index: ReadonlyMap<string, number>;
  readonly names: readonly string[];
  readonly bits: Int32Array;
  /** Largest stored value per field (2^bits − 1). */
  readonly maxValue: Float64Array;
  /** Game units → stored units multiplier per field (precision, steps per radian, or 1). */
  readonly scale: Float64Array;
  /** Added after scaling, so stored values are never negative: 2^(bits−1) for `int`, 0 otherwise. */
  readonly offset: Float64Array;
  /** 1 where the field is an angle (wraps around instead of clamping). */
  readonly isAngle: Uint8Array;
  /** Bits of a spawn record's fields: every field at full width. */
  readonly fullRecordBits: number;
  /** Positions predicted from velocities, and the order an update's fields are coded in. */
  readonly prediction: MotionPrediction;
}

const TURN = Math.PI * 2;

function bitsFor(spec: FieldSpec): number {
  if (spec.kind !== 'position') return spec.bits;
  return Math.max(1, Math.ceil(Math.log2(spec.extent * spec.precision)));
}

/** Builds a schema from `{ name: spec }` in declaration order; rejects widths the codec cannot carry. */
export function defineSnapshotSchema(fields: Readonly<Record<string, FieldSpec>>): SnapshotSchema {
  const definitions = Object.entries(fields).map(([name, spec]) => {
    if (spec.kind === 'int' && spec.precision !== undefined && !(Number.isFinite(spec.precision) && spec.precision > 0)) {
      throw new Error(`field ${name}: precision must be a positive number, got ${spec.precision}`);
    }
    const bits = bitsFor(spec);
    if (!Number.isInteger(bits) || bits < 1 || bits > 31) throw new Error(`field ${name}: ${bits} bits is outside 1..31`);
    return { name, spec, bits };
  });
  if (definitions.length === 0 || definitions.length > 16) throw new Error('a schema has 1..16 fields');
  const scale = Float64Array.from(definitions.map((field) => scaleOf(field)));
  return {
    fields: definitions,
    index: new Map(definitions.map((field, i) => [field.name, i])),
    names: definitions.map((field) => field.name),
    bits: Int32Array.from(definitions.map((field) => field.bits)),
    maxValue: Float64Array.from(definitions.map((field) => 2 ** field.bits - 1)),
    scale,
    offset: Float64Array.from(definitions.map((field) => offsetOf(field))),
    isAngle: Uint8Array.from(definitions.map((field) => (field.spec.kind === 'angle' ? 1 : 0))),
    fullRecordBits: definitions.reduce((sum, field) => sum + field.bits, 0),
    prediction: compilePrediction(definitions, scale),
  };
}

function scaleOf(field: FieldDefinition): number {
  switch (field.spec.kind) {
    case 'position':
      return field.spec.precision;
    case 'angle':
      return 2 ** field.bits / TURN;
    case 'uint':
      return 1;
    case 'int':
      return field.spec.precision ?? 1;
  }
}

function offsetOf(field: FieldDefinition): number {
  return field.spec.kind === 'int' ? 2 ** (field.bits - 1) : 0;
}

/** Converts a game value to the integer that goes on the wire (clamped into range). */
export function quantize(field: FieldDefinition, value: number): number {
  const steps = 2 ** field.bits;
  const stored = Math.round(value * scaleOf(field)) + offsetOf(field);
  if (field.spec.kind === 'angle') return ((stored % steps) + steps) % steps;
  return Math.min(steps - 1, Math.max(0, stored));
}

/** Converts a wire integer back to the game's unit. */
export function dequantize(field: FieldDefinition, stored: number): number {
  switch (field.spec.kind) {
    case 'position':
      return stored / field.spec.precision;
    case 'angle':
      return (stored / 2 ** field.bits) * TURN;
    case 'uint':
      return stored;
    case 'int':
      return (stored - offsetOf(field)) / scaleOf(field);
  }
}

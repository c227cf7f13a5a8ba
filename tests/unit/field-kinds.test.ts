import { describe, expect, it } from 'vitest';
import { decodeDiff, encodeDiff } from '../../src/replication/delta-codec.js';
import { chooseDeltaFields } from '../../src/replication/field-coding.js';
import { emptyState, type QuantizedState } from '../../src/replication/quantized-state.js';
import { quantizeEntities } from '../../src/replication/state-builder.js';
import { defineSnapshotSchema, dequantize, quantize } from '../../src/replication/schema.js';
import { applyChosen, diffStates } from '../../src/replication/state-diff.js';
import { seededRandom } from '../../src/util/seeded-random.js';

/** A moving body: position, a signed velocity in 1/8 px per tick, a heading, a state enum. */
const schema = defineSnapshotSchema({
  x: { kind: 'position', extent: 4096, precision: 8 },
  vx: { kind: 'int', bits: 9, precision: 8 },
  heading: { kind: 'angle', bits: 8 },
  state: { kind: 'uint', bits: 3 },
});
const FIELDS = schema.fields.length;
const [X, VX, HEADING, STATE] = [0, 1, 2, 3];

function decodeExactly(baseline: QuantizedState, current: QuantizedState, deltaFields?: number): Uint8Array {
  const diff = diffStates(FIELDS, baseline, current);
  const bytes = encodeDiff(schema, baseline, current, diff, undefined, deltaFields);
  const decoded = decodeDiff(schema, baseline, current.tick, bytes);
  if (!decoded.ok) throw new Error(decoded.reason);
  expect(Array.from(decoded.value.ids)).toEqual(Array.from(current.ids));
  expect(Array.from(decoded.value.values)).toEqual(Array.from(current.values));
  return bytes;
}

describe('the int field kind', () => {
  const vx = schema.fields[VX];
  if (!vx) throw new Error('schema has no vx');

  it('round-trips signed values at its precision and clamps to its range', () => {
    for (const value of [0, 1, -1, 0.125, -0.125, 31.875, -32, 7.5, -13.25]) expect(dequantize(vx, quantize(vx, value))).toBe(value);
    expect(dequantize(vx, quantize(vx, 3.06))).toBe(3); // 24.48 steps of 1/8, rounded to 24
    expect(dequantize(vx, quantize(vx, 1_000))).toBe(31.875);
    expect(dequantize(vx, quantize(vx, -1_000))).toBe(-32);
    expect(vx.bits).toBe(9);
  });

  it('refuses a precision that is not a positive number', () => {
    for (const precision of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => defineSnapshotSchema({ x: { kind: 'position', extent: 64, precision: 1 }, v: { kind: 'int', bits: 8, precision } })).toThrow(/precision/);
    }
  });

  it('travels exactly through full snapshots and deltas, negative values included', () => {
    const at = (tick: number, velocities: readonly number[]): QuantizedState =>
      quantizeEntities(schema, tick, velocities.map((value, i) => ({ id: i + 1, x: 100 + i, vx: value, heading: 0, state: 0 })));
    const first = at(0, [-32, -0.5, 0, 0.125, 31.875]);
    decodeExactly(emptyState(), first);
    decodeExactly(first, at(1, [-31.5, 0.25, -0.125, 0.125, -32]));
  });
});

describe('deltas chosen per field and per body', () => {
  it('sends creeping fields as deltas and jumping fields as values, and never costs more than either fixed choice', () => {
    const random = seededRandom(21);
    const bodies = Array.from({ length: 6 }, (_, tick) =>
      quantizeEntities(
        schema,
        tick,
        Array.from({ length: 64 }, (_, i) => ({
          id: i + 1,
          x: 500 + i * 40 + tick * 3, // creeps 3 px a tick
          vx: 2 + tick * 0.125, // steers a little
          heading: i * 0.1 - tick * 0.05, // turns a little, across the wrap for some
          state: Math.floor(random() * 8), // jumps
        })),
      ),
    );
    const baseline = bodies[0];
    const current = bodies[3];
    if (!baseline || !current) throw new Error('scenario missing');
    const chosen = chooseDeltaFields(schema, baseline, current, diffStates(FIELDS, baseline, current));
    expect(chosen & (1 << X)).not.toBe(0);
    expect(chosen & (1 << VX)).not.toBe(0);
    expect(chosen & (1 << HEADING)).not.toBe(0);
    expect(chosen & (1 << STATE)).toBe(0);
    const best = decodeExactly(baseline, current).byteLength;
    expect(best).toBeLessThanOrEqual(decodeExactly(baseline, current, 0).byteLength);
    expect(best).toBeLessThanOrEqual(decodeExactly(baseline, current, 0b1111).byteLength);
  });

  it('takes angle deltas the short way round the wrap', () => {
    const heading = schema.fields[HEADING];
    if (!heading) throw new Error('schema has no heading');
    const at = (tick: number, turn: number): QuantizedState => quantizeEntities(schema, tick, [{ id: 1, x: 0, vx: 0, heading: turn, state: 0 }]);
    const before = at(0, -0.05); // just below a full turn: stored 254
    const after = at(1, 0.05); // just past zero: stored 2
    expect([before.values[HEADING], after.values[HEADING]]).toEqual([254, 2]);
    // 254 → 2 is +4 steps the short way: a 2-bit class and 4 bits instead of the 8-bit value.
    const asDelta = decodeExactly(before, after, 1 << HEADING);
    const asValue = decodeExactly(before, after, 0);
    expect(asDelta.byteLength).toBeLessThanOrEqual(asValue.byteLength);
    expect(dequantize(heading, after.values[HEADING] ?? 0)).toBeCloseTo(0.05, 1);
  });

  it('refuses a delta that leaves a non-wrapping field out of range, and random bytes never throw', () => {
    const random = seededRandom(5);
    const baseline = quantizeEntities(schema, 0, [{ id: 1, x: 1, vx: -32, heading: 0, state: 0 }]);
    const current = quantizeEntities(schema, 1, [{ id: 1, x: 0, vx: -31, heading: 0, state: 0 }]);
    const bytes = encodeDiff(schema, baseline, current, diffStates(FIELDS, baseline, current), undefined, (1 << X) | (1 << VX));
    // The same bytes (x − 1 px) against a baseline where x is already 0 would put x below its range.
    const lower = quantizeEntities(schema, 0, [{ id: 1, x: 0, vx: -32, heading: 0, state: 0 }]);
    expect(decodeDiff(schema, lower, 1, bytes)).toMatchObject({ ok: false, reason: 'snapshot: x out of range' });
    for (let i = 0; i < 20_000; i += 1) {
      const noise = Uint8Array.from({ length: 1 + Math.floor(random() * 48) }, () => Math.floor(random() * 256));
      expect(() => decodeDiff(schema, baseline, 1, noise)).not.toThrow();
    }
  });
});

describe('positions predicted from a velocity field', () => {
  /** A body whose x moves by vx pixels per tick. */
  const moving = defineSnapshotSchema({
    x: { kind: 'position', extent: 4096, precision: 8, velocity: 'vx' },
    y: { kind: 'position', extent: 4096, precision: 8 },
    vx: { kind: 'int', bits: 9, precision: 8 },
  });
  const at = (tick: number, bodies: readonly { x: number; vx: number }[]): QuantizedState =>
    quantizeEntities(moving, tick, bodies.map((body, i) => ({ id: i + 1, x: body.x, y: 100, vx: body.vx })));
  const roundTrip = (baseline: QuantizedState, current: QuantizedState): Uint8Array => {
    const bytes = encodeDiff(moving, baseline, current, diffStates(3, baseline, current));
    const decoded = decodeDiff(moving, baseline, current.tick, bytes);
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(Array.from(decoded.value.values)).toEqual(Array.from(current.values));
    return bytes;
  };

  it('codes steady motion against where the velocity took it, in fewer bits than the plain delta', () => {
    const bodies = Array.from({ length: 32 }, (_, i) => ({ x: 100 + i * 50, vx: 5 + i / 8 }));
    const baseline = at(10, bodies);
    const steady = at(13, bodies.map((body) => ({ x: body.x + body.vx * 3, vx: body.vx })));
    const unpredicted = defineSnapshotSchema({
      x: { kind: 'position', extent: 4096, precision: 8 },
      y: { kind: 'position', extent: 4096, precision: 8 },
      vx: { kind: 'int', bits: 9, precision: 8 },
    });
    const plain = encodeDiff(unpredicted, baseline, steady, diffStates(3, baseline, steady));
    const predicted = roundTrip(baseline, steady);
    expect(predicted.byteLength).toBeLessThan(plain.byteLength);
    expect(moving.prediction.order[moving.prediction.order.length - 1]).toBe(0); // x is coded after vx
  });

  it('round-trips exactly when velocities change, reverse and stop, whatever the baseline age', () => {
    const random = seededRandom(9);
    let bodies = Array.from({ length: 40 }, () => ({ x: 200 + random() * 3600, vx: (random() - 0.5) * 16 }));
    const history: QuantizedState[] = [at(0, bodies)];
    for (let tick = 1; tick < 120; tick += 1) {
      bodies = bodies.map((body) => {
        const vx = random() < 0.1 ? Math.round((random() - 0.5) * 128) / 8 : random() < 0.05 ? 0 : body.vx;
        return { x: Math.min(4095, Math.max(0, body.x + vx)), vx };
      });
      const current = at(tick, bodies);
      const baseline = history[Math.max(0, history.length - 1 - Math.floor(random() * 8))];
      if (!baseline) throw new Error('history is empty');
      roundTrip(baseline, current);
      // A body that carried only some changes: what the host records the peer holds is what it decodes.
      const diff = diffStates(3, baseline, current);
      const chosen = Uint8Array.from({ length: diff.count }, () => (random() < 0.5 ? 1 : 0));
      const partial = decodeDiff(moving, baseline, current.tick, encodeDiff(moving, baseline, current, diff, chosen));
      if (!partial.ok) throw new Error(partial.reason);
      expect(Array.from(applyChosen(3, baseline, current, diff, chosen).values)).toEqual(Array.from(partial.value.values));
      history.push(current);
    }
  });

  it('refuses a position predicted out of range (a hostile tick gap) instead of throwing', () => {
    const baseline = at(0, [{ x: 4000, vx: 31 }]);
    const current = at(1, [{ x: 4031, vx: 31 }]);
    const bytes = encodeDiff(moving, baseline, current, diffStates(3, baseline, current));
    expect(decodeDiff(moving, baseline, 1, bytes).ok).toBe(true);
    expect(decodeDiff(moving, baseline, 2 ** 30, bytes)).toMatchObject({ ok: false, reason: 'snapshot: x out of range' });
  });

  it('refuses a velocity that names no int field', () => {
    expect(() => defineSnapshotSchema({ x: { kind: 'position', extent: 64, precision: 1, velocity: 'vx' } })).toThrow(/velocity vx must name an int field/);
    expect(() => defineSnapshotSchema({ x: { kind: 'position', extent: 64, precision: 1, velocity: 'y' }, y: { kind: 'position', extent: 64, precision: 1 } })).toThrow(/velocity y/);
  });
});

import { describe, expect, it } from 'vitest';
import { BitReader } from '../../src/protocol/bit-reader.js';
import { BitWriter, unzigzag, zigzag } from '../../src/protocol/bit-writer.js';
import { encodeWithinBudget } from '../../src/replication/budgeted-encoder.js';
import { decodeDiff, encodeDiff } from '../../src/replication/delta-codec.js';
import { PriorityAccumulator } from '../../src/replication/priority.js';
import { emptyState, type QuantizedState } from '../../src/replication/quantized-state.js';
import { quantizeEntities } from '../../src/replication/state-builder.js';
import { defineSnapshotSchema, dequantize, quantize } from '../../src/replication/schema.js';
import { applyChosen, diffStates } from '../../src/replication/state-diff.js';
import { seededRandom } from '../../src/util/seeded-random.js';

const schema = defineSnapshotSchema({
  x: { kind: 'position', extent: 4096, precision: 8 },
  y: { kind: 'position', extent: 4096, precision: 8 },
  angle: { kind: 'angle', bits: 8 },
  hp: { kind: 'uint', bits: 7 },
});

function randomState(random: () => number, tick: number, count: number, idSpread = 3): QuantizedState {
  const entities = [];
  let id = 0;
  for (let i = 0; i < count; i += 1) {
    id += 1 + Math.floor(random() * idSpread);
    entities.push({ id, x: random() * 4096, y: random() * 4096, angle: random() * 7, hp: Math.floor(random() * 128) });
  }
  return quantizeEntities(schema, tick, entities);
}

/** Moves some entities a little, changes some hp, despawns and spawns a few. */
function evolve(random: () => number, state: QuantizedState, tick: number): QuantizedState {
  const entities = [];
  for (let row = 0; row < state.ids.length; row += 1) {
    if (random() < 0.03) continue;
    const fields: Record<string, number> = { id: state.ids[row] ?? 0 };
    schema.fields.forEach((field, f) => (fields[field.name] = dequantize(field, state.values[row * 4 + f] ?? 0)));
    if (random() < 0.3) {
      fields['x'] = Math.min(4095, Math.max(0, (fields['x'] ?? 0) + (random() - 0.5) * 40));
      fields['y'] = Math.min(4095, Math.max(0, (fields['y'] ?? 0) + (random() - 0.5) * (random() < 0.05 ? 4000 : 40)));
      fields['angle'] = random() * 7;
    }
    if (random() < 0.05) fields['hp'] = Math.floor(random() * 128);
    entities.push({ ...fields, id: state.ids[row] ?? 0 });
  }
  for (let i = 0; i < 3; i += 1) entities.push({ id: 5000 + tick * 4 + i, x: random() * 4096, y: 1, angle: 0, hp: 100 });
  return quantizeEntities(schema, tick, entities);
}

function expectSameState(actual: QuantizedState, expected: QuantizedState): void {
  expect(Array.from(actual.ids)).toEqual(Array.from(expected.ids));
  expect(Array.from(actual.values)).toEqual(Array.from(expected.values));
}

describe('bit packing', () => {
  it('round-trips values of every width and gamma codes', () => {
    const writer = new BitWriter(2);
    const values = [[1, 1], [0, 3], [5, 3], [1023, 10], [2 ** 31 - 5, 31], [0xffffffff, 32], [77, 7]] as const;
    for (const [value, bits] of values) writer.write(value, bits);
    for (const value of [1, 2, 3, 4, 1000, 2 ** 30]) writer.writeGamma(value);
    const reader = new BitReader(writer.finish());
    for (const [value, bits] of values) expect(reader.read(bits)).toBe(value);
    for (const value of [1, 2, 3, 4, 1000, 2 ** 30]) expect(reader.readGamma()).toBe(value);
  });

  it('maps signed to unsigned and back', () => {
    for (const value of [0, -1, 1, -2, 2, -300, 300]) expect(unzigzag(zigzag(value))).toBe(value);
    expect([0, -1, 1, -2].map(zigzag)).toEqual([0, 1, 2, 3]);
  });
});

describe('quantization', () => {
  it('keeps positions to 1/8 px and wraps angles', () => {
    const [x, , angle] = schema.fields;
    if (!x || !angle) throw new Error('schema fields missing');
    expect(dequantize(x, quantize(x, 1234.56))).toBeCloseTo(1234.5, 1);
    expect(quantize(x, -5)).toBe(0);
    expect(quantize(angle, Math.PI * 2 + 0.01)).toBe(quantize(angle, 0.01));
    expect(quantize(angle, -Math.PI / 2)).toBe(192);
    expect(schema.fields.map((field) => field.bits)).toEqual([15, 15, 8, 7]);
  });
});

describe('delta snapshots', () => {
  it('round-trips a full snapshot and thousands of random deltas exactly', () => {
    const random = seededRandom(7);
    let baseline = emptyState();
    let current = randomState(random, 0, 300);
    for (let tick = 1; tick < 200; tick += 1) {
      const diff = diffStates(4, baseline, current);
      const bytes = encodeDiff(schema, baseline, current, diff);
      const decoded = decodeDiff(schema, baseline, current.tick, bytes);
      if (!decoded.ok) throw new Error(decoded.reason);
      expectSameState(decoded.value, current);
      // Baselines lag a few ticks behind, as acknowledgements do.
      if (tick % 3 === 0) baseline = current;
      current = evolve(random, current, tick);
    }
  });

  it('spends at most 13 bytes per entity on a full snapshot', () => {
    const state = randomState(seededRandom(1), 0, 256, 1);
    const bytes = encodeDiff(schema, emptyState(), state, diffStates(4, emptyState(), state));
    expect(bytes.byteLength / 256).toBeLessThanOrEqual(13);
  });

  it('refuses inconsistent or truncated input with a reason and never throws', () => {
    const random = seededRandom(3);
    const baseline = randomState(random, 0, 50);
    const current = evolve(random, baseline, 1);
    const bytes = encodeDiff(schema, baseline, current, diffStates(4, baseline, current));
    expect(decodeDiff(schema, emptyState(), 1, bytes)).toMatchObject({ ok: false });
    expect(decodeDiff(schema, baseline, 1, bytes.subarray(0, bytes.length >> 1))).toMatchObject({ ok: false, reason: expect.stringContaining('snapshot') });
    for (let i = 0; i < 20_000; i += 1) {
      const noise = Uint8Array.from({ length: 1 + Math.floor(random() * 64) }, () => Math.floor(random() * 256));
      expect(() => decodeDiff(schema, baseline, 1, noise)).not.toThrow();
    }
  });
});

describe('byte budget and priorities', () => {
  it('fits a packet when the world does not, and delivers every entity eventually', () => {
    const random = seededRandom(11);
    const world = randomState(random, 1, 1024);
    const priorities = new PriorityAccumulator();
    let acknowledged = emptyState();
    for (let tick = 2; tick < 60; tick += 1) {
      const body = encodeWithinBudget(schema, acknowledged, { ...world, tick }, priorities, 1_150);
      expect(body.bytes.byteLength).toBeLessThanOrEqual(1_150);
      // The peer acknowledges every snapshot at once here (no loss).
      acknowledged = body.view;
      priorities.acknowledge(body.carried);
      if (body.complete) break;
    }
    expectSameState(acknowledged, world);
  });

  it('knows what the peer will hold without decoding: the same state as decoding a partial body', () => {
    const random = seededRandom(17);
    for (let round = 0; round < 200; round += 1) {
      const baseline = randomState(random, 0, 1 + Math.floor(random() * 80));
      const current = evolve(random, baseline, 1);
      const diff = diffStates(4, baseline, current);
      const chosen = Uint8Array.from({ length: diff.count }, () => (random() < 0.5 ? 1 : 0));
      const body = encodeDiff(schema, baseline, current, diff, chosen);
      const decoded = decodeDiff(schema, baseline, current.tick, body);
      if (!decoded.ok) throw new Error(decoded.reason);
      expectSameState(applyChosen(4, baseline, current, diff, chosen), decoded.value);
    }
  });

  it('keeps priorities alike for small and very large entity ids, and clears them on acknowledgement', () => {
    const priorities = new PriorityAccumulator();
    for (const id of [3, 70_000, 2 ** 30 - 2]) {
      expect(priorities.bump(id, 2)).toBe(2);
      expect(priorities.bump(id, 3)).toBe(5);
    }
    priorities.acknowledge([3, 2 ** 30 - 2]);
    expect(priorities.bump(3)).toBe(1);
    expect(priorities.bump(70_000)).toBe(6);
    expect(priorities.bump(2 ** 30 - 2)).toBe(1);
  });

  it('fills a small packet from a large change set, and its view is exactly what the peer decodes', () => {
    const random = seededRandom(23);
    const baseline = randomState(random, 0, 600);
    const current = evolve(random, baseline, 1);
    const priorities = new PriorityAccumulator();
    const body = encodeWithinBudget(schema, baseline, current, priorities, 300);
    expect(body.complete).toBe(false);
    expect(body.bytes.byteLength).toBeLessThanOrEqual(300);
    expect(body.carried.length).toBeGreaterThan(0);
    const decoded = decodeDiff(schema, baseline, current.tick, body.bytes);
    if (!decoded.ok) throw new Error(decoded.reason);
    expectSameState(body.view, decoded.value);
  });

  it('sends everything at once when it fits', () => {
    const random = seededRandom(5);
    const baseline = randomState(random, 0, 64);
    const current = evolve(random, baseline, 1);
    const body = encodeWithinBudget(schema, baseline, current, new PriorityAccumulator());
    expect(body.complete).toBe(true);
    expectSameState(body.view, current);
  });

  it('keeps each body and its carried ids intact while the next bodies are encoded (the encoder reuses its buffers)', () => {
    const random = seededRandom(29);
    const baseline = randomState(random, 0, 48);
    const bodies = [];
    let current = baseline;
    for (let tick = 1; tick <= 4; tick += 1) {
      current = evolve(random, current, tick);
      const body = encodeWithinBudget(schema, baseline, current, new PriorityAccumulator());
      bodies.push({ body, current, bytes: Array.from(body.bytes), carried: Array.from(body.carried) });
    }
    for (const { body, current: expected, bytes, carried } of bodies) {
      expect(Array.from(body.bytes)).toEqual(bytes);
      expect(Array.from(body.carried)).toEqual(carried);
      const decoded = decodeDiff(schema, baseline, expected.tick, body.bytes);
      if (!decoded.ok) throw new Error(decoded.reason);
      expectSameState(decoded.value, expected);
    }
  });
});

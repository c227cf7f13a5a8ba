import { describe, expect, it } from 'vitest';
import type { Entity } from '../../src/game/definition.js';
import { entityBlend, interpolateSnapshots, sampleBuffer as sample } from '../../src/replication/interpolation.js';
import { defineSnapshotSchema } from '../../src/replication/schema.js';
import { SnapshotBuffer } from '../../src/replication/snapshot-buffer.js';
import type { Snapshot } from '../../src/replication/snapshot.js';

interface Dot {
  readonly slot: number;
  readonly x: number;
  readonly y: number;
  readonly heading?: number;
  readonly score?: number;
}

const blend = entityBlend(
  defineSnapshotSchema({
    x: { kind: 'position', extent: 1024, precision: 8 },
    y: { kind: 'position', extent: 1024, precision: 8 },
    heading: { kind: 'angle', bits: 8 },
    score: { kind: 'uint', bits: 8 },
  }),
);

function snapshot(tick: number, dots: Dot[]): Snapshot {
  return { tick, entities: new Map(dots.map((d) => [d.slot, { id: d.slot, x: d.x, y: d.y, heading: d.heading ?? 0, score: d.score ?? 0 }])) };
}

/** Entities back as dots, for readable expectations. */
function dots(entities: readonly Entity[]): Dot[] {
  return entities.map((e) => ({ slot: e.id, x: e.x, y: e.y }));
}

const interpolate = (before: Snapshot, after: Snapshot, tick: number): Dot[] => dots(interpolateSnapshots(before, after, tick, blend));
const sampleBuffer = (buffer: SnapshotBuffer, tick: number): Dot[] => dots(sample(buffer, tick, blend));

const a = snapshot(30, [
  { slot: 0, x: 100, y: 200 },
  { slot: 1, x: 0, y: 0 },
]);
const b = snapshot(33, [
  { slot: 0, x: 130, y: 170 },
  { slot: 2, x: 50, y: 60 },
]);

describe('interpolation between two snapshots', () => {
  it('places players proportionally between the surrounding snapshots', () => {
    const players = interpolate(a, b, 31);
    expect(players.find((p) => p.slot === 0)).toEqual({ slot: 0, x: 110, y: 190 });
  });

  it('uses the later snapshot for who is present: leavers vanish, newcomers appear at their spawn', () => {
    const slots = interpolate(a, b, 31.5).map((p) => p.slot);
    expect(slots.sort()).toEqual([0, 2]);
    expect(interpolate(a, b, 31.5).find((p) => p.slot === 2)).toEqual({ slot: 2, x: 50, y: 60 });
  });

  it('turns angles the short way round and steps counters instead of blending them', () => {
    const from = snapshot(0, [{ slot: 0, x: 0, y: 0, heading: Math.PI * 1.9, score: 3 }]);
    const to = snapshot(2, [{ slot: 0, x: 0, y: 0, heading: Math.PI * 0.1, score: 4 }]);
    const [mid] = interpolateSnapshots(from, to, 1, blend);
    expect(Math.cos(mid?.heading ?? 0)).toBeCloseTo(1);
    expect(mid?.score).toBe(4);
  });

  it('clamps outside the interval', () => {
    expect(interpolate(a, b, 40).find((p) => p.slot === 0)).toMatchObject({ x: 130, y: 170 });
  });
});

describe('snapshot buffer', () => {
  it('orders out-of-order arrivals and ignores duplicates', () => {
    const buffer = new SnapshotBuffer(4);
    expect(buffer.insert(b)).toBe(true);
    expect(buffer.insert(a)).toBe(true);
    expect(buffer.insert(a)).toBe(false);
    expect(buffer.bracket(31)).toEqual({ before: a, after: b });
    expect(buffer.newest).toBe(b);
  });

  it('drops the oldest beyond capacity and refuses arrivals older than everything kept', () => {
    const buffer = new SnapshotBuffer(2);
    buffer.insert(snapshot(1, []));
    buffer.insert(snapshot(2, []));
    buffer.insert(snapshot(3, []));
    expect(buffer.size).toBe(2);
    expect(buffer.insert(snapshot(1, []))).toBe(false);
  });

  it('samples between snapshots, and extrapolates past the newest for at most 6 ticks', () => {
    const buffer = new SnapshotBuffer();
    buffer.insert(a);
    buffer.insert(b);
    expect(sampleBuffer(buffer, 32).find((p) => p.slot === 0)).toEqual({ slot: 0, x: 120, y: 180 });
    // Slot 0 moves +10 x and −10 y per tick between a and b.
    expect(sampleBuffer(buffer, 35).find((p) => p.slot === 0)).toEqual({ slot: 0, x: 150, y: 150 });
    expect(sampleBuffer(buffer, 39).find((p) => p.slot === 0)).toEqual({ slot: 0, x: 190, y: 110 });
    expect(sampleBuffer(buffer, 80).find((p) => p.slot === 0)).toEqual({ slot: 0, x: 190, y: 110 });
    expect(sampleBuffer(new SnapshotBuffer(), 5)).toEqual([]);
  });

  it('holds a single snapshot still: there is no motion to continue', () => {
    const buffer = new SnapshotBuffer();
    buffer.insert(b);
    expect(sampleBuffer(buffer, 40).find((p) => p.slot === 0)).toEqual({ slot: 0, x: 130, y: 170 });
  });
});

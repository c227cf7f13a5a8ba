import { describe, expect, it } from 'vitest';
import { interpolateSnapshots, sampleBuffer } from '../../src/replication/interpolation.js';
import { SnapshotBuffer } from '../../src/replication/snapshot-buffer.js';
import type { RenderPlayer, Snapshot } from '../../src/replication/snapshot.js';

function snapshot(tick: number, players: RenderPlayer[]): Snapshot {
  return { tick, players: new Map(players.map((p) => [p.slot, p])) };
}

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
    const players = interpolateSnapshots(a, b, 31);
    expect(players.find((p) => p.slot === 0)).toEqual({ slot: 0, x: 110, y: 190 });
  });

  it('uses the later snapshot for who is present: leavers vanish, newcomers appear at their spawn', () => {
    const slots = interpolateSnapshots(a, b, 31.5).map((p) => p.slot);
    expect(slots.sort()).toEqual([0, 2]);
    expect(interpolateSnapshots(a, b, 31.5).find((p) => p.slot === 2)).toEqual({ slot: 2, x: 50, y: 60 });
  });

  it('clamps outside the interval', () => {
    expect(interpolateSnapshots(a, b, 40).find((p) => p.slot === 0)).toMatchObject({ x: 130, y: 170 });
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

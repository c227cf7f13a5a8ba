import { describe, expect, it } from 'vitest';
import { SnapshotReceiver } from '../../src/replication/snapshot-receiver.js';
import { SnapshotSender, type OutgoingSnapshot } from '../../src/replication/snapshot-sender.js';
import { type QuantizedState } from '../../src/replication/quantized-state.js';
import { quantizeEntities } from '../../src/replication/state-builder.js';
import { defineSnapshotSchema } from '../../src/replication/schema.js';
import { seededRandom } from '../../src/util/seeded-random.js';

const schema = defineSnapshotSchema({
  x: { kind: 'position', extent: 1024, precision: 8 },
  y: { kind: 'position', extent: 1024, precision: 8 },
});

function world(tick: number, count: number): QuantizedState {
  return quantizeEntities(
    schema,
    tick,
    Array.from({ length: count }, (_, i) => ({ id: i + 1, x: (i * 37 + tick * (i % 3)) % 1000, y: (i * 11 + tick) % 1000 })),
  );
}

describe('snapshot stream: deltas against acknowledged baselines', () => {
  it('survives 30 % loss, reordering and duplicates: every decoded snapshot equals the host world', () => {
    const random = seededRandom(99);
    const sender = new SnapshotSender(schema);
    const receiver = new SnapshotReceiver(schema);
    let inFlight: OutgoingSnapshot[] = [];
    let decoded = 0;
    let fullSnapshots = 0;
    for (let tick = 0; tick < 600; tick += 3) {
      const truth = world(tick, 40);
      const outgoing = sender.encode(truth);
      if (outgoing.baselineTick < 0) fullSnapshots += 1;
      if (random() > 0.3) inFlight.push(outgoing);
      if (random() < 0.1) inFlight.push(outgoing);
      // Deliver a random subset now, in random order; the rest arrives later.
      inFlight.sort(() => random() - 0.5);
      const now = inFlight.filter(() => random() < 0.7);
      inFlight = inFlight.filter((snapshot) => !now.includes(snapshot));
      for (const snapshot of now) {
        const result = receiver.receive(snapshot.tick, snapshot.baselineTick, snapshot.body);
        if (!result.ok) continue;
        decoded += 1;
        const expected = world(snapshot.tick, 40);
        expect(Array.from(result.value.values)).toEqual(Array.from(expected.values));
      }
      // The acknowledgement rides on the next input packet, which may be lost too.
      if (random() > 0.3) sender.acknowledge(receiver.ackTick);
    }
    expect(decoded).toBeGreaterThan(100);
    expect(fullSnapshots).toBeLessThan(5);
  });

  it('starts over with a full snapshot when the peer restarts, ignoring acknowledgements sent before', () => {
    const sender = new SnapshotSender(schema);
    const receiver = new SnapshotReceiver(schema);
    const deliver = (tick: number): void => {
      const outgoing = sender.encode(world(tick, 5));
      expect(receiver.receive(outgoing.tick, outgoing.baselineTick, outgoing.body).ok).toBe(true);
    };
    deliver(0);
    sender.acknowledge(0);
    deliver(3);
    // The peer's receiver starts afresh (it said hello again); its ack of tick 3 was still in flight.
    const fresh = new SnapshotReceiver(schema);
    sender.restart();
    sender.acknowledge(3);
    const next = sender.encode(world(6, 5));
    expect(next.baselineTick).toBe(-1);
    expect(fresh.receive(next.tick, next.baselineTick, next.body).ok).toBe(true);
    sender.acknowledge(fresh.ackTick);
    expect(sender.encode(world(9, 5)).baselineTick).toBe(6);
  });

  it('falls back to a full snapshot when acknowledgements stop for longer than the ring', () => {
    const sender = new SnapshotSender(schema, 8);
    sender.acknowledge(sender.encode(world(0, 5)).tick);
    expect(sender.encode(world(3, 5)).baselineTick).toBe(0);
    for (let tick = 6; tick < 60; tick += 3) sender.encode(world(tick, 5));
    expect(sender.encode(world(60, 5)).baselineTick).toBe(-1);
  });

  it('refuses a snapshot whose baseline it does not hold, and duplicates', () => {
    const sender = new SnapshotSender(schema);
    const receiver = new SnapshotReceiver(schema);
    const first = sender.encode(world(0, 5));
    sender.acknowledge(0);
    const second = sender.encode(world(3, 5));
    expect(receiver.receive(second.tick, second.baselineTick, second.body)).toMatchObject({ ok: false, reason: expect.stringContaining('baseline 0') });
    expect(receiver.receive(first.tick, first.baselineTick, first.body).ok).toBe(true);
    expect(receiver.receive(first.tick, first.baselineTick, first.body)).toMatchObject({ ok: false, reason: expect.stringContaining('duplicate') });
    expect(receiver.receive(second.tick, second.baselineTick, second.body).ok).toBe(true);
    expect(receiver.ackTick).toBe(3);
  });

  it('ignores acknowledgements of snapshots it never sent', () => {
    const sender = new SnapshotSender(schema);
    sender.encode(world(0, 5));
    sender.acknowledge(7);
    sender.acknowledge(-1);
    expect(sender.baselineTick).toBe(-1);
  });
});

import { describe, expect, it } from 'vitest';
import { createLoopbackPair } from '../../src/net/sim/loopback-link.js';
import type { Position } from '../../src/game/definition.js';
import { ReplicatedGame } from '../../src/game/replicated-game.js';
import { tagGame } from '../../src/games/tag/tag-game.js';
import type { ClientSession } from '../../src/session/client-session.js';
import { HostSession } from '../../src/session/host-session.js';
import { Button } from '../../src/games/tag/input.js';
import { createWorld, PLAYER_SPEED, type TagWorld } from '../../src/games/tag/world.js';
import { ManualScheduler } from '../../src/time/scheduler.js';
import { followingClient } from '../support/following-client.js';

/**
 * The replication path end to end, deterministic: a host and 4 clients over in-memory links with
 * 5 % loss and 80 ± 20 ms latency each way, driven by a manual clock. Every player holds one
 * direction (constant velocity) in a world large enough never to reach a wall.
 */
const WORLD = { width: 16_384, height: 16_384 };
const NETWORK = { latencyMs: 80, jitterMs: 20, loss: 0.05 };
const LOOP_MS = 4;
const FRAME_MS = 16;
const DURATION_MS = 12_000;
/** Measurements start once every client has been playing for a while. */
const WARM_UP_MS = 2_000;
/** How far a player moves in one frame (diagonals are normalised to the same speed). */
const FRAME_MOVE = (PLAYER_SPEED * FRAME_MS) / 1000;
const DIRECTIONS = [Button.Right, Button.Down, Button.Left | Button.Down, Button.Up, Button.Right | Button.Up];

interface Observation {
  frozenMs: number;
  lastPosition: Position | undefined;
  maxFrozenMs: number;
  /** The largest move between two frames beyond what the player's speed allows in a frame (the pushed player aside). */
  maxJump: number;
  errorSum: number;
  samples: number;
}

function truthAt(history: Map<number, Map<number, Position>>, tick: number, slot: number): Position | undefined {
  const before = history.get(Math.floor(tick))?.get(slot);
  const after = history.get(Math.ceil(tick))?.get(slot);
  if (!before || !after) return undefined;
  const t = tick - Math.floor(tick);
  return { x: before.x + (after.x - before.x) * t, y: before.y + (after.y - before.y) * t };
}

function slotOf(client: ClientSession<TagWorld> | undefined): number {
  return client?.slot ?? -1;
}

function snapshotPositions(world: TagWorld): Map<number, Position> {
  return new Map([...world.players.values()].map((p) => [p.slot, { x: p.x, y: p.y }]));
}

describe('replication smoothness (4 clients, 5 % loss, 80 ± 20 ms)', () => {
  it('keeps remote players moving and accurate, and fades corrections within 200 ms', () => {
    const scheduler = new ManualScheduler();
    const world = createWorld(WORLD);
    const game = new ReplicatedGame(tagGame(WORLD));
    const host = new HostSession({ selfId: 'host', selfName: 'Host', game, state: world, clock: scheduler, localInput: () => DIRECTIONS[0] ?? 0 });
    const clients = [1, 2, 3, 4].map((n) => {
      const [hostEnd, clientEnd] = createLoopbackPair({ scheduler, seed: n * 101, ids: [`c${n}`, 'host'], aToB: NETWORK, bToA: NETWORK });
      const client = followingClient({
        selfId: `c${n}`, selfName: `C${n}`, hostId: 'host', clock: scheduler, game,
        localInput: () => DIRECTIONS[n] ?? 0
      });
      hostEnd.events.on('open', () => host.addLink(hostEnd));
      clientEnd.events.on('open', () => client.addLink(clientEnd));
      return client;
    });
    // Everyone starts near the centre, far from the walls.
    const history = new Map<number, Map<number, Position>>();
    const observations = clients.map(() => new Map<number, Observation>());
    const corrections: number[] = [];
    let correctionStartedAt: number | undefined;
    for (let elapsed = 0; elapsed < DURATION_MS; elapsed += LOOP_MS) {
      scheduler.advance(LOOP_MS);
      host.update();
      history.set(host.tick, snapshotPositions(world));
      for (const client of clients) client.update();
      if (elapsed === 6_000) {
        // A correction: the host pushes the first client's player 12 px (as a collision would).
        const pushed = world.players.get(slotOf(clients[0]));
        if (pushed) pushed.x += 12;
      }
      if (elapsed % FRAME_MS !== 0) continue;
      clients.forEach((client, index) => {
        const players = client.renderEntities().map((entity) => ({ slot: entity.id, x: entity.x, y: entity.y }));
        const renderTick = client.stats.renderTick;
        const selfSlot = slotOf(client);
        if (elapsed < WARM_UP_MS) return;
        for (const player of players) {
          if (player.slot === selfSlot) continue;
          const seen = observations[index]?.get(player.slot) ?? { frozenMs: 0, lastPosition: undefined, maxFrozenMs: 0, maxJump: 0, errorSum: 0, samples: 0 };
          observations[index]?.set(player.slot, seen);
          const moved = !seen.lastPosition || seen.lastPosition.x !== player.x || seen.lastPosition.y !== player.y;
          seen.frozenMs = moved ? 0 : seen.frozenMs + FRAME_MS;
          seen.maxFrozenMs = Math.max(seen.maxFrozenMs, seen.frozenMs);
          if (seen.lastPosition && player.slot !== slotOf(clients[0])) seen.maxJump = Math.max(seen.maxJump, Math.hypot(player.x - seen.lastPosition.x, player.y - seen.lastPosition.y) - FRAME_MOVE);
          seen.lastPosition = { x: player.x, y: player.y };
          const truth = truthAt(history, renderTick, player.slot);
          if (truth) {
            seen.errorSum += Math.hypot(truth.x - player.x, truth.y - player.y);
            seen.samples += 1;
          }
        }
      });
      const correction = clients[0]?.stats.predictionCorrection ?? 0;
      if (correction > 0 && correctionStartedAt === undefined) correctionStartedAt = elapsed;
      if (correction === 0 && correctionStartedAt !== undefined) {
        corrections.push(elapsed - correctionStartedAt);
        correctionStartedAt = undefined;
      }
    }
    const all = observations.flatMap((perClient) => [...perClient.values()]);
    expect(all).toHaveLength(4 * 4);
    console.log(
      `smoothness: max frozen ${Math.max(...all.map((o) => o.maxFrozenMs))} ms, worst jump beyond a frame's move ${Math.max(...all.map((o) => o.maxJump)).toFixed(2)} px, worst mean error ${Math.max(...all.map((o) => o.errorSum / o.samples)).toFixed(3)} px, corrections faded in ${corrections.join(', ')} ms`,
    );
    for (const seen of all) {
      expect(seen.samples).toBeGreaterThan(500);
      expect(seen.maxFrozenMs).toBeLessThanOrEqual(100);
      expect(seen.maxJump).toBeLessThanOrEqual(1);
      expect(seen.errorSum / seen.samples).toBeLessThanOrEqual(2);
    }
    expect(corrections.length).toBeGreaterThanOrEqual(1);
    for (const duration of corrections) expect(duration).toBeLessThanOrEqual(200);
    expect(correctionStartedAt).toBeUndefined();
    for (const client of clients) expect(client.stats.undecodable).toBeLessThan(client.stats.snapshots / 10);
  });
});

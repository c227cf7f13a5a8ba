import { describe, expect, it } from 'vitest';
import { ReplicatedGame } from '../../src/game/replicated-game.js';
import { arenaGame } from '../../src/games/arena/arena-game.js';
import { Move, packInput } from '../../src/games/arena/arena-input.js';
import { RULES, type ArenaState } from '../../src/games/arena/rules.js';
import { createLoopbackPair } from '../../src/net/sim/loopback-link.js';
import { HostSession } from '../../src/session/host-session.js';
import { ManualScheduler } from '../../src/time/scheduler.js';
import { followingClient } from '../support/following-client.js';

const ARENA = { width: 4_000, height: 4_000 };
const LATENCY = { latencyMs: 100, jitterMs: 0, loss: 0 };

describe('a zap over a 100 ms link, judged by lag compensation', () => {
  it('hits a running target where the shooter saw it, although it has moved on since', () => {
    const scheduler = new ManualScheduler();
    const game = new ReplicatedGame(arenaGame(ARENA));
    const state: ArenaState = game.definition.createState();
    // The host's player (slot 0) runs right the whole time: the target.
    const host = new HostSession({ selfId: 'host', selfName: 'Host', game, state, clock: scheduler, localInput: () => Move.Right });
    let fire = false;
    let aim = 0;
    const client = followingClient({
      selfId: 'shooter', selfName: 'Shooter', hostId: 'host', clock: scheduler, game,
      localInput: () => packInput(0, fire, aim)
    });
    const [hostEnd, clientEnd] = createLoopbackPair({ scheduler, seed: 3, ids: ['shooter', 'host'], aToB: LATENCY, bToA: LATENCY });
    hostEnd.events.on('open', () => host.addLink(hostEnd));
    clientEnd.events.on('open', () => client.addLink(clientEnd));
    const run = (ms: number): void => {
      for (let t = 0; t < ms; t += 4) {
        scheduler.advance(4);
        host.update();
        client.update();
      }
    };
    run(300);
    const target = state.fighters.get(0);
    const shooter = state.fighters.get(1);
    if (!target || !shooter) throw new Error('both fighters should be in');
    Object.assign(target, { x: 1_000, y: 1_000 });
    Object.assign(shooter, { x: 1_300, y: 1_300 });
    run(1_000);

    // The shooter aims at the target as drawn on its screen, and pulls the trigger once.
    const seen = client.renderEntities().find((entity) => entity.id === 0);
    const self = client.renderEntities().find((entity) => entity.id === 1);
    if (!seen || !self) throw new Error('the shooter should see both');
    aim = Math.atan2(seen.y - self.y, seen.x - self.x);
    const lead = target.x - seen.x;
    fire = true;
    run(20);
    fire = false;
    run(400);

    console.log(`zap over 100 ms: the target was ${lead.toFixed(0)} px ahead of where the shooter saw it; hit points ${target.hp}/${RULES.maxHp}`);
    // Without rewinding, the shot would have passed a target 2 radii behind it.
    expect(lead).toBeGreaterThan(2 * RULES.radius);
    expect(target.hp).toBe(RULES.maxHp - 1);
  });
});

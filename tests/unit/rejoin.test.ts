import { describe, expect, it } from 'vitest';
import { createLoopbackPair } from '../../src/net/sim/loopback-link.js';
import type { ClientSession } from '../../src/session/client-session.js';
import { HostSession } from '../../src/session/host-session.js';
import { Button } from '../../src/games/tag/input.js';
import { createWorld, type TagWorld } from '../../src/games/tag/world.js';
import { ReplicatedGame } from '../../src/game/replicated-game.js';
import { tagGame } from '../../src/games/tag/tag-game.js';
import { ManualScheduler } from '../../src/time/scheduler.js';
import { followingClient } from '../support/following-client.js';

const WORLD = { width: 960, height: 540 };

describe('a player who drops and comes back', () => {
  function setUp() {
    const scheduler = new ManualScheduler();
    const world = createWorld(WORLD);
    const game = new ReplicatedGame(tagGame(WORLD));
    const host = new HostSession({ selfId: 'host', selfName: 'Host', game, state: world, clock: scheduler, localInput: () => 0 });
    const connect = (id: string, buttons: number) => {
      const [hostEnd, clientEnd] = createLoopbackPair({ scheduler, seed: 1, ids: [id, 'host'] });
      const client = followingClient({ selfId: id, selfName: id, hostId: 'host', clock: scheduler, game, localInput: () => buttons });
      hostEnd.events.on('open', () => host.addLink(hostEnd));
      clientEnd.events.on('open', () => client.addLink(clientEnd));
      return { hostEnd, client };
    };
    const run = (ms: number, clients: ClientSession<TagWorld>[]): void => {
      for (let t = 0; t < ms; t += 4) {
        scheduler.advance(4);
        host.update();
        for (const client of clients) client.update();
      }
    };
    return { world, host, connect, run };
  }

  it('gets its slot, position and score back within the grace period, and its entity leaves the world meanwhile', () => {
    const { world, host, connect, run } = setUp();
    const first = connect('ann', Button.Right);
    const other = connect('bob', 0);
    run(1_000, [first.client, other.client]);
    const slot = first.client.slot;
    expect(slot).toBeDefined();

    const player = world.players.get(slot ?? -1);
    if (player) player.itSeconds = 17;
    first.hostEnd.close('reload');
    run(100, [other.client]);
    const position = { ...world.players.get(slot ?? -1) };
    host.removeLink('ann');
    expect(world.players.has(slot ?? -1)).toBe(false);
    // Someone new joins meanwhile and must not take the reserved slot.
    const newcomer = connect('cem', 0);
    run(500, [other.client, newcomer.client]);
    expect(newcomer.client.slot).not.toBe(slot);

    const back = connect('ann', 0);
    run(500, [other.client, newcomer.client, back.client]);
    expect(back.client.slot).toBe(slot);
    expect(world.players.get(slot ?? -1)?.x).toBeCloseTo(position.x ?? Number.NaN, 5);
    expect(world.players.get(slot ?? -1)?.itSeconds).toBe(17);
  });

  it('gets a fresh slot after the grace period', () => {
    const { world, host, connect, run } = setUp();
    const first = connect('ann', 0);
    run(500, [first.client]);
    const slot = first.client.slot;
    first.hostEnd.close('gone');
    host.removeLink('ann');
    run(31_000, []);
    const filler = connect('dan', 0);
    run(500, [filler.client]);
    expect(filler.client.slot).toBe(slot);
    const back = connect('ann', 0);
    run(500, [filler.client, back.client]);
    expect(back.client.slot).not.toBe(slot);
    expect(world.players.size).toBe(3);
  });
});

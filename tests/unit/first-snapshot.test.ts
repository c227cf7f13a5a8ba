import { describe, expect, it } from 'vitest';
import { createLoopbackPair } from '../../src/net/sim/loopback-link.js';
import { ClientSession } from '../../src/session/client-session.js';
import { HostSession } from '../../src/session/host-session.js';
import { createWorld } from '../../src/games/tag/world.js';
import { ReplicatedGame } from '../../src/game/replicated-game.js';
import { tagGame } from '../../src/games/tag/tag-game.js';
import { ManualScheduler } from '../../src/time/scheduler.js';
import { followingClient } from '../support/following-client.js';

const WORLD = { width: 960, height: 540 };

describe("a newcomer's first snapshot", () => {
  /** A host that has ticked once, and a client linked to it; `followsAtOnce` false: it follows only when told (as a Match does on the host's announcement). */
  function setUp(followsAtOnce = true) {
    const scheduler = new ManualScheduler();
    const world = createWorld(WORLD);
    const game = new ReplicatedGame(tagGame(WORLD));
    const host = new HostSession({ selfId: 'host', selfName: 'Host', game, state: world, clock: scheduler, localInput: () => 0 });
    host.update();
    const [hostEnd, clientEnd] = createLoopbackPair({ scheduler, seed: 1, ids: ['ann', 'host'] });
    const clientOptions = { selfId: 'ann', selfName: 'Ann', clock: scheduler, game, localInput: () => 0 };
    const client = followsAtOnce
      ? followingClient({ ...clientOptions, hostId: 'host' })
      : new ClientSession({ ...clientOptions, authority: { claim: () => 'current', hostYielded: () => false } });
    hostEnd.events.on('open', () => host.addLink(hostEnd));
    clientEnd.events.on('open', () => client.addLink(clientEnd));
    return { scheduler, host, client };
  }

  it('goes out when its hello arrives, without waiting for the next tick, and only once', () => {
    const { scheduler, client } = setUp();
    // Messages travel; the host does not tick (no update call): only the hello can send it. The
    // client says hello twice as its link opens (the link's own, and following the host): a second
    // snapshot of the same tick would be a duplicate it cannot decode.
    for (let i = 0; i < 25; i += 1) scheduler.advance(4);
    expect(client.stats.snapshots).toBe(1);
    expect(client.stats.undecodable).toBe(0);
  });

  it('starts over when the client follows afresh within the same tick: the next snapshots decode', () => {
    const { scheduler, host, client } = setUp(false);
    for (let i = 0; i < 25; i += 1) scheduler.advance(4);
    // The link's hello was served (a snapshot before the client follows anyone is not taken).
    // Following the host now (its announcement arrived) says hello again, in the same host tick.
    client.follow({ hostId: 'host', epoch: 0 });
    for (let i = 0; i < 25; i += 1) scheduler.advance(4);
    expect(client.stats.undecodable).toBe(0);
    for (let i = 0; i < 10; i += 1) {
      scheduler.advance(4);
      host.update();
      client.update();
    }
    expect(client.stats.snapshots).toBeGreaterThan(1);
    expect(client.stats.undecodable).toBe(0);
  });
});

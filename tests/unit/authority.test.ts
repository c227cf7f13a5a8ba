import { describe, expect, it } from 'vitest';
import { Authority } from '../../src/session/authority.js';
import { ANNOUNCE_WAIT_MS, type AuthorityRoles, type AuthorityView, DECLINE_MS, JOIN_SETTLE_MS } from '../../src/session/authority-contract.js';
import type { HostClaim } from '../../src/session/host-election.js';

/** A world Cem sees: Ann, Bea and Cem play (by default), in that join order; what each link does is set per test. */
class FakeWorld {
  time = 0;
  flag: string | undefined = 'ann';
  links = new Map<string, 'open' | 'connecting'>();
  holdsWorld = true;
  beyondReach = false;
  lobbyUp = true;
  /** Peers that told us they follow a newer reign than ours. */
  readonly movedOn = new Set<string>();
  order = ['ann', 'bea', 'cem'];
  readonly roles: string[] = [];

  view(): AuthorityView {
    return {
      selfId: 'cem',
      now: () => this.time,
      joinOrder: () => this.order,
      flagHolder: () => this.flag,
      present: (id) => id === 'cem' || this.links.has(id),
      isKeeper: () => this.flag === undefined,
      isPlayer: () => true,
      reachable: (id) => id === 'cem' || this.links.get(id) === 'open',
      connecting: (id) => this.links.get(id) === 'connecting',
      otherPlayers: () => this.order.filter((id) => id !== 'cem'),
      hasWorld: () => this.holdsWorld,
      inRoster: () => true,
      followedByOthers: () => false,
      otherGameRuns: () => false,
      gameBeyondReach: () => this.beyondReach,
      lobbyConnected: () => this.lobbyUp,
      followsNewerReign: (id) => this.movedOn.has(id),
    };
  }

  rolesLog(): AuthorityRoles {
    return {
      host: (epoch) => this.roles.push(`host ${epoch}`),
      follow: (claim: HostClaim) => this.roles.push(`follow ${claim.hostId}@${claim.epoch}`),
      migrate: (pick) => this.roles.push(`migrate ${pick ?? '-'}`),
      yieldHost: () => this.roles.push('yield'),
      renumber: (epoch) => this.roles.push(`renumber ${epoch}`),
    };
  }
}

/** Cem follows Ann's reign 0, then Ann closes her tab. */
function annLeaves(world: FakeWorld): Authority {
  const authority = new Authority(world.view(), world.rolesLog());
  authority.start();
  authority.claim('ann', 0);
  world.links.delete('ann');
  world.flag = undefined;
  authority.linkClosed('ann');
  return authority;
}

describe('Authority: who takes over when the host leaves', () => {
  it('waits for an earlier player whose link is still being negotiated, and follows it once it announces itself', () => {
    const world = new FakeWorld();
    world.links.set('ann', 'open').set('bea', 'connecting');
    const authority = annLeaves(world);
    expect(authority.phase).toBe('migrating');
    expect(authority.candidate).toBe('bea');
    world.time += 500;
    world.links.set('bea', 'open');
    authority.linkOpened();
    expect(authority.claim('bea', 1)).toBe('accepted');
    expect(world.roles).not.toContain('host 1');
    expect(authority.reign).toEqual({ hostId: 'bea', epoch: 1 });
  });

  it('takes over itself once that player stays silent for DECLINE_MS', () => {
    const world = new FakeWorld();
    world.links.set('ann', 'open').set('bea', 'connecting');
    const authority = annLeaves(world);
    world.time += DECLINE_MS;
    authority.tick();
    expect(authority.phase).toBe('hosting');
    expect(authority.reign).toEqual({ hostId: 'cem', epoch: 1 });
  });
});

describe('Authority: a candidate that moved on', () => {
  it('is passed over when it follows a newer reign: the next player is awaited', () => {
    const world = new FakeWorld();
    world.order = ['ann', 'bea', 'dee', 'cem'];
    world.links.set('ann', 'open').set('bea', 'open').set('dee', 'open');
    world.movedOn.add('bea');
    const authority = annLeaves(world);
    expect(authority.candidate).toBe('dee');
    expect(authority.claim('dee', 1)).toBe('accepted');
  });
});

describe('Authority: a candidate we gave up on', () => {
  it('is followed when it takes over after all, later than we waited for it', () => {
    const world = new FakeWorld();
    world.order = ['ann', 'bea', 'dee', 'cem'];
    world.links.set('ann', 'open').set('bea', 'open').set('dee', 'open');
    const authority = annLeaves(world);
    world.time += DECLINE_MS;
    authority.tick();
    expect(authority.candidate).toBe('dee');
    world.time += 500;
    expect(authority.claim('bea', 1)).toBe('accepted');
    expect(authority.reign).toEqual({ hostId: 'bea', epoch: 1 });
  });
});

describe('Authority: a page that joins with nobody announcing a reign', () => {
  it('does not start a game of its own while players it reaches follow a host it cannot reach, nor while the lobby is away', () => {
    const world = new FakeWorld();
    world.flag = undefined;
    world.holdsWorld = false;
    world.links.set('ann', 'open').set('bea', 'open');
    world.beyondReach = true;
    const authority = new Authority(world.view(), world.rolesLog());
    authority.start();
    world.time += JOIN_SETTLE_MS + ANNOUNCE_WAIT_MS + 60_000;
    authority.tick();
    expect(authority.phase).toBe('joining');
    world.beyondReach = false;
    world.lobbyUp = false;
    authority.tick();
    expect(authority.phase).toBe('joining');
    world.lobbyUp = true;
    authority.tick();
    expect(authority.phase).toBe('hosting');
    expect(authority.reign.epoch).toBe(0);
  });
});

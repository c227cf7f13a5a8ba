import type { Scenario } from './scenario.js';

/**
 * Shrunk scenarios of generated seeds that broke an invariant (the seed is the generator's; the
 * events are the shortest list that still failed): each pins one fix, described by its name.
 */
export const SHRUNK: readonly { readonly name: string; readonly scenario: Scenario }[] = [
  {
    name: "the lobby's flag moves to a rival host after they exchanged claims: the other host yields (they never spoke again)",
    scenario: {
      seed: 53803,
      players: ['Ann', 'Ben', 'Cy', 'Dee'],
      hostile: 'Ben',
      events: [
        { afterMs: 255, action: { kind: 'join', player: 'Ben', how: 'code' } },
        { afterMs: 69, action: { kind: 'join', player: 'Cy', how: 'code' } },
        { afterMs: 50, action: { kind: 'network', who: 'Ben', latencyMs: 33, jitterMs: 13, loss: 0.1 } },
        { afterMs: 500, action: { kind: 'reload', who: 'Ann', loadMs: 265 } },
        { afterMs: 2000, action: { kind: 'attack', attack: 'roster', epoch: 1, claimSlot: 5 } },
        { afterMs: 50, action: { kind: 'reload', who: 'Ben', loadMs: 1301 } },
        { afterMs: 5000, action: { kind: 'show', who: 'Ben' } },
      ],
    },
  },
  {
    name: 'a player who entered moments before the host crashed and then reloaded keeps its slot (no snapshot had drawn it yet)',
    scenario: {
      seed: 53711,
      players: ['Ann', 'Ben', 'Cy', 'Dee', 'Eve'],
      hostile: undefined,
      events: [
        { afterMs: 195, action: { kind: 'join', player: 'Ben', how: 'quick' } },
        { afterMs: 316, action: { kind: 'join', player: 'Cy', how: 'code' } },
        { afterMs: 278, action: { kind: 'join', player: 'Dee', how: 'code' } },
        { afterMs: 0, action: { kind: 'crash', who: 'host' } },
        { afterMs: 200, action: { kind: 'reload', who: 'Cy', loadMs: 1469 } },
      ],
    },
  },
  {
    name: 'a hidden host alone with a newcomer keeps the game (the newcomer holds no world to take over)',
    scenario: {
      seed: 52833,
      players: ['Ann', 'Ben', 'Cy'],
      hostile: undefined,
      events: [
        { afterMs: 500, action: { kind: 'hide', who: 'host' } },
        { afterMs: 500, action: { kind: 'join', player: 'Cy', how: 'code' } },
        { afterMs: 3000, action: { kind: 'heal' } },
      ],
    },
  },
  {
    name: 'a joining page waits for absent players from when the lobby is back, not from before its restart',
    scenario: {
      seed: 50768,
      players: ['Ann', 'Ben', 'Cy', 'Dee', 'Eve'],
      hostile: undefined,
      events: [
        { afterMs: 366, action: { kind: 'join', player: 'Dee', how: 'code' } },
        { afterMs: 0, action: { kind: 'lobby-unreachable', who: 'host', forMs: 7990 } },
        { afterMs: 50, action: { kind: 'heal' } },
        { afterMs: 50, action: { kind: 'lobby-restart', downMs: 2896 } },
        { afterMs: 5000, action: { kind: 'reload', who: 'Cy', loadMs: 436 } },
        { afterMs: 5000, action: { kind: 'network', who: 'Dee', latencyMs: 8, jitterMs: 12, loss: 0.02 } },
      ],
    },
  },
  {
    name: 'a hidden host that handed over and was cut off hosts again with every player in its slot',
    scenario: {
      seed: 52544,
      players: ['Ann', 'Ben', 'Cy', 'Dee'],
      hostile: undefined,
      events: [
        { afterMs: 86, action: { kind: 'join', player: 'Ben', how: 'code' } },
        { afterMs: 114, action: { kind: 'join', player: 'Cy', how: 'code' } },
        { afterMs: 200, action: { kind: 'network', who: 'Dee', latencyMs: 124, jitterMs: 26, loss: 0 } },
        { afterMs: 500, action: { kind: 'partition', isolated: ['host', 'Ann'] } },
        { afterMs: 500, action: { kind: 'hide', who: 'host' } },
        { afterMs: 500, action: { kind: 'hide', who: 'Ben' } },
        { afterMs: 5000, action: { kind: 'heal' } },
      ],
    },
  },
  {
    name: 'pages that reload after a lobby restart come back as themselves; the host finds a slot for every player the lobby admits',
    scenario: {
      seed: 52849,
      players: ['Ann', 'Ben', 'Cy', 'Dee', 'Eve', 'Fox'],
      hostile: undefined,
      events: [
        { afterMs: 271, action: { kind: 'join', player: 'Ben', how: 'code' } },
        { afterMs: 310, action: { kind: 'join', player: 'Cy', how: 'code' } },
        { afterMs: 61, action: { kind: 'join', player: 'Dee', how: 'code' } },
        { afterMs: 39, action: { kind: 'join', player: 'Eve', how: 'code' } },
        { afterMs: 236, action: { kind: 'join', player: 'Fox', how: 'code' } },
        { afterMs: 1000, action: { kind: 'reload', who: 'host', loadMs: 8514 } },
        { afterMs: 0, action: { kind: 'lobby-restart', downMs: 1377 } },
        { afterMs: 1000, action: { kind: 'reload', who: 'host', loadMs: 1511 } },
        { afterMs: 200, action: { kind: 'reload', who: 'host', loadMs: 611 } },
      ],
    },
  },
  {
    name: 'a reloaded page linked to players who follow a host it cannot reach (off the lobby) waits for it, not a game of its own',
    scenario: {
      seed: 100974,
      players: ['Ann', 'Ben', 'Cy', 'Dee'],
      hostile: 'Cy',
      events: [
        { afterMs: 208, action: { kind: 'join', player: 'Ben', how: 'code' } },
        { afterMs: 151, action: { kind: 'join', player: 'Cy', how: 'quick' } },
        { afterMs: 200, action: { kind: 'lobby-unreachable', who: 'host', forMs: 7409 } },
        { afterMs: 500, action: { kind: 'reload', who: 'Ben', loadMs: 1256 } },
        { afterMs: 5000, action: { kind: 'show', who: 'Ann' } },
        { afterMs: 3000, action: { kind: 'kick', target: 'Dee' } },
      ],
    },
  },
];

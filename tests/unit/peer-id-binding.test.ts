import { describe, expect, it } from 'vitest';
import { Button } from '../../src/games/tag/input.js';
import { tagGame } from '../../src/games/tag/tag-game.js';
import type { TagWorld } from '../../src/games/tag/world.js';
import { LobbyMessage } from '../../src/protocol/lobby-messages.js';
import { wrapSignal } from '../../src/net/signal-envelope.js';
import type { LobbyRoomConnection } from '../../src/net/lobby-transport.js';
import type { Match } from '../../src/session/match.js';
import { SimulatedGame } from '../../src/testing/simulated-game.js';
import { seatPlayers } from '../support/simulated-table.js';

const PLAYERS = ['Ann', 'Ben', 'Cy'];
const MALLORY = { name: 'Mallory', playerKey: 'mallory-key-0123456789' };

/** Ann hosts, Ben holds Right, Cy joins; everyone linked and playing. */
async function gameOfThree(seed: number): Promise<{ sim: SimulatedGame<TagWorld>; code: string; benId: string }> {
  const sim = new SimulatedGame({ seed, game: tagGame({ width: 16_000, height: 16_000 }) });
  const code = await seatPlayers(sim, 'Ann', ['Ben', 'Cy']);
  sim.player('Ben').input = Button.Right;
  await sim.advance(2_000);
  const benId = sim.player('Ben').match?.selfId;
  if (benId === undefined) throw new Error('Ben is not in the game');
  return { sim, code, benId };
}

function matchOf(sim: SimulatedGame<TagWorld>, name: string): Match<TagWorld> {
  const match = sim.player(name).match;
  if (!match) throw new Error(`${name} has no match`);
  return match;
}

/** Messages the page received on its current link to `remoteId` (a replaced link starts again at 0). */
function receivedFrom(match: Match<TagWorld>, remoteId: string): number {
  return match.linkStats().find((stats) => stats.remoteId === remoteId)?.totals.messagesIn ?? 0;
}

/** A forged offer "from Ben": a new incarnation, as a reloaded Ben's first signal would be. */
function offerAs(connection: LobbyRoomConnection, to: string): void {
  connection.send(LobbyMessage.Signal, { to, data: wrapSignal({ incarnation: 'deadbeef', attempt: 1 }, '{"type":"offer","sdp":"v=0"}') });
}

describe('a peer id stays with its browser across a lobby restart (in-memory lobby and links, real sessions)', () => {
  it('a stranger who re-creates the room first under a live peer\'s id is nobody to the others: Ben keeps his links, slot and moves', async () => {
    const { sim, code, benId } = await gameOfThree(11);
    const [ann, cy] = [matchOf(sim, 'Ann'), matchOf(sim, 'Cy')];
    const benOnHost = (): number => ann.players().find((player) => player.name === 'Ben')?.x ?? Number.NaN;

    // The lobby restarts and Mallory, who knows the code and Ben's id, is there first.
    sim.lobby.restart(1_000);
    for (const name of PLAYERS) sim.lobby.setReachable(name, false);
    await sim.advance(1_500);
    const mallory = await sim.until(
      sim.lobby.transport(MALLORY.name).create({ ...MALLORY, peerId: benId, code, gameName: 'Mine', isPublic: false, maxPlayers: 8, order: [benId] }),
    );
    for (const name of PLAYERS) sim.lobby.setReachable(name, true);
    await sim.advance(8_000);
    expect(sim.lobby.room(code)?.present).toContain(benId); // Mallory holds Ben's id in the lobby...

    const [linkBefore, xBefore] = [receivedFrom(ann, benId), benOnHost()];
    for (const to of [ann.selfId, cy.selfId]) offerAs(mallory, to);
    await sim.advance(3_000);

    // ...but Ann and Cy refuse her as Ben: not a member, her offers dropped, Ben's links never replaced.
    expect(receivedFrom(ann, benId)).toBeGreaterThan(linkBefore + 50);
    expect(benOnHost()).toBeGreaterThan(xBefore + 100);
    for (const match of [ann, cy]) {
      expect(match.lobbyRoom.members.has(benId)).toBe(false);
      expect(match.lobbyRoom.impostorMessages).toBeGreaterThanOrEqual(2);
    }
    expect(matchOf(sim, 'Ben').status).toBe('playing');
    expect(ann.players().map((player) => player.name).sort()).toEqual(['Ann', 'Ben', 'Cy']);

    // Mallory leaves: nobody hears of it (she was nobody), and the match goes on as it was.
    const [linkAfter, xAfter] = [receivedFrom(ann, benId), benOnHost()];
    await sim.until(mallory.leave());
    await sim.advance(3_000);
    expect(receivedFrom(ann, benId)).toBeGreaterThan(linkAfter + 50);
    expect(benOnHost()).toBeGreaterThan(xAfter + 100);
    expect(cy.players().map((player) => player.name).sort()).toEqual(['Ann', 'Ben', 'Cy']);
  }, 120_000);

  it('when the game\'s own host re-creates the room, a stranger asking for a peer\'s id is refused by the lobby', async () => {
    const { sim, code, benId } = await gameOfThree(12);
    const ann = matchOf(sim, 'Ann');
    const reattached: string[] = [];
    ann.lobbyRoom.events.on('reattached', () => reattached.push('Ann'));
    sim.lobby.setReachable('Ben', false); // Ben's way back to the lobby is slow
    sim.lobby.restart(1_000);
    await sim.advance(6_000);
    expect(reattached).toEqual(['Ann']);
    const attempt = sim.lobby.transport(MALLORY.name).joinById(code, { ...MALLORY, peerId: benId });
    const refusal = await sim.until(attempt.then(() => 'admitted', (error: unknown) => String(error)));
    expect(refusal).toContain(`peer id ${benId} belongs to another player of this game`);

    sim.lobby.setReachable('Ben', true);
    await sim.advance(10_000);
    expect(ann.lobbyRoom.members.has(benId)).toBe(true);
    expect(ann.lobbyRoom.impostorMessages).toBe(0);
  }, 120_000);
});

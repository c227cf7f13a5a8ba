import { describe, expect, it } from 'vitest';
import { arenaGame, arenaVariants, ARENA_SIZE, BOARD_ID, Kind, LARGE_ARENA_SIGHT, LARGE_ARENA_SIZE, type ArenaFields } from '../../src/games/arena/arena-game.js';
import type { ArenaState } from '../../src/games/arena/rules.js';
import { chooseVariant, defineVariants } from '../../src/game/variants.js';
import { parseGameSettings, parseInvitation } from '../../src/protocol/lobby-game.js';
import { SimulatedGame, type SimulatedPlayer } from '../../src/testing/index.js';

type Player = SimulatedPlayer<ArenaState, ArenaFields>;

/** Ann hosts Zap Arena with `settings`; the others join by her code; a second of play. */
async function arenaMatch(seed: number, settings: Parameters<Player['host']>[0], guests: readonly string[]): Promise<{ sim: SimulatedGame<ArenaState, ArenaFields>; ann: Player; code: string }> {
  const sim = new SimulatedGame({ seed, game: arenaVariants({ roundSeconds: 90, gems: 30 }) });
  const ann = sim.player('Ann');
  const hosted = await sim.until(ann.host(settings));
  if (!hosted.ok) throw new Error(hosted.reason);
  for (const name of guests) {
    const joined = await sim.until(sim.player(name).join(hosted.value.code));
    if (!joined.ok) throw new Error(joined.reason);
  }
  await sim.advance(1_000);
  return { sim, ann, code: hosted.value.code };
}

describe('game variants: the host chooses, the lobby tells everyone who enters', () => {
  it('runs the large arena on every page of a game hosted as "large", each page sent only what is near it', async () => {
    const { sim, ann } = await arenaMatch(3, { variant: 'large' }, ['Ben', 'Cy']);
    const ben = sim.player('Ben');
    for (const player of [ann, ben, sim.player('Cy')]) expect(player.match?.definition.arena).toEqual(LARGE_ARENA_SIZE);
    await sim.advance(2_000);
    const host = ann.entities();
    const seen = ben.entities();
    const self = seen.find((entity) => entity.id === ben.match?.selfSlot);
    expect(self).toBeDefined();
    // The host has all 180 gems; Ben only those within sight, and the scoreboard wherever it is.
    expect(host.filter((entity) => entity.kind === Kind.Gem).length).toBe(180);
    const gems = seen.filter((entity) => entity.kind === Kind.Gem);
    expect(gems.length).toBeGreaterThan(0);
    expect(gems.length).toBeLessThan(90);
    const distance = (entity: { x: number; y: number }): number => Math.hypot(entity.x - (self?.x ?? 0), entity.y - (self?.y ?? 0));
    expect(gems.filter((gem) => distance(gem) > LARGE_ARENA_SIGHT + 1)).toEqual([]);
    // Every fighter and the scoreboard go to everyone, wherever they are.
    expect(seen.filter((entity) => entity.kind === Kind.Fighter).length).toBe(3);
    expect(seen.some((entity) => entity.id === BOARD_ID && entity.kind === Kind.Board)).toBe(true);
  });

  it('a successor host in the large arena keeps every fighter and puts back the gems it was not sent', async () => {
    const { sim, ann } = await arenaMatch(8, { variant: 'large' }, ['Ben', 'Cy']);
    await sim.advance(2_000);
    const fightersBefore = ann.entities().filter((entity) => entity.kind === Kind.Fighter).map(({ id, score }) => ({ id, score }));
    ann.crash();
    await sim.advance(6_000);
    const successor = [sim.player('Ben'), sim.player('Cy')].find((player) => player.match?.role === 'host');
    if (!successor) throw new Error('nobody took over');
    const world = successor.entities();
    expect(world.filter((entity) => entity.kind === Kind.Gem).length).toBe(180);
    const others = fightersBefore.filter((fighter) => fighter.id !== ann.match?.selfSlot && world.some((entity) => entity.id === fighter.id));
    expect(others.length).toBe(2);
    for (const fighter of others) expect(world.find((entity) => entity.id === fighter.id)?.score).toBe(fighter.score);
  });

  it('runs the first variant, interest management off, when the host chooses none', async () => {
    const { sim, ann } = await arenaMatch(4, {}, ['Ben']);
    expect(ann.match?.definition.arena).toEqual(ARENA_SIZE);
    expect(sim.player('Ben').match?.definition.interest).toBeUndefined();
    await sim.advance(1_000);
    expect(sim.player('Ben').entities().filter((entity) => entity.kind === Kind.Gem).length).toBe(30);
  });

  it('keeps a page without the variant out, saying why, and leaves the game to the others', async () => {
    const { sim, code } = await arenaMatch(5, { variant: 'large' }, ['Ben']);
    // Dee's page is an older build: it has only the standard arena.
    const dee = sim.player('Dee', arenaGame());
    const joined = await sim.until(dee.join(code));
    expect(joined.ok).toBe(false);
    if (!joined.ok) expect(joined.reason).toMatch(/"large" version of arena, which this page does not have: reload the page/);
    await sim.advance(500);
    expect(sim.lobby.room(code)?.present.length).toBe(2);
    expect(sim.player('Ben').match?.status).toBe('playing');
  });

  it('refuses to host a variant the page does not offer, before any game is created', async () => {
    const sim = new SimulatedGame({ seed: 6, game: arenaVariants() });
    const hosted = await sim.until(sim.player('Ann').host({ variant: 'huge' }));
    expect(hosted.ok).toBe(false);
    if (!hosted.ok) expect(hosted.reason).toMatch(/"huge"/);
  });

  it('keeps the variant when the lobby restarts and the host re-creates the game', async () => {
    const { sim, code } = await arenaMatch(7, { variant: 'large' }, ['Ben']);
    sim.lobby.restart(2_000);
    await sim.advance(8_000);
    expect(sim.lobby.room(code)?.present.length).toBe(2);
    // A newcomer after the restart is told "large" too.
    const joined = await sim.until(sim.player('Cy').join(code));
    expect(joined.ok).toBe(true);
    expect(sim.player('Cy').match?.definition.arena).toEqual(LARGE_ARENA_SIZE);
  });
});

describe('game variants at the boundaries', () => {
  it('checks variants when the page declares them', () => {
    const game = arenaGame();
    expect(() => defineVariants([])).toThrow(/at least one variant/);
    expect(() => defineVariants([{ id: 'Big', label: 'Big', game }])).toThrow(/1 to 16 of a-z/);
    expect(() => defineVariants([{ id: 'a', label: 'A', game }, { id: 'a', label: 'B', game }])).toThrow(/two variants have the id "a"/);
    expect(() => defineVariants([{ id: 'a', label: ' ', game }])).toThrow(/needs a label/);
    expect(() => defineVariants([{ id: 'a', label: 'A', game }, { id: 'b', label: 'B', game: { ...game, name: 'other' } }])).toThrow(/versions of one game/);
  });

  it('chooses by id; the empty id is the default; a lone definition has only the default', () => {
    const variants = arenaVariants();
    expect(chooseVariant(variants, '')).toEqual({ ok: true, value: variants[0]?.game });
    expect(chooseVariant(variants, 'large')).toEqual({ ok: true, value: variants[1]?.game });
    const lone = arenaGame();
    expect(chooseVariant(lone, '')).toEqual({ ok: true, value: lone });
    expect(chooseVariant(lone, 'large').ok).toBe(false);
  });

  it('the lobby takes a variant id of the right form only, and names it in the invitation', () => {
    expect(parseGameSettings({ variant: 'large' })).toMatchObject({ ok: true, value: { variant: 'large' } });
    expect(parseGameSettings({})).toMatchObject({ ok: true, value: { variant: '' } });
    for (const bad of ['LARGE', 'a'.repeat(17), '../x', 7, null]) {
      const parsed = parseGameSettings({ variant: bad });
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.reason).toMatch(/variant/);
    }
    const invitation = { code: 'ABCDEF', gameName: 'Game', hostName: 'Ann', players: 1, maxPlayers: 16, spectators: 0, status: 'waiting', locked: false };
    expect(parseInvitation({ ...invitation, variant: 'large' })).toMatchObject({ ok: true, value: { variant: 'large' } });
    expect(parseInvitation({ ...invitation, variant: '<b>' }).ok).toBe(false);
  });
});

import type { SimulatedGame } from '../../src/testing/simulated-game.js';

/**
 * `host` hosts a public game in `sim` and every one of `guests` joins it by its code, in order;
 * returns the code. Throws with the lobby's reason if anyone cannot get in.
 */
export async function seatPlayers<State>(sim: SimulatedGame<State>, host: string, guests: readonly string[]): Promise<string> {
  const hosted = await sim.until(sim.player(host).host());
  if (!hosted.ok) throw new Error(hosted.reason);
  const code = hosted.value.code;
  for (const name of guests) {
    const joined = await sim.until(sim.player(name).join(code));
    if (!joined.ok) throw new Error(joined.reason);
  }
  return code;
}

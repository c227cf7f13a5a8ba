import type { Match, MatchPlayer } from '../../src/session/match.js';
import { TICK_RATE } from '../../src/game/tick.js';
import { PLAYER_SPEED } from '../../src/games/tag/world.js';
import { waitFor } from './wait.js';

/** How far a player moves in one tick: the largest jump a migration may cause. */
export const TICK_MOVE = PLAYER_SPEED / TICK_RATE;

/**
 * Samples, every 5 ms, what each surviving match draws of the other survivors, and keeps the
 * largest move beyond what the player's speed allows in the time between two samples.
 */
export function watchJumps(matches: readonly Match[], ignoreName: string): { worstJump(): number; stop(): void } {
  let worst = 0;
  const last = new Map<string, { player: MatchPlayer; at: number }>();
  const timer = setInterval(() => {
    const now = performance.now();
    for (const match of matches) {
      for (const player of match.players()) {
        if (player.isSelf || player.name === ignoreName) continue;
        const key = `${match.selfId}/${player.slot}`;
        const previous = last.get(key);
        if (previous) {
          const allowed = (PLAYER_SPEED * (now - previous.at)) / 1000 + TICK_MOVE;
          worst = Math.max(worst, Math.hypot(player.x - previous.player.x, player.y - previous.player.y) - allowed);
        }
        last.set(key, { player, at: now });
      }
    }
  }, 5);
  return { worstJump: () => worst, stop: () => clearInterval(timer) };
}

/** Waits until one survivor hosts and every survivor plays with it, `players` players in view. */
export async function waitForNewHost(matches: readonly Match[], players: number): Promise<Match> {
  const newHost = (): Match | undefined => matches.find((m) => m.role === 'host');
  await waitFor(
    'a new host that every survivor follows and plays with',
    () => {
      const elected = newHost();
      return !!elected && matches.every((m) => m.status === 'playing' && m.hostClaim.hostId === elected.selfId && m.players().length === players);
    },
    10_000,
  );
  const elected = newHost();
  if (!elected) throw new Error('no host');
  return elected;
}

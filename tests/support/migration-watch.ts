import type { Match, MatchPlayer } from '../../src/session/match.js';
import { TICK_RATE } from '../../src/game/tick.js';
import { PLAYER_SPEED } from '../../src/games/tag/world.js';
import { waitFor } from './wait.js';

/** How far a player moves in one tick: the largest jump a migration may cause. */
export const TICK_MOVE = PLAYER_SPEED / TICK_RATE;

/** The largest jump seen: how far beyond movement, who saw whom, and when (performance.now()). */
export interface WorstJump {
  readonly px: number;
  readonly observer: string;
  readonly slot: number;
  readonly at: number;
}

/**
 * Samples, every 5 ms, what each surviving match draws of the other survivors, and keeps the
 * largest move beyond what the player's speed allows between two samples, with who saw it and
 * when, so that a failure says whether it came with the hand-over or before it. Each match draws
 * at the moment it is asked, so the time allowed runs from just before the earlier drawing to
 * just after the later one: a pause of this process (garbage collection, a busy machine) between
 * two matches' drawings is movement, not a jump.
 */
export function watchJumps(matches: readonly Match[], ignoreName: string): { worst(): WorstJump; stop(): void } {
  let worst: WorstJump = { px: 0, observer: '', slot: 0, at: 0 };
  const last = new Map<string, { player: MatchPlayer; askedAt: number }>();
  const timer = setInterval(() => {
    for (const match of matches) {
      const askedAt = performance.now();
      const drawn = match.players();
      const answeredAt = performance.now();
      for (const player of drawn) {
        if (player.isSelf || player.name === ignoreName) continue;
        const key = `${match.selfId}/${player.slot}`;
        const previous = last.get(key);
        if (previous) {
          const allowed = (PLAYER_SPEED * (answeredAt - previous.askedAt)) / 1000 + TICK_MOVE;
          const px = Math.hypot(player.x - previous.player.x, player.y - previous.player.y) - allowed;
          if (px > worst.px) worst = { px, observer: match.selfId, slot: player.slot, at: answeredAt };
        }
        last.set(key, { player, askedAt });
      }
    }
  }, 5);
  return { worst: () => worst, stop: () => clearInterval(timer) };
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

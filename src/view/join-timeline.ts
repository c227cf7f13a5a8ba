/** The moments of a page's way into a game, in the order they happen. */
export type JoinMoment = 'script' | 'renderer-ready' | 'join-clicked' | 'lobby-entered' | 'playing' | 'players-drawn';

/**
 * When each step of joining happened, in ms since the page's navigation began
 * (`performance.now()`): the page's own script running (download and parse of the entry), the
 * renderer booted (the Phaser chunk loaded and started), Join pressed, the lobby's welcome in
 * hand, the match playing (the link to the host open), the first frame that draws players (the
 * host's first snapshot in: what the player sees of the game). The debug hook
 * shows it, so `npm run bench:join` can say where a join's time goes. The first time counts.
 */
export class JoinTimeline {
  private readonly moments = new Map<JoinMoment, number>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  mark(moment: JoinMoment): void {
    if (!this.moments.has(moment)) this.moments.set(moment, Math.round(this.now()));
  }

  snapshot(): Partial<Record<JoinMoment, number>> {
    return Object.fromEntries(this.moments);
  }
}

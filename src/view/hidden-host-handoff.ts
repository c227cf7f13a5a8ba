import type { Match } from '../session/match.js';

/** How long a host's tab may stay hidden before it hands the game to a visible player. */
const HIDDEN_GRACE_MS = 1_000;

/**
 * Browsers throttle the timers of hidden tabs (Chrome: once a second, later once a minute), and
 * the host's loop runs on timers: a host in a background tab would freeze everyone's game. After
 * a short grace (switching tabs for a moment is common), a hidden host hands authority to the
 * longest-present other player and keeps playing as a client.
 */
export function handOffWhenHidden(document: Document, match: () => Match | undefined): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  document.addEventListener('visibilitychange', () => {
    clearTimeout(timer);
    if (document.visibilityState !== 'hidden') return;
    timer = setTimeout(() => {
      const current = match();
      if (document.visibilityState === 'hidden' && current?.role === 'host') current.stepDown();
    }, HIDDEN_GRACE_MS);
  });
}

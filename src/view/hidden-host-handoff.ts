import type { Match } from '../session/match.js';

/** How long a host's tab may stay hidden before it hands the game to a visible player. */
const HIDDEN_GRACE_MS = 1_000;

/** Whether the match's timers still run on time in a hidden page (see WorkerPacedScheduler). */
export interface BackgroundTimekeeper {
  keepsTime(): boolean;
}

/**
 * A host in a hidden tab keeps hosting while its match keeps time there (a worker paces its loop,
 * pings and snapshots). Where it cannot (no worker, or its beat stopped), the host hands authority
 * to the longest-present other player after a short grace (switching tabs for a moment is common)
 * and keeps playing as a client. A page the browser freezes (Page Lifecycle `freeze`: a background
 * tab frozen to save power, or about to be discarded) hands over at once, if it still can: a
 * frozen page runs nothing, and its peers would otherwise wait out its silence.
 */
export function handOffWhenHidden(document: Document, match: () => Match | undefined, timekeeper?: BackgroundTimekeeper): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stepDownIfHosting = (): void => {
    const current = match();
    if (current?.role === 'host') current.stepDown();
  };
  document.addEventListener('visibilitychange', () => {
    clearTimeout(timer);
    if (document.visibilityState !== 'hidden') return;
    timer = setTimeout(() => {
      if (document.visibilityState === 'hidden' && timekeeper?.keepsTime() !== true) stepDownIfHosting();
    }, HIDDEN_GRACE_MS);
  });
  document.addEventListener('freeze', stepDownIfHosting);
}

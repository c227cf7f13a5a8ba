import type { TestPage } from './browsers/test-page.js';
import { waitFor } from './wait.js';

/**
 * One look at a page, taken inside the page: what its debug hook said and what the person saw
 * (status line, members list, host-only buttons) at that moment.
 */
export interface Observation {
  /** Wall-clock time (Date.now() in the page). */
  readonly at: number;
  /** `performance.timeOrigin` of the document: tells a reloaded page's new document from the old one. */
  readonly document: number;
  readonly status: string;
  readonly role: string | null;
  readonly host: { readonly id: string; readonly epoch: number } | null;
  readonly selfId: string | null;
  /** The slot the page draws itself in (null while it draws no player of its own). */
  readonly selfSlot: number | null;
  /** Every drawn player's slot, by name. */
  readonly slots: Readonly<Record<string, number>>;
  readonly drawnPlayers: number;
  readonly unauthorized: number;
  /** The status line, e.g. "Connected · game ABC123 · client". */
  readonly statusText: string;
  /** The tags on the page's own row of the members list, e.g. " (you)" or " (host, you)". */
  readonly selfTags: string;
  /** Kick buttons shown (only the lobby's host gets them). */
  readonly kickButtons: number;
  /** The host's Start button text, or null when the page shows none. */
  readonly startButton: string | null;
}

/** How often a watched page samples itself: a state that lasts a frame or two is still caught. */
const SAMPLE_MS = 20;
/**
 * Installed into a page by evaluating it: samples the page every SAMPLE_MS from inside (so a
 * short-lived state is caught even when the test process is slow to poll), and returns the
 * samples taken since the previous call. Re-installs itself in a new document (after a reload).
 * A string, not a function: it runs unchanged in the page, whatever the test compiler does.
 */
const DRAIN_SCRIPT = `(() => {
  if (!window.__sessionWatch) {
    const samples = [];
    const take = () => {
      const hook = window.__hostmesh;
      if (!hook) return;
      const s = hook.state();
      const self = s.players.find((p) => p.isSelf);
      const rows = [...document.querySelectorAll('#members li')].map((li) => li.children[1]?.textContent ?? '');
      samples.push({
        at: Date.now(),
        document: performance.timeOrigin,
        status: s.status,
        role: s.role ?? null,
        host: s.host ?? null,
        selfId: s.selfId ?? null,
        selfSlot: self ? self.slot : null,
        slots: Object.fromEntries(s.players.map((p) => [p.name, p.slot])),
        drawnPlayers: s.drawnPlayers,
        unauthorized: s.dropped.unauthorized,
        statusText: document.querySelector('#status')?.textContent ?? '',
        selfTags: rows.find((tags) => tags.includes('you')) ?? '',
        kickButtons: [...document.querySelectorAll('#members button')].filter((b) => b.textContent === 'Kick').length,
        startButton: document.querySelector('#start')?.textContent ?? null,
      });
    };
    take();
    window.__sessionWatch = { samples, timer: setInterval(take, ${SAMPLE_MS}) };
  }
  return window.__sessionWatch.samples.splice(0);
})()`;

/** Ends a page's own sampling (its timer would otherwise run, and its samples pile up, until the page closes). */
const STOP_SCRIPT = `(() => {
  if (window.__sessionWatch) clearInterval(window.__sessionWatch.timer);
  delete window.__sessionWatch;
})()`;

/** How soon a page that did not answer (navigating) is polled again. */
const RETRY_MS = 5;

/** Pages being watched, by label; `stop` ends the watch and returns everything each page was seen doing. */
export interface PageWatch {
  stop(): Promise<Map<string, Observation[]>>;
}

/**
 * Watches every page from now on: each page samples itself every 20 ms, and the test polls
 * every page on its own every `pollMs` (a page that is navigating, or whose new document has no
 * script context yet, is simply polled again). A page that reloads samples itself again from its
 * new document's start (an init script). Resolves once every page has been sampled, so what
 * follows is watched from its start.
 */
export async function watchPages(pages: ReadonlyMap<string, TestPage>, pollMs = 40): Promise<PageWatch> {
  const seen = new Map<string, Observation[]>();
  let running = true;
  const poll = async (label: string, page: TestPage): Promise<void> => {
    const samples: Observation[] = [];
    seen.set(label, samples);
    const drain = async (): Promise<boolean> => {
      try {
        samples.push(...(await page.evaluate<Observation[]>(DRAIN_SCRIPT)));
        return true;
      } catch {
        // Navigating (the old document is gone, the new one not ready) or closed: try again soon,
        // so a new document is watched as early as it can be.
        return false;
      }
    };
    while (running) {
      const answered = await drain();
      await new Promise((resolve) => setTimeout(resolve, answered ? pollMs : RETRY_MS));
    }
    await drain();
  };
  // A page that reloads samples its new document from its first moment, however busy that
  // document's first second is (the test's own poll may not get a turn until it settles).
  const removeInitScripts = await Promise.all([...pages.values()].map((page) => page.addInitScript(DRAIN_SCRIPT)));
  const loops = [...pages].map(([label, page]) => poll(label, page));
  const stop = async (): Promise<Map<string, Observation[]>> => {
    running = false;
    await Promise.all(loops);
    await Promise.all(removeInitScripts.map((remove) => remove().catch(() => undefined)));
    await Promise.all([...pages.values()].map((page) => page.evaluate(STOP_SCRIPT).catch(() => undefined)));
    return seen;
  };
  try {
    for (const label of pages.keys()) await waitFor(`${label}'s page to be sampled`, () => (seen.get(label)?.length ?? 0) > 0);
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}

/** One observation in a line, for failure messages. */
export function describeObservation(label: string, seen: Observation): string {
  const { at, status, role, host, selfSlot, slots, statusText, selfTags, kickButtons, startButton } = seen;
  return `${label} at ${new Date(at).toISOString()}: ${JSON.stringify({ status, role, host, selfSlot, slots, statusText, selfTags, kickButtons, startButton })}`;
}

/**
 * A page's run of statuses and roles as it went through them, with how many samples each lasted
 * (about 20 ms each), e.g. "lobby/- ×9 → migrating/client ×14 → playing/client ×80": what a
 * reloading page went through, for the test's log.
 */
export function statusTrace(observations: readonly Observation[]): string {
  const runs: { label: string; count: number }[] = [];
  for (const { status, role } of observations) {
    const label = `${status}/${role ?? '-'}`;
    const last = runs[runs.length - 1];
    if (last?.label === label) last.count += 1;
    else runs.push({ label, count: 1 });
  }
  return runs.map(({ label, count }) => `${label} ×${count}`).join(' → ');
}

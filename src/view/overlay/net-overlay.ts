import type { NetworkSimulator } from '../../net/sim/network-simulator.js';
import { element } from '../dom.js';
import { isTyping } from '../controls.js';
import { netOverlayModel, type NetOverlayInput } from './net-overlay-model.js';
import { netsimPanel } from './netsim-panel.js';

/** Keys that show and hide the overlay (physical keys: ` left of 1, and F3 as in many games). */
export const OVERLAY_KEYS: ReadonlySet<string> = new Set(['Backquote', 'F3']);
const REFRESH_MS = 250;

function table(columns: readonly string[], rows: readonly (readonly string[])[]): HTMLTableElement {
  const head = element('tr', {}, ...columns.map((column) => element('th', { textContent: column })));
  const body = rows.map((row) => element('tr', {}, ...row.map((cell) => element('td', { textContent: cell }))));
  return element('table', {}, element('thead', {}, head), element('tbody', {}, ...body));
}

/**
 * The net overlay: per-peer RTT, jitter, loss and traffic, replication numbers and who hosts,
 * plus the network simulator panel. Hidden until ` or F3; refreshed four times a second only
 * while shown. `read` returns undefined outside a game.
 */
export function netOverlay(
  parent: HTMLElement,
  read: () => NetOverlayInput | undefined,
  simulator: NetworkSimulator | undefined,
  target: Window = window,
): { toggle(): void; dispose(): void } {
  const stats = element('div', { id: 'net-overlay-stats' });
  const root = element('aside', { id: 'net-overlay' }, stats, ...(simulator ? [netsimPanel(simulator)] : []));
  root.hidden = true;
  parent.append(root);
  let timer: ReturnType<typeof setInterval> | undefined;
  const render = (): void => {
    const input = read();
    if (!input) {
      stats.replaceChildren(element('div', { textContent: 'not in a game' }));
      return;
    }
    const model = netOverlayModel(input);
    stats.replaceChildren(...model.summary.map((line) => element('div', { textContent: line })), table(model.columns, model.rows));
  };
  const toggle = (): void => {
    root.hidden = !root.hidden;
    clearInterval(timer);
    if (root.hidden) return;
    render();
    timer = setInterval(render, REFRESH_MS);
  };
  const onKey = (event: KeyboardEvent): void => {
    if (!OVERLAY_KEYS.has(event.code) || isTyping(event.target)) return;
    event.preventDefault();
    toggle();
  };
  target.addEventListener('keydown', onKey);
  return {
    toggle,
    dispose: () => {
      clearInterval(timer);
      target.removeEventListener('keydown', onKey);
      root.remove();
    },
  };
}

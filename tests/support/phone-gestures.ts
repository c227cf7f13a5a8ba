import type { PhonePage } from './browsers/chromium.js';

/**
 * Puts a finger on the arena's centre and drags it by (dx, dy) CSS pixels in eight steps, as a
 * thumb does; the finger stays down until the returned function lifts it.
 */
export async function dragOnArena(phone: PhonePage, dx: number, dy: number): Promise<() => Promise<void>> {
  const arena = await phone.box('#arena');
  const [x, y] = [arena.x + arena.width / 2, arena.y + arena.height / 2];
  await phone.touchStart(0, x, y);
  for (let step = 1; step <= 8; step += 1) await phone.touchMove(0, x + (dx * step) / 8, y + (dy * step) / 8);
  return () => phone.touchEnd(0);
}

/** The page fits its screen: nothing wider than the viewport (no sideways scrolling, no zoomed-out page). */
export function fitsScreen(phone: PhonePage): Promise<boolean> {
  return phone.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
}

/** A rectangle of the arena, in arena pixels. */
export interface ViewBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A marker on the screen's edge: where it sits (screen pixels) and the direction it points (radians). */
export interface EdgeMarker {
  readonly x: number;
  readonly y: number;
  readonly angle: number;
}

/**
 * What a camera that follows `at` shows of an arena larger than the screen: the screen centred on
 * it, held inside the arena's edges (as the scene's camera does with its bounds).
 */
export function followedView(at: { readonly x: number; readonly y: number }, screen: { readonly width: number; readonly height: number }, arena: { readonly width: number; readonly height: number }): ViewBox {
  const start = (centre: number, size: number, extent: number): number => Math.min(Math.max(0, extent - size), Math.max(0, centre - size / 2));
  return { x: start(at.x, screen.width, arena.width), y: start(at.y, screen.height, arena.height), width: screen.width, height: screen.height };
}

/**
 * Where to show a fighter that is outside `view`: on the line from the view's centre towards it,
 * `inset` pixels inside the screen's edge, pointing at it; undefined while it is in view. In a
 * large arena this is how players find each other.
 */
export function edgeMarker(view: ViewBox, target: { readonly x: number; readonly y: number }, inset: number): EdgeMarker | undefined {
  const inside = target.x >= view.x && target.x <= view.x + view.width && target.y >= view.y && target.y <= view.y + view.height;
  if (inside) return undefined;
  const halfWidth = view.width / 2 - inset;
  const halfHeight = view.height / 2 - inset;
  const dx = target.x - (view.x + view.width / 2);
  const dy = target.y - (view.y + view.height / 2);
  // The largest step along (dx, dy) that stays within the inset rectangle around the centre.
  const scale = Math.min(dx === 0 ? Infinity : halfWidth / Math.abs(dx), dy === 0 ? Infinity : halfHeight / Math.abs(dy));
  return { x: view.width / 2 + dx * scale, y: view.height / 2 + dy * scale, angle: Math.atan2(dy, dx) };
}

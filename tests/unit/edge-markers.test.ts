import { describe, expect, it } from 'vitest';
import { edgeMarker, followedView } from '../../src/games/arena/edge-markers.js';

const SCREEN = { width: 960, height: 540 };
const ARENA = { width: 2400, height: 1344 };

describe('off-screen markers in a large arena', () => {
  it('the followed view centres on the fighter and stops at the arena edges', () => {
    expect(followedView({ x: 1200, y: 672 }, SCREEN, ARENA)).toEqual({ x: 720, y: 402, width: 960, height: 540 });
    expect(followedView({ x: 10, y: 1340 }, SCREEN, ARENA)).toEqual({ x: 0, y: 804, width: 960, height: 540 });
    expect(followedView({ x: 2399, y: 0 }, SCREEN, ARENA)).toEqual({ x: 1440, y: 0, width: 960, height: 540 });
    // An arena smaller than the screen: the view starts at its corner.
    expect(followedView({ x: 300, y: 200 }, SCREEN, { width: 600, height: 400 })).toMatchObject({ x: 0, y: 0 });
  });

  it('no marker for a fighter on the screen, edges included', () => {
    const view = followedView({ x: 1200, y: 672 }, SCREEN, ARENA);
    expect(edgeMarker(view, { x: 1200, y: 672 }, 14)).toBeUndefined();
    expect(edgeMarker(view, { x: view.x, y: view.y }, 14)).toBeUndefined();
    expect(edgeMarker(view, { x: view.x + view.width, y: view.y + view.height }, 14)).toBeUndefined();
  });

  it('a fighter off the screen gets a marker inside the edge, on the way to it, pointing at it', () => {
    const view = followedView({ x: 1200, y: 672 }, SCREEN, ARENA);
    // Straight to the right: the right edge, level with the centre, pointing right.
    const right = edgeMarker(view, { x: 2300, y: 672 }, 14);
    expect(right).toEqual({ x: 946, y: 270, angle: 0 });
    // Straight up: the top edge.
    const up = edgeMarker(view, { x: 1200, y: 20 }, 14);
    expect(up?.x).toBeCloseTo(480);
    expect(up?.y).toBeCloseTo(14);
    expect(up?.angle).toBeCloseTo(-Math.PI / 2);
    // Far down and to the left: on the screen's edge (inset), along the line from the centre.
    const target = { x: 100, y: 1300 };
    const marker = edgeMarker(view, target, 14);
    if (!marker) throw new Error('expected a marker');
    const onLeft = Math.abs(marker.x - 14) < 1e-9;
    const onBottom = Math.abs(marker.y - (540 - 14)) < 1e-9;
    expect(onLeft || onBottom).toBe(true);
    expect(marker.x).toBeGreaterThanOrEqual(14);
    expect(marker.y).toBeLessThanOrEqual(540 - 14);
    const fromCentre = { x: target.x - (view.x + 480), y: target.y - (view.y + 270) };
    expect(Math.atan2(marker.y - 270, marker.x - 480)).toBeCloseTo(Math.atan2(fromCentre.y, fromCentre.x));
    expect(marker.angle).toBeCloseTo(Math.atan2(fromCentre.y, fromCentre.x));
  });
});

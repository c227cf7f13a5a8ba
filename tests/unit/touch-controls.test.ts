import { describe, expect, it } from 'vitest';
import { Controls } from '../../src/view/controls.js';
import { TouchControls } from '../../src/view/touch-controls.js';

const ARROWS = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'];

function setUp(taps: boolean): { controls: Controls; touch: TouchControls; held: () => string[] } {
  const controls = new Controls(new EventTarget(), new Set(ARROWS));
  const touch = new TouchControls(controls, taps);
  return { controls, touch, held: () => ARROWS.filter((code) => controls.isDown(code)) };
}

const at = (id: number, x: number, y: number, cssToArena = 1) => ({ id, at: { x, y }, screen: { x, y }, cssToArena });

describe('touch controls: drag to move, tap to zap', () => {
  it('steers with a floating stick in eight directions, its centre following a finger that pulls past the ring', () => {
    const { controls, touch, held } = setUp(false);
    touch.down(at(1, 100, 100));
    expect(held()).toEqual([]);
    touch.move(at(1, 160, 100));
    expect(held()).toEqual(['ArrowRight']);
    expect(touch.stick).toEqual({ centre: { x: 112, y: 100 }, knob: { x: 160, y: 100 }, radius: 48 });
    touch.move(at(1, 150, 140)); // down and to the right of the dragged centre
    expect(held()).toEqual(['ArrowDown', 'ArrowRight']);
    touch.move(at(1, 112, 40));
    controls.endSample();
    expect(held()).toEqual(['ArrowUp']);
    touch.up(at(1, 112, 40));
    controls.endSample();
    expect(held()).toEqual([]);
    expect(touch.stick).toBeUndefined();
    expect(controls.pointerDown).toBe(false); // a game without aiming never sees taps
  });

  it('steers by where the finger is on the screen, not in the arena, so a camera following the player does not move the stick', () => {
    const { controls, touch, held } = setUp(true);
    // The camera scrolls 300 px right while the finger holds still on the screen: in arena
    // pixels the finger moved 300 px, on the screen it did not.
    touch.down({ id: 1, at: { x: 100, y: 100 }, screen: { x: 100, y: 100 }, cssToArena: 1 });
    touch.move({ id: 1, at: { x: 100, y: 160 }, screen: { x: 100, y: 160 }, cssToArena: 1 });
    expect(held()).toEqual(['ArrowDown']);
    touch.move({ id: 1, at: { x: 400, y: 160 }, screen: { x: 100, y: 160 }, cssToArena: 1 });
    controls.endSample();
    expect(held()).toEqual(['ArrowDown']);
    expect(touch.stick?.knob).toEqual({ x: 100, y: 160 });
    // A second finger's tap aims in the arena, where the camera shows it.
    touch.down({ id: 2, at: { x: 700, y: 300 }, screen: { x: 400, y: 300 }, cssToArena: 1 });
    expect(controls.pointer).toEqual({ x: 700, y: 300 });
    expect(controls.pointerDown).toBe(true);
  });

  it('ignores a finger resting within the dead zone, measured in CSS pixels at the arena\'s scale', () => {
    const { touch, held } = setUp(true);
    touch.down(at(1, 100, 100, 2));
    touch.move(at(1, 115, 100, 2)); // 7.5 CSS pixels
    expect(held()).toEqual([]);
    expect(touch.stick).toBeUndefined();
    touch.move(at(1, 130, 100, 2)); // 15 CSS pixels: a drag
    expect(held()).toEqual(['ArrowRight']);
  });

  it('a tap aims at the spot and zaps once as the finger lifts; a drag never zaps', () => {
    const { controls, touch, held } = setUp(true);
    touch.down(at(1, 300, 200));
    expect(controls.pointerDown).toBe(false);
    touch.up(at(1, 302, 201));
    expect(controls.pointer).toEqual({ x: 302, y: 201 });
    expect(controls.pointerDown).toBe(true); // counted for the next sample even though already lifted
    controls.endSample();
    expect(controls.pointerDown).toBe(false);
    touch.down(at(2, 100, 100));
    touch.move(at(2, 100, 160));
    touch.up(at(2, 100, 160));
    expect(controls.pointerDown).toBe(false);
    controls.endSample();
    expect(held()).toEqual([]);
  });

  it('while one finger steers, a second finger zaps at once where it touches and aims as it moves', () => {
    const { controls, touch, held } = setUp(true);
    touch.down(at(1, 100, 400));
    touch.move(at(1, 140, 360));
    expect(held()).toEqual(['ArrowUp', 'ArrowRight']);
    touch.down(at(2, 700, 200));
    expect([controls.pointerDown, controls.pointer]).toEqual([true, { x: 700, y: 200 }]);
    touch.move(at(2, 720, 180));
    expect(controls.pointer).toEqual({ x: 720, y: 180 });
    touch.up(at(2, 720, 180));
    controls.endSample();
    expect(controls.pointerDown).toBe(false);
    expect(held()).toEqual(['ArrowUp', 'ArrowRight']); // still steering
  });
});

import { describe, expect, it } from 'vitest';
import { Controls } from '../../src/view/controls.js';
import { gamepadKeys, GamepadControls, type GamepadState } from '../../src/view/gamepad-controls.js';

const ARENA_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'KeyW', 'Space']);

function pad(axes: readonly number[], pressed: readonly number[] = [], connected = true): GamepadState {
  return { connected, axes, buttons: Array.from({ length: 17 }, (_, i) => ({ pressed: pressed.includes(i) })) };
}

describe('gamepads', () => {
  it('hold the arrow keys with the left stick or the d-pad, and Space with A, past a dead zone', () => {
    expect(gamepadKeys(pad([0.2, -0.3]), ARENA_KEYS)).toEqual([]);
    expect(gamepadKeys(pad([-0.9, 0.8]), ARENA_KEYS).sort()).toEqual(['ArrowDown', 'ArrowLeft']);
    expect(gamepadKeys(pad([0, 0], [12, 15]), ARENA_KEYS).sort()).toEqual(['ArrowRight', 'ArrowUp']);
    expect(gamepadKeys(pad([0, 0], [0]), ARENA_KEYS)).toEqual(['Space']);
    // A game that does not read Space (Tag) ignores A.
    expect(gamepadKeys(pad([0, 0], [0]), new Set(['ArrowUp']))).toEqual([]);
  });

  it('press the game keys on Controls from the first connected pad, and let go when it does', () => {
    const controls = new Controls(new EventTarget(), ARENA_KEYS);
    const pads: (GamepadState | null)[] = [null, pad([0, 0], [], false), pad([1, 0], [0])];
    const gamepads = new GamepadControls({ getGamepads: () => pads }, controls, ARENA_KEYS);
    gamepads.poll();
    expect(['ArrowRight', 'Space', 'ArrowLeft'].map((key) => controls.isDown(key))).toEqual([true, true, false]);
    controls.endSample();
    pads[2] = pad([0, 0]);
    gamepads.poll();
    expect(controls.isDown('ArrowRight')).toBe(false);
    // A flick between two samples still counts once, like a key tap.
    pads[2] = pad([0, -1]);
    gamepads.poll();
    pads[2] = pad([0, 0]);
    gamepads.poll();
    expect(controls.isDown('ArrowUp')).toBe(true);
    controls.endSample();
    expect(controls.isDown('ArrowUp')).toBe(false);
    // No gamepad API at all: nothing happens.
    new GamepadControls(undefined, controls, ARENA_KEYS).poll();
    expect(controls.isDown('ArrowUp')).toBe(false);
  });
});

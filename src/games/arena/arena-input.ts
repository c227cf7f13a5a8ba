import type { Controls, Position } from 'hostmesh';

/**
 * Zap Arena's input, packed in 16 bits: movement in bits 0–3, the trigger in bit 4, and the aim
 * as 1/256 of a turn in bits 8–15. Bits 5–7 are always zero; the host refuses anything else.
 */
export const Move = { Up: 1, Down: 2, Left: 4, Right: 8 } as const;
export const FIRE = 16;
const AIM_SHIFT = 8;
const AIM_STEPS = 256;
const TURN = Math.PI * 2;

export interface ArenaInput {
  readonly dx: number;
  readonly dy: number;
  readonly fire: boolean;
  /** Radians. */
  readonly aim: number;
}

export function packInput(buttons: number, fire: boolean, aim: number): number {
  const step = Math.round((((aim % TURN) + TURN) % TURN) / TURN * AIM_STEPS) % AIM_STEPS;
  return (buttons & 0x0f) | (fire ? FIRE : 0) | (step << AIM_SHIFT);
}

export function unpackInput(input: number): ArenaInput {
  return {
    dx: (input & Move.Right ? 1 : 0) - (input & Move.Left ? 1 : 0),
    dy: (input & Move.Down ? 1 : 0) - (input & Move.Up ? 1 : 0),
    fire: (input & FIRE) !== 0,
    aim: ((input >> AIM_SHIFT) & 0xff) / AIM_STEPS * TURN,
  };
}

export function isValidArenaInput(input: number): boolean {
  return Number.isInteger(input) && input >= 0 && input <= 0xffff && (input & 0xe0) === 0;
}

const KEY_TO_MOVE: Readonly<Record<string, number>> = {
  ArrowUp: Move.Up,
  KeyW: Move.Up,
  ArrowDown: Move.Down,
  KeyS: Move.Down,
  ArrowLeft: Move.Left,
  KeyA: Move.Left,
  ArrowRight: Move.Right,
  KeyD: Move.Right,
};

/** The keys the arena reads: movement, and Space to zap. */
export const ARENA_KEYS: readonly string[] = [...Object.keys(KEY_TO_MOVE), 'Space'];

/**
 * Keys move; the pointer aims (relative to our own player) and its button or Space zaps. Without
 * a pointer the aim follows the last movement direction, so keyboard-only play works too.
 */
export function readArenaInput(controls: Controls, self: Position | undefined, lastAim: { value: number }): number {
  let buttons = 0;
  for (const [code, bit] of Object.entries(KEY_TO_MOVE)) if (controls.isDown(code)) buttons |= bit;
  const pointer = controls.pointer;
  const { dx, dy } = unpackInput(buttons);
  if (pointer && self) lastAim.value = Math.atan2(pointer.y - self.y, pointer.x - self.x);
  else if (dx !== 0 || dy !== 0) lastAim.value = Math.atan2(dy, dx);
  return packInput(buttons, controls.isDown('Space') || controls.pointerDown, lastAim.value);
}

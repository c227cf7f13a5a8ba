import type { Controls } from './controls.js';

/** What a gamepad reports, as the Gamepad API gives it (standard mapping). */
export interface GamepadState {
  readonly connected: boolean;
  readonly axes: readonly number[];
  readonly buttons: readonly { readonly pressed: boolean }[];
}

/** Where the gamepads come from: `navigator` in a page, a fake in tests. */
export interface GamepadSource {
  getGamepads(): readonly (GamepadState | null)[];
}

/** How far a stick must lean before it counts: worn sticks rest a little off centre. */
const DEAD_ZONE = 0.35;
/** The standard mapping's face button A (Xbox) / cross (PlayStation), and its d-pad. */
const BUTTON_A = 0;
const DPAD = { up: 12, down: 13, left: 14, right: 15 } as const;

/**
 * The keys a gamepad holds for a game: the left stick and the d-pad as arrow keys, A as Space.
 * Only keys the game reads count, so a game without Space (Tag) ignores A.
 */
export function gamepadKeys(pad: GamepadState, gameKeys: ReadonlySet<string>): string[] {
  const [x = 0, y = 0] = pad.axes;
  const pressed = (button: number): boolean => pad.buttons[button]?.pressed === true;
  const keys = new Set<string>();
  if (x < -DEAD_ZONE || pressed(DPAD.left)) keys.add('ArrowLeft');
  if (x > DEAD_ZONE || pressed(DPAD.right)) keys.add('ArrowRight');
  if (y < -DEAD_ZONE || pressed(DPAD.up)) keys.add('ArrowUp');
  if (y > DEAD_ZONE || pressed(DPAD.down)) keys.add('ArrowDown');
  if (pressed(BUTTON_A)) keys.add('Space');
  return [...keys].filter((key) => gameKeys.has(key));
}

/**
 * Plays with a gamepad (the Gamepad API): every sample, the first connected pad's keys are held
 * on `controls`, so any game that reads arrow keys (and Space) plays with one, without code of
 * its own. The API has no events for sticks and buttons; it is polled when input is read.
 */
export class GamepadControls {
  constructor(
    private readonly source: GamepadSource | undefined,
    private readonly controls: Controls,
    private readonly gameKeys: ReadonlySet<string>,
  ) {}

  /** Reads the pads now; call before the game reads its input. */
  poll(): void {
    if (!this.source) return;
    const pad = this.source.getGamepads().find((candidate) => candidate?.connected === true);
    this.controls.holdFrom('gamepad', pad ? gamepadKeys(pad, this.gameKeys) : []);
  }
}

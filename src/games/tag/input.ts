/**
 * Player input as a bit set of held buttons: one small integer per sample keeps input packets
 * tiny, so each packet can afford to repeat the last few samples.
 */
export const Button = {
  Up: 1,
  Down: 2,
  Left: 4,
  Right: 8,
} as const;

/** Every bit a movement input may carry; anything else is rejected by the host. */
export const ALL_BUTTONS = Button.Up | Button.Down | Button.Left | Button.Right;

/** True when `buttons` only uses known bits. */
export function isValidButtons(buttons: number): boolean {
  return Number.isInteger(buttons) && (buttons & ~ALL_BUTTONS) === 0 && buttons >= 0;
}

/** The movement direction the buttons ask for: −1, 0 or 1 per axis. */
export function direction(buttons: number): { dx: number; dy: number } {
  return {
    dx: (buttons & Button.Right ? 1 : 0) - (buttons & Button.Left ? 1 : 0),
    dy: (buttons & Button.Down ? 1 : 0) - (buttons & Button.Up ? 1 : 0),
  };
}

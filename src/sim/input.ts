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

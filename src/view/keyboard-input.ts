import { Button } from '../sim/input.js';

const KEY_TO_BUTTON: Readonly<Record<string, number>> = {
  ArrowUp: Button.Up,
  KeyW: Button.Up,
  ArrowDown: Button.Down,
  KeyS: Button.Down,
  ArrowLeft: Button.Left,
  KeyA: Button.Left,
  ArrowRight: Button.Right,
  KeyD: Button.Right,
};

/**
 * True when a key event goes to a text field (the chat box, a name): such keys are text, not
 * game controls. Every key handler of the game (movement, push-to-talk, overlay) checks it.
 */
export function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
}

/**
 * Held movement keys as a button bit set. Listens on the window rather than the canvas so play
 * does not depend on which element has focus, and ignores keys typed into text fields. Uses
 * `code` (physical key) so WASD works on any keyboard layout.
 */
export class KeyboardInput {
  private readonly held = new Set<string>();
  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (isTyping(event.target) || !(event.code in KEY_TO_BUTTON)) return;
    this.held.add(event.code);
    event.preventDefault();
  };
  private readonly onKeyUp = (event: KeyboardEvent): void => {
    this.held.delete(event.code);
  };
  private readonly onBlur = (): void => {
    this.held.clear();
  };

  constructor(private readonly target: Window) {
    target.addEventListener('keydown', this.onKeyDown);
    target.addEventListener('keyup', this.onKeyUp);
    target.addEventListener('blur', this.onBlur);
  }

  /** The buttons held right now. */
  buttons(): number {
    let bits = 0;
    for (const code of this.held) bits |= KEY_TO_BUTTON[code] ?? 0;
    return bits;
  }

  dispose(): void {
    this.target.removeEventListener('keydown', this.onKeyDown);
    this.target.removeEventListener('keyup', this.onKeyUp);
    this.target.removeEventListener('blur', this.onBlur);
  }
}

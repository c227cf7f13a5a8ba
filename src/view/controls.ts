import type { Position } from '../game/definition.js';

/**
 * True when a key event goes to a text field (the chat box, a name): such keys are text, not
 * game controls. Every key handler of the game (controls, push-to-talk, overlay) checks it.
 */
export function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
}

/** Devices that press the game's keys for the player, besides the keyboard. */
export type ControlDevice = 'touch' | 'gamepad';

/**
 * What the player holds right now: keys by `KeyboardEvent.code` (the physical key, so WASD works
 * on any keyboard layout) and the pointer in arena pixels. Listens on the window rather than the
 * canvas so play does not depend on which element has focus, and ignores keys typed into text
 * fields (the chat box). A game's `readInput` turns this into its input number.
 */
export class Controls {
  private readonly held = new Set<string>();
  /** The keys other devices hold for the player: the touch stick (TouchControls), a gamepad (GamepadControls). */
  private readonly deviceKeys = new Map<ControlDevice, ReadonlySet<string>>();
  /** Keys pressed since the last sample, even if already released: a quick tap is never lost. */
  private readonly tapped = new Set<string>();
  private pointerAt: Position | undefined;
  private pointerHeld = false;
  private pointerTapped = false;
  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (isTyping(event.target) || !this.gameKeys.has(event.code)) return;
    this.held.add(event.code);
    this.tapped.add(event.code);
    event.preventDefault();
  };
  private readonly onKeyUp = (event: KeyboardEvent): void => {
    this.held.delete(event.code);
  };
  private readonly onBlur = (): void => {
    this.held.clear();
    this.deviceKeys.clear();
    this.pointerHeld = false;
  };

  /** `gameKeys`: the codes the game uses; only these are captured (and kept from scrolling the page). */
  constructor(
    /** The window (any EventTarget in tests: only its key and blur events are used). */
    private readonly target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
    private readonly gameKeys: ReadonlySet<string>,
  ) {
    target.addEventListener('keydown', this.onKeyDown);
    target.addEventListener('keyup', this.onKeyUp);
    target.addEventListener('blur', this.onBlur);
  }

  /**
   * True while the key with this `code` (e.g. `KeyW`, `Space`, `ArrowLeft`) is held, or when it
   * was pressed since the last sample: a tap shorter than a tick (or than a stalled frame) counts.
   */
  isDown(code: string): boolean {
    if (this.held.has(code) || this.tapped.has(code)) return true;
    for (const keys of this.deviceKeys.values()) if (keys.has(code)) return true;
    return false;
  }

  /**
   * `device` now holds exactly these keys (the touch stick's arrow keys, a gamepad's arrows and
   * Space): games read them as if typed. A flick shorter than a tick still counts once.
   */
  holdFrom(device: ControlDevice, codes: readonly string[]): void {
    for (const code of codes) this.tapped.add(code);
    this.deviceKeys.set(device, new Set(codes));
  }

  /** The engine took this tick's input: taps now count only if still held. */
  endSample(): void {
    this.tapped.clear();
    this.pointerTapped = false;
  }

  /** Where the pointer is over the arena, in arena pixels (undefined before it moved there). */
  get pointer(): Position | undefined {
    return this.pointerAt;
  }

  /** True while the primary pointer button is held over the arena, or was clicked since the last sample. */
  get pointerDown(): boolean {
    return this.pointerHeld || this.pointerTapped;
  }

  /** Called by the scene as the pointer moves over the arena. */
  setPointer(at: Position, down: boolean): void {
    this.pointerAt = at;
    if (down && !this.pointerHeld) this.pointerTapped = true;
    this.pointerHeld = down;
  }

  dispose(): void {
    this.target.removeEventListener('keydown', this.onKeyDown);
    this.target.removeEventListener('keyup', this.onKeyUp);
    this.target.removeEventListener('blur', this.onBlur);
  }
}

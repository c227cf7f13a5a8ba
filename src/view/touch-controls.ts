import type { Position } from '../game/definition.js';
import type { Controls } from './controls.js';

/** A finger must travel this far (CSS pixels) before a touch counts as a drag rather than a tap. */
const DRAG_START_CSS_PX = 10;
/** The stick's ring: pulling further drags its centre along, so turning back is instant. */
const STICK_RADIUS_CSS_PX = 48;
/** sin 22.5°: a direction counts on an axis within ±67.5° of it, so the stick has eight directions. */
const AXIS_SHARE = 0.383;

/**
 * One finger on the arena: `at` in arena pixels (where a tap aims), `screen` in the canvas's own
 * pixels before the camera (the stick lives there: a camera following the player must not drag
 * it along); `cssToArena` converts CSS pixels to canvas pixels at the current scale.
 */
export interface Touch {
  readonly id: number;
  readonly at: Position;
  readonly screen: Position;
  readonly cssToArena: number;
}

/** What the stick looks like now, in canvas pixels (the scene draws it, fixed to the screen). */
export interface StickShape {
  readonly centre: Position;
  readonly knob: Position;
  readonly radius: number;
}

interface Finger {
  readonly id: number;
  readonly start: Position;
  role: 'pending' | 'stick' | 'aim';
  centre: Position;
  knob: Position;
  /** The ring's radius in arena pixels at the scale of the last move. */
  radius: number;
}

/**
 * Touch play for any game, on top of the keyboard controls: **drag to move** (a floating stick
 * appears where the finger went down and holds the arrow keys its direction points to) and, in a
 * game that aims with the pointer, **tap to zap** (a tap aims at the spot and presses the pointer
 * button, as a click does). With one finger a touch that moves is a drag and one that lifts first
 * is a tap (it fires as the finger lifts); while a finger drags, a second finger's touch fires at
 * once. Games need no code of their own: they read the arrow keys and the pointer as before.
 */
export class TouchControls {
  private readonly fingers = new Map<number, Finger>();

  constructor(
    private readonly controls: Controls,
    /** The game aims with the pointer (see GameView.aimsWithPointer): taps aim and zap. */
    private readonly taps: boolean,
  ) {}

  down({ id, at, screen }: Touch): void {
    const dragging = [...this.fingers.values()].some((finger) => finger.role === 'stick');
    const finger: Finger = { id, start: screen, role: 'pending', centre: screen, knob: screen, radius: 0 };
    this.fingers.set(id, finger);
    if (dragging && this.taps) {
      finger.role = 'aim';
      this.controls.setPointer(at, true);
    } else if (!this.taps) {
      finger.role = 'stick'; // nothing to tap in this game: every touch steers
    }
  }

  move({ id, at, screen, cssToArena }: Touch): void {
    const finger = this.fingers.get(id);
    if (!finger) return;
    if (finger.role === 'aim') {
      this.controls.setPointer(at, true);
      return;
    }
    if (finger.role === 'pending' && distance(finger.start, screen) >= DRAG_START_CSS_PX * cssToArena) finger.role = 'stick';
    if (finger.role !== 'stick') return;
    const radius = STICK_RADIUS_CSS_PX * cssToArena;
    finger.radius = radius;
    const reach = distance(finger.centre, screen);
    if (reach > radius) {
      const pull = (reach - radius) / reach;
      finger.centre = { x: finger.centre.x + (screen.x - finger.centre.x) * pull, y: finger.centre.y + (screen.y - finger.centre.y) * pull };
    }
    finger.knob = screen;
    this.steer(finger, DRAG_START_CSS_PX * cssToArena);
  }

  up({ id, at }: Touch): void {
    const finger = this.fingers.get(id);
    if (!finger) return;
    this.fingers.delete(id);
    if (finger.role === 'stick') this.controls.holdFrom('touch', []);
    else if (this.taps) {
      // A tap (or the end of a second finger's touch): aim there; a tap fires as it lifts.
      this.controls.setPointer(at, finger.role === 'pending');
      this.controls.setPointer(at, false);
    }
  }

  /** The stick being dragged, if any, for drawing. */
  get stick(): StickShape | undefined {
    for (const finger of this.fingers.values()) {
      if (finger.role === 'stick') return { centre: finger.centre, knob: finger.knob, radius: finger.radius };
    }
    return undefined;
  }

  /** Holds the arrow keys the stick points to (none inside the dead zone). */
  private steer(finger: Finger, deadZone: number): void {
    const dx = finger.knob.x - finger.centre.x;
    const dy = finger.knob.y - finger.centre.y;
    const length = Math.hypot(dx, dy);
    if (length < deadZone) {
      this.controls.holdFrom('touch', []);
      return;
    }
    const [ux, uy] = [dx / length, dy / length];
    const keys: string[] = [];
    if (ux > AXIS_SHARE) keys.push('ArrowRight');
    if (ux < -AXIS_SHARE) keys.push('ArrowLeft');
    if (uy > AXIS_SHARE) keys.push('ArrowDown');
    if (uy < -AXIS_SHARE) keys.push('ArrowUp');
    this.controls.holdFrom('touch', keys);
  }
}

function distance(a: Position, b: Position): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

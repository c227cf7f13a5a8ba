import type { Position } from '../game/definition.js';
import type { InputHistory } from './input-history.js';

/** One simulation step of the local player, the same function the host runs. */
export type PredictStep = (position: Position, input: number) => Position;

/** Corrections larger than this are teleports (respawn, push): shown at once, not smoothed. */
const SNAP_DISTANCE = 48;
/** Time constant of the correction's exponential fade. 200 ms is five of them: < 1 % remains. */
const FADE_MS = 40;
/** Below this, the remaining correction is invisible and set to exactly zero. */
const ZERO_DISTANCE = 0.5;

/**
 * Client-side prediction of the local player with reconciliation. The player moves at once on
 * its own input; when the host's state arrives (with the newest input it applied), the
 * prediction restarts from it and replays the inputs the host has not seen yet. The difference
 * from what was on screen becomes an offset that fades out within ~200 ms, so corrections are
 * smooth instead of a jump.
 */
export class PlayerPredictor {
  private predicted: Position | undefined;
  private offsetX = 0;
  private offsetY = 0;

  constructor(private readonly step: PredictStep) {}

  /** Advances the prediction by one tick of local input. */
  advance(input: number): void {
    if (this.predicted) this.predicted = this.step(this.predicted, input);
  }

  /**
   * Restarts from the host's authoritative position, which includes the local inputs up to
   * `inputAck`, and replays the later ones from `history`.
   */
  reconcile(authoritative: Position, inputAck: number, history: InputHistory): void {
    let replayed = authoritative;
    for (let seq = inputAck + 1; seq <= history.newest; seq += 1) {
      const input = history.inputAt(seq);
      if (input === undefined) continue;
      replayed = this.step(replayed, input);
    }
    const shown = this.position;
    this.predicted = replayed;
    if (!shown) return;
    this.offsetX = shown.x - replayed.x;
    this.offsetY = shown.y - replayed.y;
    if (Math.hypot(this.offsetX, this.offsetY) > SNAP_DISTANCE) this.clearOffset();
  }

  /** Fades the correction offset by `elapsedMs`. */
  fade(elapsedMs: number): void {
    const factor = Math.exp(-elapsedMs / FADE_MS);
    this.offsetX *= factor;
    this.offsetY *= factor;
    if (Math.hypot(this.offsetX, this.offsetY) < ZERO_DISTANCE) this.clearOffset();
  }

  /** Where to draw the local player, or undefined before the first authoritative state. */
  get position(): Position | undefined {
    return this.predicted && { x: this.predicted.x + this.offsetX, y: this.predicted.y + this.offsetY };
  }

  /** Distance between what is drawn and the corrected prediction (the visible error). */
  get correction(): number {
    return Math.hypot(this.offsetX, this.offsetY);
  }

  private clearOffset(): void {
    this.offsetX = 0;
    this.offsetY = 0;
  }
}

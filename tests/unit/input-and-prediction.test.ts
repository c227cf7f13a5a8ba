import { describe, expect, it } from 'vitest';
import { InputHistory } from '../../src/replication/input-history.js';
import type { Position } from '../../src/game/definition.js';
import { PlayerPredictor } from '../../src/replication/prediction.js';
import { InputQueue } from '../../src/session/input-queue.js';
import { isValidButtons } from '../../src/games/tag/input.js';
import { movePlayer } from '../../src/games/tag/world.js';
import { Button } from '../../src/games/tag/input.js';

describe('host input queue', () => {
  it('applies one input per tick in order and ignores the redundant copies', () => {
    const queue = new InputQueue(isValidButtons);
    queue.offer(2, [Button.Up, Button.Left, Button.Down]);
    queue.offer(3, [Button.Right, Button.Up, Button.Left]);
    expect([queue.next(), queue.next(), queue.next(), queue.next()]).toEqual([Button.Down, Button.Left, Button.Up, Button.Right]);
    expect(queue.appliedSeq).toBe(3);
    // Nothing new arrived: the last input is held, and the applied sequence does not move.
    expect(queue.next()).toBe(Button.Right);
    expect(queue.appliedSeq).toBe(3);
  });

  it('recovers a lost packet from the next one, and fills a longer gap by repeating', () => {
    const queue = new InputQueue(isValidButtons);
    queue.offer(0, [Button.Up]);
    queue.offer(5, [Button.Down, Button.Down]);
    const applied = Array.from({ length: 6 }, () => queue.next());
    expect(applied).toEqual([Button.Up, Button.Up, Button.Up, Button.Up, Button.Down, Button.Down]);
    expect(queue.appliedSeq).toBe(5);
  });

  it('refuses impossible buttons and cannot be flooded into moving faster', () => {
    const queue = new InputQueue(isValidButtons);
    queue.offer(0, [0x80]);
    expect(queue.invalid).toBe(1);
    queue.offer(1_000, [Button.Right]);
    queue.offer(2 ** 31 - 1, [Button.Right, Button.Right, Button.Right, Button.Right, Button.Right, Button.Right, Button.Right, Button.Right]);
    let applied = 0;
    while (queue.appliedSeq < 2 ** 31 - 1 && applied < 100) {
      queue.next();
      applied += 1;
    }
    expect(applied).toBeLessThanOrEqual(6);
    expect(queue.overflow).toBeGreaterThan(0);
  });
});

describe('client prediction and reconciliation', () => {
  const config = { width: 960, height: 540 };
  const step = (position: Position, buttons: number): Position => movePlayer(config, position, buttons);

  it('replays unacknowledged inputs on the host state: no correction when both agree', () => {
    const history = new InputHistory();
    const predictor = new PlayerPredictor(step);
    predictor.reconcile({ x: 100, y: 100 }, -1, history);
    for (let i = 0; i < 10; i += 1) {
      history.record(Button.Right);
      predictor.advance(Button.Right);
    }
    // The host has applied 6 of the 10 inputs: its position is 6 steps along.
    predictor.reconcile({ x: 100 + 6 * 3, y: 100 }, 5, history);
    expect(predictor.position?.x).toBeCloseTo(130);
    expect(predictor.correction).toBe(0);
  });

  it('fades a correction to exactly zero within 200 ms', () => {
    const history = new InputHistory();
    const predictor = new PlayerPredictor(step);
    predictor.reconcile({ x: 100, y: 100 }, -1, history);
    history.record(0);
    // The host says we are 20 px away from where we predicted.
    predictor.reconcile({ x: 120, y: 100 }, 0, history);
    expect(predictor.position).toEqual({ x: 100, y: 100 });
    expect(predictor.correction).toBeCloseTo(20);
    let elapsed = 0;
    while (predictor.correction > 0) {
      predictor.fade(1000 / 60);
      elapsed += 1000 / 60;
    }
    expect(elapsed).toBeLessThanOrEqual(200);
    expect(predictor.position).toEqual({ x: 120, y: 100 });
  });

  it('shows a teleport at once instead of sliding across the arena', () => {
    const history = new InputHistory();
    const predictor = new PlayerPredictor(step);
    predictor.reconcile({ x: 100, y: 100 }, -1, history);
    predictor.reconcile({ x: 800, y: 400 }, -1, history);
    expect(predictor.position).toEqual({ x: 800, y: 400 });
  });
});

import * as Phaser from 'phaser';
import { DurationStats } from '../util/duration-stats.js';
import type { Controls } from './controls.js';
import type { GameView, RenderFrame } from './game-view.js';
import type { RendererKind } from './renderer-choice.js';

/**
 * The one Phaser scene of a game: each frame it asks for the current frame (entities, players)
 * and hands it to the game's view, and it reports the pointer in arena pixels to the controls.
 * Holds no game state of its own.
 */
export class GameScene extends Phaser.Scene {
  private playersDrawn = 0;

  /** How many players the last frame showed (read by the debug hook: what a person sees). */
  get drawnPlayers(): number {
    return this.playersDrawn;
  }

  constructor(
    private readonly view: GameView,
    private readonly frame: () => RenderFrame | undefined,
    private readonly controls: Controls,
  ) {
    super('game');
  }

  preload(): void {
    this.view.preload?.(this);
  }

  create(): void {
    this.view.create(this);
    const track = (pointer: Phaser.Input.Pointer): void => {
      this.controls.setPointer({ x: pointer.worldX, y: pointer.worldY }, pointer.isDown);
    };
    this.input.on('pointermove', track);
    this.input.on('pointerdown', track);
    this.input.on('pointerup', track);
  }

  override update(): void {
    const frame = this.frame();
    if (!frame) return;
    this.view.draw(this, frame);
    this.playersDrawn = frame.players.length;
  }
}

/** The running renderer, asleep until a game starts so it costs nothing on the start page. */
export interface Arena {
  readonly scene: GameScene;
  /** Main-thread time of each frame: the game's update and Phaser's render. */
  readonly frameTimes: DurationStats;
  readonly renderer: RendererKind;
  /** Starts drawing frames. */
  wake(): void;
}

/**
 * Boots Phaser in `parent` with the chosen renderer and puts its loop to sleep after the first
 * frame. Booting takes a few hundred milliseconds of main-thread work on slow
 * machines; doing it while the player reads the start page keeps it out of the way of the
 * WebRTC handshake later.
 */
export function startArena(
  parent: HTMLElement,
  size: { readonly width: number; readonly height: number },
  scene: GameScene,
  renderer: RendererKind,
  background = '#11141b',
): Arena {
  let awake = false;
  const frameTimes = new DurationStats();
  let frameStart = 0;
  const game = new Phaser.Game({
    type: renderer === 'webgl' ? Phaser.WEBGL : Phaser.CANVAS,
    parent,
    width: size.width,
    height: size.height,
    backgroundColor: background,
    scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_BOTH },
    scene,
    banner: false,
    callbacks: {
      postBoot: (booted) => {
        if (!awake) booted.loop.sleep();
        booted.events.on(Phaser.Core.Events.PRE_STEP, () => {
          frameStart = performance.now();
        });
        booted.events.on(Phaser.Core.Events.POST_RENDER, () => frameTimes.add(performance.now() - frameStart));
      },
    },
  });
  return {
    scene,
    frameTimes,
    renderer,
    wake: () => {
      awake = true;
      if (game.isBooted) game.loop.wake();
    },
  };
}

import * as Phaser from 'phaser';
import { DurationStats } from '../util/duration-stats.js';
import type { Controls } from './controls.js';
import type { CameraView } from './debug-hook.js';
import { ARENA_RESIZED, type ArenaBox } from './arena-events.js';
import { TouchControls } from './touch-controls.js';
import type { GameView, RenderFrame } from './game-view.js';
import type { RendererKind } from './renderer-choice.js';

/** Drawn over everything else in the arena. */
const STICK_DEPTH = 10_000;

/**
 * The one Phaser scene of a game: each frame it asks for the current frame (entities, players)
 * and hands it to the game's view; it reports the mouse in arena pixels to the controls, and
 * turns fingers into a stick and taps (TouchControls), drawing the stick. In an arena larger than
 * the canvas the camera follows our player (a spectator sees the whole arena, scaled down).
 * Holds no game state of its own.
 */
export class GameScene extends Phaser.Scene {
  private playersDrawn = 0;
  private touch: TouchControls | undefined;
  private stickDrawing: Phaser.GameObjects.Graphics | undefined;
  /** The match's arena, once it differs from the canvas (applied when the scene is up). */
  private arena: ArenaBox | undefined;
  private applied: ArenaBox | undefined;
  /** The camera shows the whole arena (no player of ours to follow); undefined before the first frame. */
  private overview: boolean | undefined;
  /** The mouse has been over the arena: a camera that moves under it moves where it aims. */
  private mouseSeen = false;

  /** Where the camera looks, for the debug hook; undefined before the scene is up. */
  get cameraView(): CameraView | undefined {
    if (!this.sys.isActive()) return undefined;
    const camera = this.cameras.main;
    return { x: camera.midPoint.x, y: camera.midPoint.y, zoom: camera.zoom };
  }

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
    const touch = new TouchControls(this.controls, this.view.aimsWithPointer === true);
    this.touch = touch;
    this.stickDrawing = this.add.graphics().setDepth(STICK_DEPTH).setScrollFactor(0);
    this.input.addPointer(1); // two fingers: one steers while the other taps
    const finger = (pointer: Phaser.Input.Pointer) => ({
      id: pointer.id,
      at: { x: pointer.worldX, y: pointer.worldY },
      screen: { x: pointer.x, y: pointer.y },
      cssToArena: this.scale.displayScale.x,
    });
    const on = (event: string, onTouch: (pointer: Phaser.Input.Pointer) => void, mouse = true): void => {
      this.input.on(event, (pointer: Phaser.Input.Pointer) => {
        if (pointer.wasTouch) onTouch(pointer);
        else if (mouse) {
          this.mouseSeen = true;
          this.controls.setPointer({ x: pointer.worldX, y: pointer.worldY }, pointer.isDown);
        }
      });
    };
    on('pointerdown', (pointer) => touch.down(finger(pointer)));
    on('pointermove', (pointer) => touch.move(finger(pointer)));
    on('pointerup', (pointer) => touch.up(finger(pointer)));
    // A finger lifted off the arena still ends its touch; a mouse button released elsewhere on the
    // page (a click on Ready) is no aim: its pointer may never have been over the arena.
    on('pointerupoutside', (pointer) => touch.up(finger(pointer)), false);
  }

  override update(): void {
    this.drawStick();
    const frame = this.frame();
    if (!frame) return;
    this.follow(frame);
    this.view.draw(this, frame);
    this.playersDrawn = frame.players.length;
  }

  /**
   * The match runs in an arena of `size` (its game's variant): larger than the canvas, the camera
   * follows our player over it. Before the scene is up, it is applied once it is.
   */
  useArena(size: ArenaBox): void {
    this.arena = { width: size.width, height: size.height };
    if (this.sys.isActive()) this.applyArena();
  }

  private applyArena(): void {
    const arena = this.arena;
    if (!arena || (this.applied?.width === arena.width && this.applied.height === arena.height)) return;
    this.applied = arena;
    this.overview = undefined; // the next frame sets zoom and bounds for this arena
    this.cameras.main.setBounds(0, 0, arena.width, arena.height);
    this.events.emit(ARENA_RESIZED, arena);
  }

  /**
   * Centres the camera on our player in an arena larger than the canvas; a spectator (or a player
   * between lives) sees the whole arena scaled to fit. The mouse keeps aiming where it points.
   */
  private follow(frame: RenderFrame): void {
    this.applyArena();
    const arena = this.applied;
    if (!arena || (arena.width <= this.scale.width && arena.height <= this.scale.height)) return;
    const camera = this.cameras.main;
    const self = frame.entities.find((entity) => entity.id === frame.selfSlot);
    // Zoom and bounds change only when the view switches between following and the overview.
    const overview = self === undefined;
    if (overview !== this.overview) {
      this.overview = overview;
      if (overview) camera.removeBounds().setZoom(Math.min(this.scale.width / arena.width, this.scale.height / arena.height)).centerOn(arena.width / 2, arena.height / 2);
      else camera.setZoom(1).setBounds(0, 0, arena.width, arena.height);
    }
    if (self) camera.centerOn(self.x, self.y);
    const pointer = this.input.activePointer;
    if (this.mouseSeen && !pointer.wasTouch) {
      pointer.updateWorldPoint(camera);
      this.controls.setPointer({ x: pointer.worldX, y: pointer.worldY }, pointer.isDown);
    }
  }

  /** The stick under a dragging finger: its ring and the knob under the finger. */
  private drawStick(): void {
    const drawing = this.stickDrawing;
    if (!drawing) return;
    drawing.clear();
    const stick = this.touch?.stick;
    if (!stick) return;
    drawing.lineStyle(3, 0xffffff, 0.35).strokeCircle(stick.centre.x, stick.centre.y, stick.radius);
    drawing.fillStyle(0xffffff, 0.3).fillCircle(stick.knob.x, stick.knob.y, stick.radius * 0.45);
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
    // The page's CSS sizes the arena's box (page.css: a column on phones, the screen's height sideways);
    // Phaser only fits the canvas into it, and must not restyle the box itself.
    scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_BOTH, expandParent: false },
    scene,
    banner: false,
    callbacks: {
      postBoot: (booted) => {
        if (!awake) booted.loop.sleep();
        // The box changes size when the game page replaces the start page (where it is hidden),
        // when a phone turns, and in fullscreen: refit the canvas at once, asleep or not (Phaser
        // itself only polls while its loop runs, and `refresh` alone reuses the size it measured last).
        new ResizeObserver(() => {
          booted.scale.getParentBounds();
          booted.scale.refresh();
        }).observe(parent);
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

import * as Phaser from 'phaser';
import type { MatchPlayer } from '../session/match.js';
import { PLAYER_RADIUS } from '../sim/world.js';
import type { RendererKind } from './renderer-choice.js';

/** One colour per slot, chosen to stay distinct for common colour-vision deficiencies. */
const SLOT_COLORS = [0x4e79a7, 0xf28e2b, 0x59a14f, 0xe15759, 0xb07aa1, 0xedc948, 0x76b7b2, 0xff9da7];

interface PlayerSprite {
  readonly body: Phaser.GameObjects.Image;
  readonly label: Phaser.GameObjects.Text;
}

/**
 * Draws the arena and every player where the match says it is. Holds no game state of its own:
 * each frame it asks `players()` and creates, moves or removes sprites to match.
 */
export class ArenaScene extends Phaser.Scene {
  private readonly sprites = new Map<number, PlayerSprite>();

  /** How many players are on screen right now (read by the debug hook). */
  get drawnPlayers(): number {
    return this.sprites.size;
  }

  constructor(private readonly players: () => readonly MatchPlayer[]) {
    super('arena');
  }

  create(): void {
    const diameter = PLAYER_RADIUS * 2;
    SLOT_COLORS.forEach((color, slot) => {
      const graphics = this.make.graphics({}, false);
      graphics.fillStyle(color, 1);
      graphics.fillCircle(PLAYER_RADIUS, PLAYER_RADIUS, PLAYER_RADIUS);
      graphics.lineStyle(3, 0xffffff, 0.9);
      graphics.strokeCircle(PLAYER_RADIUS, PLAYER_RADIUS, PLAYER_RADIUS - 2);
      graphics.generateTexture(`player-${slot}`, diameter, diameter);
      graphics.destroy();
    });
    this.drawFloor();
  }

  override update(): void {
    const seen = new Set<number>();
    for (const player of this.players()) {
      seen.add(player.slot);
      const sprite = this.sprites.get(player.slot) ?? this.createSprite(player);
      sprite.body.setPosition(player.x, player.y);
      sprite.label.setPosition(player.x, player.y - PLAYER_RADIUS - 4);
      sprite.label.setText(player.isSelf ? `${player.name} (you)` : player.name);
    }
    for (const [slot, sprite] of this.sprites) {
      if (seen.has(slot)) continue;
      sprite.body.destroy();
      sprite.label.destroy();
      this.sprites.delete(slot);
    }
  }

  /**
   * The floor grid is drawn once into a texture: a Grid shape re-tessellates every line every
   * frame, which costs tens of milliseconds per frame under software WebGL.
   */
  private drawFloor(): void {
    const { width, height } = this.scale;
    const cell = 48;
    const graphics = this.make.graphics({}, false);
    graphics.fillStyle(0x1b1f2a, 1);
    graphics.fillRect(0, 0, width, height);
    graphics.lineStyle(1, 0x2a3040, 1);
    for (let x = 0; x <= width; x += cell) graphics.lineBetween(x, 0, x, height);
    for (let y = 0; y <= height; y += cell) graphics.lineBetween(0, y, width, y);
    graphics.generateTexture('floor', width, height);
    graphics.destroy();
    this.add.image(0, 0, 'floor').setOrigin(0, 0);
  }

  private createSprite(player: MatchPlayer): PlayerSprite {
    const body = this.add.image(player.x, player.y, `player-${player.slot % SLOT_COLORS.length}`);
    const label = this.add
      .text(player.x, player.y, player.name, { fontFamily: 'system-ui, sans-serif', fontSize: '14px', color: '#e8ecf4' })
      .setOrigin(0.5, 1);
    const sprite = { body, label };
    this.sprites.set(player.slot, sprite);
    return sprite;
  }
}

/** The running renderer, asleep until a game starts so it costs nothing on the start page. */
export interface Arena {
  readonly scene: ArenaScene;
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
  size: { width: number; height: number },
  scene: ArenaScene,
  renderer: RendererKind,
): Arena {
  let awake = false;
  const game = new Phaser.Game({
    type: renderer === 'webgl' ? Phaser.WEBGL : Phaser.CANVAS,
    parent,
    width: size.width,
    height: size.height,
    backgroundColor: '#11141b',
    scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_BOTH },
    scene,
    banner: false,
    callbacks: {
      postBoot: (booted) => {
        if (!awake) booted.loop.sleep();
      },
    },
  });
  return {
    scene,
    renderer,
    wake: () => {
      awake = true;
      if (game.isBooted) game.loop.wake();
    },
  };
}

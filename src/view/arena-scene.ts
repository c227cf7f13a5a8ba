import * as Phaser from 'phaser';
import type { MatchPlayer } from '../session/match.js';
import { PLAYER_RADIUS } from '../sim/world.js';

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
    const { width, height } = this.scale;
    this.add.grid(width / 2, height / 2, width, height, 48, 48, 0x1b1f2a, 1, 0x2a3040, 1);
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

/** Starts Phaser in `parent`, WebGL when available and Canvas otherwise. */
export function startArena(parent: HTMLElement, size: { width: number; height: number }, scene: ArenaScene): Phaser.Game {
  return new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    width: size.width,
    height: size.height,
    backgroundColor: '#11141b',
    scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_BOTH },
    scene,
    banner: false,
  });
}

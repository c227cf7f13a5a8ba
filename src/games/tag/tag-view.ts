import type * as Phaser from 'phaser';
import { addLabel, drawGridFloor, EntitySprites, makeSlotCircles, SLOT_COLORS, type Controls, type GameView, type MatchPlayer } from 'hostmesh';
import { Button } from './input.js';
import type { TagEntity, TagFields } from './tag-game.js';
import { PLAYER_RADIUS } from './world.js';

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

interface PlayerSprite {
  readonly body: Phaser.GameObjects.Image;
  readonly ring: Phaser.GameObjects.Arc;
  readonly label: Phaser.GameObjects.Text;
}

/** The held arrow/WASD keys as Tag's button bits. */
export function readTagInput(controls: Controls): number {
  let bits = 0;
  for (const [code, bit] of Object.entries(KEY_TO_BUTTON)) if (controls.isDown(code)) bits |= bit;
  return bits;
}

/** Draws Tag: a grid floor, one coloured circle per player, a red ring around whoever is "it". */
export function tagView(): GameView<TagFields> {
  let sprites: EntitySprites<PlayerSprite, TagEntity> | undefined;
  const names = new Map<number, MatchPlayer>();
  return {
    title: 'Tag',
    keys: Object.keys(KEY_TO_BUTTON),
    create(scene) {
      makeSlotCircles(scene, 'player', PLAYER_RADIUS);
      drawGridFloor(scene);
      sprites = new EntitySprites<PlayerSprite, TagEntity>(
        (entity) => ({
          body: scene.add.image(entity.x, entity.y, `player-${entity.id % SLOT_COLORS.length}`),
          ring: scene.add.circle(entity.x, entity.y, PLAYER_RADIUS + 5).setStrokeStyle(4, 0xff4d4d),
          label: addLabel(scene, ''),
        }),
        (sprite, entity) => {
          const player = names.get(entity.id);
          sprite.body.setPosition(entity.x, entity.y);
          sprite.ring.setPosition(entity.x, entity.y).setVisible(entity.it === 1);
          sprite.label.setPosition(entity.x, entity.y - PLAYER_RADIUS - 4);
          sprite.label.setText(`${player?.name ?? ''}${player?.isSelf === true ? ' (you)' : ''} · ${entity.itSeconds}s`);
        },
        (sprite) => {
          sprite.body.destroy();
          sprite.ring.destroy();
          sprite.label.destroy();
        },
      );
    },
    draw(_scene, frame) {
      names.clear();
      for (const player of frame.players) names.set(player.slot, player);
      sprites?.sync(frame.entities.filter((entity) => names.has(entity.id)));
    },
    readInput: readTagInput,
  };
}

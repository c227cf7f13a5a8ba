import type * as Phaser from 'phaser';
import { ARENA_RESIZED, type ArenaBox } from './arena-events.js';

/** One colour per slot, chosen to stay distinct for common colour-vision deficiencies. */
export const SLOT_COLORS: readonly number[] = [
  0x4e79a7, 0xf28e2b, 0x59a14f, 0xe15759, 0xb07aa1, 0xedc948, 0x76b7b2, 0xff9da7,
  // Slots 8–15: the same hues, lighter or deeper, so a game of 16 tells everyone apart.
  0xa0cbe8, 0xffbe7d, 0x8cd17d, 0xb6992d, 0xd4a6c8, 0x9d7660, 0x499894, 0xd37295,
];

/** Below everything a view draws, whenever its tiles were added. */
const FLOOR_DEPTH = -1_000;

/**
 * Draws a grid floor under the arena. One tile the canvas's size is drawn once into a texture and
 * laid as images over the whole arena, also when the match's arena is larger than the canvas (it
 * grows with ARENA_RESIZED): a Grid shape would re-tessellate every line every frame, which costs
 * tens of milliseconds per frame under software WebGL, and one texture the size of a large arena
 * would cost its memory many times over.
 */
export function drawGridFloor(scene: Phaser.Scene, cell = 48, fill = 0x1b1f2a, line = 0x2a3040): void {
  const tileWidth = cell * Math.ceil(scene.scale.width / cell);
  const tileHeight = cell * Math.ceil(scene.scale.height / cell);
  const graphics = scene.make.graphics({}, false);
  graphics.fillStyle(fill, 1);
  graphics.fillRect(0, 0, tileWidth, tileHeight);
  graphics.lineStyle(1, line, 1);
  for (let x = 0; x < tileWidth; x += cell) graphics.lineBetween(x, 0, x, tileHeight);
  for (let y = 0; y < tileHeight; y += cell) graphics.lineBetween(0, y, tileWidth, y);
  graphics.generateTexture('floor', tileWidth, tileHeight);
  graphics.destroy();
  const tiles = new Map<string, Phaser.GameObjects.Image>();
  const cover = ({ width, height }: ArenaBox): void => {
    for (let y = 0; y < height; y += tileHeight) {
      for (let x = 0; x < width; x += tileWidth) {
        if (!tiles.has(`${x},${y}`)) tiles.set(`${x},${y}`, scene.add.image(x, y, 'floor').setOrigin(0, 0).setDepth(FLOOR_DEPTH));
      }
    }
    // Tiles at the arena's edge show only what lies inside it; a smaller arena hides the rest.
    for (const tile of tiles.values()) {
      tile.setVisible(tile.x < width && tile.y < height).setCrop(0, 0, Math.min(tileWidth, width - tile.x), Math.min(tileHeight, height - tile.y));
    }
  };
  cover(scene.scale);
  scene.events.on(ARENA_RESIZED, cover);
}

/** Makes `<prefix>-<slot>` textures: a filled circle with a light rim, one per slot colour. */
export function makeSlotCircles(scene: Phaser.Scene, prefix: string, radius: number): void {
  SLOT_COLORS.forEach((color, slot) => {
    const graphics = scene.make.graphics({}, false);
    graphics.fillStyle(color, 1);
    graphics.fillCircle(radius, radius, radius);
    graphics.lineStyle(3, 0xffffff, 0.9);
    graphics.strokeCircle(radius, radius, radius - 2);
    graphics.generateTexture(`${prefix}-${slot}`, radius * 2, radius * 2);
    graphics.destroy();
  });
}

/** A name label above a player, in the kit's font. */
export function addLabel(scene: Phaser.Scene, text: string): Phaser.GameObjects.Text {
  return scene.add.text(0, 0, text, { fontFamily: 'system-ui, sans-serif', fontSize: '14px', color: '#e8ecf4' }).setOrigin(0.5, 1);
}

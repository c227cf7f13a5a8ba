import type * as Phaser from 'phaser';

/** One colour per slot, chosen to stay distinct for common colour-vision deficiencies. */
export const SLOT_COLORS: readonly number[] = [
  0x4e79a7, 0xf28e2b, 0x59a14f, 0xe15759, 0xb07aa1, 0xedc948, 0x76b7b2, 0xff9da7,
  // Slots 8–15: the same hues, lighter or deeper, so a game of 16 tells everyone apart.
  0xa0cbe8, 0xffbe7d, 0x8cd17d, 0xb6992d, 0xd4a6c8, 0x9d7660, 0x499894, 0xd37295,
];

/**
 * Draws a grid floor once into a texture and shows it: a Grid shape re-tessellates every line
 * every frame, which costs tens of milliseconds per frame under software WebGL.
 */
export function drawGridFloor(scene: Phaser.Scene, cell = 48, fill = 0x1b1f2a, line = 0x2a3040): void {
  const { width, height } = scene.scale;
  const graphics = scene.make.graphics({}, false);
  graphics.fillStyle(fill, 1);
  graphics.fillRect(0, 0, width, height);
  graphics.lineStyle(1, line, 1);
  for (let x = 0; x <= width; x += cell) graphics.lineBetween(x, 0, x, height);
  for (let y = 0; y <= height; y += cell) graphics.lineBetween(0, y, width, y);
  graphics.generateTexture('floor', width, height);
  graphics.destroy();
  scene.add.image(0, 0, 'floor').setOrigin(0, 0);
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

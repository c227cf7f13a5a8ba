import type * as Phaser from 'phaser';
import { addLabel, ARENA_RESIZED, drawGridFloor, EntitySprites, makeSlotCircles, SLOT_COLORS, type ArenaBox, type GameView, type MatchPlayer, type RenderFrame } from 'hostmesh';
import { ARENA_KEYS, readArenaInput } from './arena-input.js';
import { BOARD_ID, Kind, type ArenaEntity, type ArenaFields } from './arena-game.js';
import { edgeMarker, followedView, type EdgeMarker } from './edge-markers.js';
import { ArenaHud } from './hud.js';
import { RULES } from './rules.js';

/** Markers sit this far inside the screen's edge, above everything in the arena. */
const MARKER_INSET = 14;
const MARKER_DEPTH = 5_000;
/** An arrowhead: its corners this far from its centre, the back two this far round from its tip (radians). */
const MARKER_SIZE = 10;
const MARKER_SPREAD = 2.4;

/** The marker of fighter `id`, who is off the screen. */
interface PlacedMarker extends EdgeMarker {
  readonly id: number;
}

interface FighterSprite {
  readonly body: Phaser.GameObjects.Image;
  readonly beam: Phaser.GameObjects.Line;
  readonly pointer: Phaser.GameObjects.Line;
  readonly label: Phaser.GameObjects.Text;
  /** Whether the zap we last drew was already on screen (a sound plays when one starts). */
  zapping: boolean;
}

/**
 * Draws Zap Arena: fighters as coloured circles with an aim pointer, hit points and name;
 * zaps as beams to where they stopped; gems; in an arena larger than the screen, an arrow in each
 * off-screen fighter's colour on the screen's edge, pointing to it; and the HUD and results in the
 * page around it.
 */
export function arenaView(hudParent: HTMLElement): GameView<ArenaFields> {
  const names = new Map<number, MatchPlayer>();
  const hud = new ArenaHud(hudParent);
  const lastAim = { value: 0 };
  let fighters: EntitySprites<FighterSprite, ArenaEntity> | undefined;
  let gems: EntitySprites<Phaser.GameObjects.Image, ArenaEntity> | undefined;
  let markers: Phaser.GameObjects.Graphics | undefined;
  let arena: ArenaBox | undefined;
  return {
    title: 'Zap Arena',
    keys: ARENA_KEYS,
    aimsWithPointer: true,
    background: '#11141b',
    preload(scene) {
      scene.load.svg('gem', '/gem.svg', { width: 24, height: 24 });
    },
    create(scene) {
      makeSlotCircles(scene, 'fighter', RULES.radius);
      drawGridFloor(scene);
      // The sound is not needed to start playing: it loads after the scene, off the join's path.
      scene.load.audio('zap', '/zap.wav');
      scene.load.start();
      fighters = new EntitySprites<FighterSprite, ArenaEntity>(
        (entity) => ({
          beam: scene.add.line(0, 0, 0, 0, 0, 0, SLOT_COLORS[entity.id % SLOT_COLORS.length] ?? 0xffffff).setOrigin(0, 0).setLineWidth(3),
          body: scene.add.image(entity.x, entity.y, `fighter-${entity.id % SLOT_COLORS.length}`),
          pointer: scene.add.line(0, 0, 0, 0, 0, 0, 0xffffff).setOrigin(0, 0).setLineWidth(2),
          label: addLabel(scene, ''),
          zapping: false,
        }),
        (sprite, entity) => drawFighter(scene, sprite, entity, names.get(entity.id)),
        (sprite) => {
          for (const part of [sprite.body, sprite.beam, sprite.pointer, sprite.label]) part.destroy();
        },
      );
      gems = new EntitySprites<Phaser.GameObjects.Image, ArenaEntity>(
        (entity) => scene.add.image(entity.x, entity.y, 'gem'),
        (image, entity) => image.setPosition(entity.x, entity.y),
        (image) => image.destroy(),
      );
      scene.events.on(ARENA_RESIZED, (box: ArenaBox) => (arena = box));
      // One Graphics in screen space, redrawn each frame: a few triangles, and Graphics is in Phaser's lean build.
      markers = scene.add.graphics().setScrollFactor(0).setDepth(MARKER_DEPTH);
    },
    draw(scene, frame) {
      names.clear();
      for (const player of frame.players) names.set(player.slot, player);
      fighters?.sync(frame.entities.filter((entity) => entity.kind === Kind.Fighter && names.has(entity.id)));
      gems?.sync(frame.entities.filter((entity) => entity.kind === Kind.Gem));
      if (markers) drawMarkers(markers, offScreenFighters(frame, scene.scale, arena, (id) => names.has(id)));
      hud.update(frame, frame.entities.find((entity) => entity.id === BOARD_ID && entity.kind === Kind.Board));
    },
    readInput: (controls, self) => readArenaInput(controls, self, lastAim),
  };
}

/**
 * A marker for every other player's fighter off the screen (`isPlayer`: the ones drawn, not those
 * of players away), while the camera follows our own fighter over an arena larger than the screen
 * (a spectator's overview shows everyone).
 */
function offScreenFighters(frame: RenderFrame<ArenaFields>, screen: { readonly width: number; readonly height: number }, arena: ArenaBox | undefined, isPlayer: (id: number) => boolean): PlacedMarker[] {
  const self = frame.entities.find((entity) => entity.id === frame.selfSlot);
  if (!self || !arena || (arena.width <= screen.width && arena.height <= screen.height)) return [];
  const view = followedView(self, screen, arena);
  const placed: PlacedMarker[] = [];
  for (const entity of frame.entities) {
    if (entity.kind !== Kind.Fighter || entity.id === self.id || !isPlayer(entity.id)) continue;
    const marker = edgeMarker(view, entity, MARKER_INSET);
    if (marker) placed.push({ id: entity.id, ...marker });
  }
  return placed;
}

/** Each marker as an arrowhead in its fighter's colour, outlined so it shows on any floor. */
function drawMarkers(graphics: Phaser.GameObjects.Graphics, placed: readonly PlacedMarker[]): void {
  graphics.clear();
  const corner = (marker: PlacedMarker, turn: number, reach: number): { x: number; y: number } => ({ x: marker.x + Math.cos(marker.angle + turn) * reach, y: marker.y + Math.sin(marker.angle + turn) * reach });
  for (const marker of placed) {
    const tip = corner(marker, 0, MARKER_SIZE);
    const left = corner(marker, MARKER_SPREAD, MARKER_SIZE);
    const right = corner(marker, -MARKER_SPREAD, MARKER_SIZE);
    graphics.fillStyle(SLOT_COLORS[marker.id % SLOT_COLORS.length] ?? 0xffffff, 1).fillTriangle(tip.x, tip.y, left.x, left.y, right.x, right.y);
    graphics.lineStyle(1.5, 0xffffff, 0.8).strokeTriangle(tip.x, tip.y, left.x, left.y, right.x, right.y);
  }
}

function drawFighter(scene: Phaser.Scene, sprite: FighterSprite, entity: ArenaEntity, player: MatchPlayer | undefined): void {
  const { x, y, aim, hp } = entity;
  const down = hp === 0;
  sprite.body.setPosition(x, y).setAlpha(down ? 0.25 : 1);
  const tip = RULES.radius + 10;
  sprite.pointer.setTo(x + Math.cos(aim) * RULES.radius, y + Math.sin(aim) * RULES.radius, x + Math.cos(aim) * tip, y + Math.sin(aim) * tip).setVisible(!down);
  const zapping = entity.zap === 1;
  const reach = entity.reach;
  sprite.beam.setTo(x, y, x + Math.cos(aim) * reach, y + Math.sin(aim) * reach).setVisible(zapping);
  if (zapping && !sprite.zapping && scene.cache.audio.exists('zap')) scene.sound.play('zap', { volume: 0.25 });
  sprite.zapping = zapping;
  const hearts = '●'.repeat(hp) + '○'.repeat(Math.max(0, RULES.maxHp - hp));
  sprite.label.setPosition(x, y - RULES.radius - 4).setText(`${player?.name ?? ''}${player?.isSelf === true ? ' (you)' : ''} ${hearts}`);
}

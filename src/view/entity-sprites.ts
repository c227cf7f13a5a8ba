
/**
 * Keeps one display object per entity id in step with the frame: creates it when an entity
 * appears, updates it every frame, destroys it when the entity is gone. Most views are this
 * loop; a view keeps one pool per kind of thing it draws.
 */
export class EntitySprites<Sprite, Drawn extends { readonly id: number }> {
  private readonly sprites = new Map<number, Sprite>();

  constructor(
    private readonly create: (entity: Drawn) => Sprite,
    private readonly update: (sprite: Sprite, entity: Drawn) => void,
    private readonly destroy: (sprite: Sprite) => void,
  ) {}

  /** Shows exactly `entities` (a game's entities, see EntityOf): new ones are created, gone ones destroyed. */
  sync(entities: Iterable<Drawn>): void {
    const seen = new Set<number>();
    for (const entity of entities) {
      seen.add(entity.id);
      let sprite = this.sprites.get(entity.id);
      if (sprite === undefined) {
        sprite = this.create(entity);
        this.sprites.set(entity.id, sprite);
      }
      this.update(sprite, entity);
    }
    for (const [id, sprite] of this.sprites) {
      if (seen.has(id)) continue;
      this.destroy(sprite);
      this.sprites.delete(id);
    }
  }

  get size(): number {
    return this.sprites.size;
  }
}

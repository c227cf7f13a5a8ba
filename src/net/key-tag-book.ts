/** How many peers' tags a session remembers; past this the oldest are forgotten (a room's life rarely sees so many). */
const MAX_REMEMBERED = 512;

/**
 * The key tag (src/protocol/key-tag.ts) of every peer a lobby session has seen in its game, kept
 * across lobby restarts. The lobby stamps every signal with the sender's peer id, and a restarted
 * lobby knows nobody: whoever asks first may enter the re-created room under a live peer's id. Its
 * tag then differs from the one this book holds, and the session treats that member as an
 * impostor: not a member, its signals dropped, so it can neither replace the real peer's links nor
 * take its slot. Only the lobby's first word about a peer id is trusted; a page that reloads while
 * the lobby is down starts a new book.
 */
export class KeyTagBook {
  private readonly tags = new Map<string, string>();
  /** Peer ids the lobby currently gives to another browser than the one we knew under that id. */
  private readonly impostors = new Set<string>();

  /**
   * Records what the lobby says about a member; true when it is the browser we knew under that id
   * (or one we had not met), false for an impostor.
   */
  vouch(member: { readonly id: string; readonly keyTag: string }): boolean {
    const known = this.tags.get(member.id);
    if (known !== undefined && known !== member.keyTag) {
      this.impostors.add(member.id);
      return false;
    }
    this.impostors.delete(member.id);
    if (known === undefined) this.remember(member.id, member.keyTag);
    return true;
  }

  /** The lobby gives `id` to another browser than the one we knew under it. */
  isImpostor(id: string): boolean {
    return this.impostors.has(id);
  }

  /** The impostor holding `id` left the room: the real peer may come back under it. Returns true if it was one. */
  impostorLeft(id: string): boolean {
    return this.impostors.delete(id);
  }

  /**
   * The tags of the peers in `order` that we know, as a re-creation's `keyTags` (built with
   * `fromEntries`, which defines own properties: `__proto__` is a valid peer id).
   */
  tagsOf(order: readonly string[]): Record<string, string> {
    return Object.fromEntries(order.flatMap((id) => {
      const tag = this.tags.get(id);
      return tag === undefined ? [] : [[id, tag] as const];
    }));
  }

  private remember(id: string, tag: string): void {
    if (this.tags.size >= MAX_REMEMBERED) {
      const oldest = this.tags.keys().next();
      if (oldest.done !== true) this.tags.delete(oldest.value);
    }
    this.tags.set(id, tag);
  }
}

/**
 * Things held per address (live rooms, unused seat reservations, open sockets), each under its
 * own key, with a cap per address. Unlike a token bucket, which bounds how *often* an address may
 * act, a tally bounds how much it *holds at once*: a slow, patient attacker cannot pile up rooms
 * or seats. Memory follows what is held: an address with nothing left is forgotten.
 */
export class AddressTally<K> {
  private readonly byAddress = new Map<string, Set<K>>();
  private readonly owners = new Map<K, string>();

  constructor(private readonly cap: number) {}

  /** Records `key` for `address`; false (nothing recorded) when the address is at its cap. */
  claim(address: string, key: K): boolean {
    if (this.count(address) >= this.cap) return false;
    this.add(address, key);
    return true;
  }

  /** The thing behind `key` is gone (idempotent: unknown keys are ignored). */
  release(key: K): void {
    const address = this.owners.get(key);
    if (address === undefined) return;
    this.owners.delete(key);
    const held = this.byAddress.get(address);
    held?.delete(key);
    if (held?.size === 0) this.byAddress.delete(address);
  }

  /** The thing behind `from` is now known as `to` (e.g. a request that became a room); false if `from` is unknown. */
  rename(from: K, to: K): boolean {
    const address = this.owners.get(from);
    if (address === undefined) return false;
    this.release(from);
    this.add(address, to);
    return true;
  }

  /** How much `address` holds now. */
  count(address: string): number {
    return this.byAddress.get(address)?.size ?? 0;
  }

  private add(address: string, key: K): void {
    const held = this.byAddress.get(address) ?? new Set<K>();
    held.add(key);
    this.byAddress.set(address, held);
    this.owners.set(key, address);
  }
}

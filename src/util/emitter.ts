/**
 * A minimal typed event emitter. Node's `events` is not available to the pure layers in the
 * browser without a polyfill, and a typed map of event names to payloads catches wiring
 * mistakes at compile time.
 */
export class Emitter<Events extends Record<string, unknown>> {
  private readonly handlers = new Map<keyof Events, Set<(payload: never) => void>>();

  /** Registers a handler and returns a function that removes it. */
  on<K extends keyof Events>(event: K, handler: (payload: Events[K]) => void): () => void {
    let set = this.handlers.get(event);
    if (!set) {
      set = new Set();
      this.handlers.set(event, set);
    }
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }

  /** Calls every handler of `event`; a throwing handler is isolated so the others still run. */
  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const set = this.handlers.get(event);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        (handler as (payload: Events[K]) => void)(payload);
      } catch (error: unknown) {
        queueMicrotask(() => {
          throw new Error(`handler for "${String(event)}" threw`, { cause: error });
        });
      }
    }
  }

  /** Drops every handler; used when the owner is closed so nothing fires afterwards. */
  clear(): void {
    this.handlers.clear();
  }
}

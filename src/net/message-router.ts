/** Most messages held for a type nobody listens to yet; beyond it the oldest are dropped (and counted). */
const MAX_HELD = 256;

/**
 * Routes one lobby connection's messages to handlers by type, and holds the ones that arrive
 * before any handler of their type is registered: a session registers its handlers only after
 * the welcome came back through a few awaits, and the lobby may send the next messages (a member
 * who joined right after us, `started`) in that gap. Held messages are delivered in the order
 * they arrived, on the microtask after a handler is registered, so a session that registers all
 * its handlers at once gets them in order.
 */
export class MessageRouter {
  private readonly handlers = new Map<string, ((payload: unknown) => void)[]>();
  private held: { readonly type: string; readonly payload: unknown }[] = [];
  private flushQueued = false;
  /** Held messages dropped because too many waited for a handler. */
  dropped = 0;

  on(type: string, handler: (payload: unknown) => void): void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler);
    this.handlers.set(type, list);
    if (this.held.length > 0) this.queueFlush();
  }

  deliver(type: string, payload: unknown): void {
    const list = this.handlers.get(type);
    // Nothing held: deliver at once. Otherwise wait behind the held messages to keep the order.
    if (list && this.held.length === 0) {
      for (const handler of list) handler(payload);
      return;
    }
    this.held.push({ type, payload });
    if (this.held.length > MAX_HELD) {
      this.held.shift();
      this.dropped += 1;
    }
    if (list) this.queueFlush();
  }

  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      const waiting = this.held;
      this.held = [];
      for (const message of waiting) {
        const list = this.handlers.get(message.type);
        if (list) for (const handler of list) handler(message.payload);
        else this.held.push(message);
      }
    });
  }
}

import type { LobbyRoomConnection } from '../net/lobby-transport.js';
import type { RoomClient } from '../../server/rooms/room-port.js';
import type { Scheduler } from '../time/scheduler.js';
import { MessageRouter } from '../net/message-router.js';

/** WebSocket close codes the client sees: we left, or the connection was lost. */
export const CLOSE_CONSENTED = 1000;
export const CLOSE_ABNORMAL = 1006;

/** How long a message takes one way, drawn per message. */
export type Latency = () => number;

/**
 * One player's WebSocket to one in-memory room: both ends of it. The lobby side is a RoomClient
 * (what GameRoom talks to), the player side a LobbyRoomConnection (what LobbySession talks to).
 * Messages keep their order each way (a WebSocket is a TCP stream), arrive after the simulated
 * latency, and are copied through JSON on the way, as serialization would.
 */
export class InMemoryConnection implements RoomClient {
  readonly player: LobbyRoomConnection;
  private readonly router = new MessageRouter();
  private readonly leaveHandlers: ((code: number) => void)[] = [];
  private serverOpen = true;
  private playerOpen = true;
  private toPlayerAt = 0;
  private toServerAt = 0;

  constructor(
    readonly sessionId: string,
    readonly reconnectionToken: string,
    private readonly scheduler: Scheduler,
    private readonly latency: Latency,
    /** Delivers a player's message to the room (undefined once the lobby side is gone). */
    private readonly toServer: (type: string, payload: unknown) => void,
    /** The lobby learns that the connection ended. */
    private readonly onServerClose: (consented: boolean) => void,
  ) {
    this.player = {
      reconnectionToken,
      send: (type, payload) => this.fromPlayer(type, payload),
      onMessage: (type, handler) => this.router.on(type, handler),
      onLeave: (handler) => {
        this.leaveHandlers.push(handler);
      },
      leave: () => this.leaveOnPurpose(),
      drop: () => this.drop(undefined, this.latency()),
    };
  }

  /** Open on the lobby's side. */
  get open(): boolean {
    return this.serverOpen;
  }

  // --- RoomClient: the lobby's side ---
  send(type: string, payload: unknown): void {
    if (!this.serverOpen) return;
    const copy = clone(payload);
    this.toPlayerAt = Math.max(this.toPlayerAt, this.scheduler.now() + this.latency());
    this.scheduler.after(this.toPlayerAt - this.scheduler.now(), () => {
      if (!this.playerOpen) return;
      this.router.deliver(type, clone(copy));
    });
  }

  /** The lobby ends the connection (a kicked member): the player hears it after what was sent before. */
  leave(): void {
    if (!this.serverOpen) return;
    this.serverOpen = false;
    this.toPlayerAt = Math.max(this.toPlayerAt, this.scheduler.now() + this.latency());
    this.scheduler.after(this.toPlayerAt - this.scheduler.now(), () => this.closePlayer(CLOSE_CONSENTED));
    this.onServerClose(true);
  }
  // --- end of RoomClient ---

  /**
   * The connection is lost without a goodbye (a tab killed, a network gone, a lobby restart):
   * the player's side notices after `playerNoticeMs` (never, if the page itself is gone), the
   * lobby's side after `serverNoticeMs` (never, if the lobby process died).
   */
  drop(playerNoticeMs: number | undefined, serverNoticeMs: number | undefined): void {
    if (playerNoticeMs !== undefined) this.scheduler.after(playerNoticeMs, () => this.closePlayer(CLOSE_ABNORMAL));
    else this.playerOpen = false;
    if (!this.serverOpen) return;
    if (serverNoticeMs === undefined) {
      this.serverOpen = false;
      return;
    }
    this.scheduler.after(serverNoticeMs, () => {
      if (!this.serverOpen) return;
      this.serverOpen = false;
      this.onServerClose(false);
    });
  }

  private fromPlayer(type: string, payload: unknown): void {
    if (!this.playerOpen) return;
    const copy = clone(payload);
    this.toServerAt = Math.max(this.toServerAt, this.scheduler.now() + this.latency());
    this.scheduler.after(this.toServerAt - this.scheduler.now(), () => {
      if (this.serverOpen) this.toServer(type, copy);
    });
  }

  private leaveOnPurpose(): Promise<void> {
    if (!this.playerOpen) return Promise.resolve();
    this.closePlayer(CLOSE_CONSENTED);
    return new Promise((resolve) => {
      this.scheduler.after(this.latency(), () => {
        if (this.serverOpen) {
          this.serverOpen = false;
          this.onServerClose(true);
        }
        resolve();
      });
    });
  }

  private closePlayer(code: number): void {
    if (!this.playerOpen) return;
    this.playerOpen = false;
    for (const handler of this.leaveHandlers) handler(code);
  }
}

/** A copy through JSON, as the wire would make it (no shared objects between lobby and player). */
function clone(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value)) as unknown;
}

import type { Room } from '@colyseus/core';
import type { Logger } from '../log.js';

/** How often rooms are looked at: a quarter of the idle time, within [0.25 s, 5 s]. */
const sweepMs = (idleMs: number): number => Math.min(5_000, Math.max(250, idleMs / 4));

/**
 * Closes rooms nobody is in. Colyseus disposes of an empty room only once no seat is reserved in
 * it, and every reservation restarts that wait: a script renewing `joinById` reservations kept a
 * room (and its invite code, and its public listing) alive forever without ever connecting. Here a
 * room that has been unoccupied for `idleSeconds` is disconnected whatever it has reserved.
 * `occupied` says whether anyone holds a place in the room: a connected member, or one within its
 * reconnection grace (a reloading page), so a reload never loses a game.
 */
export class IdleRooms {
  private readonly lastOccupied = new Map<Room, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly idleSeconds: number,
    private readonly occupied: (room: Room) => boolean,
    private readonly logger: Logger,
  ) {
    this.timer = setInterval(() => this.sweep(Date.now()), sweepMs(idleSeconds * 1000));
    this.timer.unref();
  }

  /** A room was created (its creator is on the way: its reservation is younger than `idleSeconds`). */
  add(room: Room): void {
    this.lastOccupied.set(room, Date.now());
  }

  remove(room: Room): void {
    this.lastOccupied.delete(room);
  }

  close(): void {
    clearInterval(this.timer);
    this.lastOccupied.clear();
  }

  private sweep(nowMs: number): void {
    for (const [room, since] of this.lastOccupied) {
      if (this.occupied(room)) this.lastOccupied.set(room, nowMs);
      else if (nowMs - since >= this.idleSeconds * 1000) this.dispose(room);
    }
  }

  private dispose(room: Room): void {
    this.lastOccupied.delete(room);
    this.logger.info({ room: room.roomId, idleSeconds: this.idleSeconds }, 'idle room closed');
    const failed = (error: unknown): void => this.logger.warn({ room: room.roomId, err: String(error) }, 'closing an idle room failed');
    try {
      room.disconnect().catch(failed);
    } catch (error) {
      failed(error); // disconnect() throws while the room is still being created
    }
  }
}

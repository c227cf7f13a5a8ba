import { isRecord } from '../../src/protocol/guards.js';
import { systemScheduler, type Scheduler } from '../../src/time/scheduler.js';
import { fail, ok, type Result } from '../../src/util/result.js';
import { AddressTally } from './address-tally.js';
import type { LobbyCaps } from './lobby-caps.js';
import type { MatchmakeCharges } from './matchmake-route.js';

/** A matchmaking call let through; `settle` gets what Colyseus answered (once; later calls are ignored). */
export interface OpenCall {
  settle(outcome: unknown): void;
}

/** What a successful matchmaking call returns (Colyseus's seat reservation). */
interface SeatReservation {
  readonly roomId: string;
  readonly sessionId: string;
}

function readReservation(outcome: unknown): SeatReservation | undefined {
  if (!isRecord(outcome) || !isRecord(outcome['room'])) return undefined;
  const roomId = outcome['room']['roomId'];
  const sessionId = outcome['sessionId'];
  return typeof roomId === 'string' && typeof sessionId === 'string' ? { roomId, sessionId } : undefined;
}

/**
 * Per address: the live rooms it created and the seat reservations it holds but has not used.
 *
 * A seat is reserved by the HTTP call (`joinById` …) and counts toward the room's capacity for
 * `seatReservationSeconds` before any WebSocket arrives; Colyseus locks a room whose reservations
 * fill it, so eleven unused reservations made a 4-player game (4 + 8 spectator seats) refuse the
 * friend holding its code. The room's own `onAuth` runs only when the WebSocket comes, too late to
 * count these, so they are counted here, where the call is made: a call is charged before it
 * reaches Colyseus (so parallel requests cannot slip past the cap) and settled with Colyseus's
 * answer; the reservation then counts until its WebSocket arrives (`seatUsed`) or it expires.
 * Rooms count from the creating call until Colyseus disposes of them.
 */
export class SeatLedger {
  private readonly rooms: AddressTally<string>;
  private readonly reservations: AddressTally<string>;
  /** Rooms Colyseus created whose creating call has not settled yet. */
  private readonly unclaimed = new Set<string>();
  /** Cancels the expiry of each unused reservation. */
  private readonly expiries = new Map<string, () => void>();
  private calls = 0;

  constructor(
    private readonly caps: LobbyCaps,
    private readonly scheduler: Scheduler = systemScheduler,
  ) {
    this.rooms = new AddressTally(caps.roomsPerAddress);
    this.reservations = new AddressTally(caps.reservationsPerAddress);
  }

  /** Charges a call from `address` to its caps; a refusal says which cap is full. */
  open(address: string, charges: MatchmakeCharges): Result<OpenCall> {
    const ticket = `call:${(this.calls += 1)}`;
    if (charges.creates && !this.rooms.claim(address, ticket)) {
      return fail(`too many live games from your address (${this.caps.roomsPerAddress}): end one first`);
    }
    if (charges.reservesSeat && !this.reservations.claim(address, ticket)) {
      this.rooms.release(ticket);
      return fail(`too many unused seat reservations from your address (${this.caps.reservationsPerAddress}): try again in a few seconds`);
    }
    let settled = false;
    return ok({
      settle: (outcome) => {
        if (settled) return;
        settled = true;
        this.settle(ticket, readReservation(outcome));
      },
    });
  }

  /** Colyseus created a room (its creating call settles just after). */
  roomCreated(roomId: string): void {
    this.unclaimed.add(roomId);
  }

  roomDisposed(roomId: string): void {
    this.unclaimed.delete(roomId);
    this.rooms.release(roomId);
  }

  /** A WebSocket arrived for this seat: the reservation is used. */
  seatUsed(sessionId: string): void {
    this.reservations.release(sessionId);
    this.expiries.get(sessionId)?.();
    this.expiries.delete(sessionId);
  }

  /** Rooms and unused reservations `address` holds now. */
  held(address: string): { readonly rooms: number; readonly reservations: number } {
    return { rooms: this.rooms.count(address), reservations: this.reservations.count(address) };
  }

  /** Stops the reservation timers (the lobby is closing). */
  close(): void {
    for (const cancel of this.expiries.values()) cancel();
    this.expiries.clear();
  }

  private settle(ticket: string, reservation: SeatReservation | undefined): void {
    if (reservation !== undefined && this.unclaimed.delete(reservation.roomId)) this.rooms.rename(ticket, reservation.roomId);
    else this.rooms.release(ticket);
    if (reservation === undefined || !this.reservations.rename(ticket, reservation.sessionId)) {
      this.reservations.release(ticket);
      return;
    }
    const { sessionId } = reservation;
    const cancel = this.scheduler.after(this.caps.seatReservationSeconds * 1000, () => {
      this.expiries.delete(sessionId);
      this.reservations.release(sessionId);
    });
    this.expiries.set(sessionId, cancel);
  }
}

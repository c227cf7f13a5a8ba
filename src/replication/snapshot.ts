import { PeerMessageType, POSITION_SCALE, type SnapshotMessage } from '../protocol/peer-messages.js';
import type { World } from '../sim/world.js';

/** A player position in pixels, as the view draws it. */
export interface RenderPlayer {
  readonly slot: number;
  readonly x: number;
  readonly y: number;
}

/** A decoded snapshot in pixel units, kept by clients for interpolation. */
export interface Snapshot {
  readonly tick: number;
  readonly players: ReadonlyMap<number, RenderPlayer>;
}

/** Captures the host's world as a full snapshot, positions quantized to 1/8 px. */
export function snapshotFromWorld(world: World): SnapshotMessage {
  const players = [...world.players.values()].map((p) => ({
    slot: p.slot,
    x: Math.round(p.x * POSITION_SCALE),
    y: Math.round(p.y * POSITION_SCALE),
  }));
  return { type: PeerMessageType.Snapshot, tick: world.tick, players };
}

/** Converts a received snapshot message back to pixel units. */
export function snapshotFromMessage(message: SnapshotMessage): Snapshot {
  const players = new Map<number, RenderPlayer>();
  for (const p of message.players) {
    players.set(p.slot, { slot: p.slot, x: p.x / POSITION_SCALE, y: p.y / POSITION_SCALE });
  }
  return { tick: message.tick, players };
}

import { Channel, type PeerLink } from '../net/peer-link.js';
import { PeerMessageType } from '../protocol/peer-messages.js';
import type { InterestFilter } from '../game/interest-filter.js';
import { TICK_RATE } from '../game/tick.js';
import { DEFAULT_SNAPSHOT_BUDGET_BYTES } from '../replication/budgeted-encoder.js';
import type { QuantizedState } from '../replication/quantized-state.js';
import type { SnapshotSender } from '../replication/snapshot-sender.js';
import { sendMessage } from './peer-inbox.js';

/** The host's default snapshot upload budget, bits per second (see HostSessionOptions.uploadBudgetBitsPerSecond). */
const DEFAULT_UPLOAD_BUDGET_BITS_PER_SECOND = 2_500_000;
/** Below this a snapshot cannot carry the framing and a few changes: a tiny budget still moves the world. */
const MIN_SNAPSHOT_BYTES = 200;

/** One peer the host sends snapshots to, as the host session keeps it. */
export interface SnapshotReceiver {
  readonly link: PeerLink;
  readonly slot: number | undefined;
  readonly watching: boolean;
  /** A newcomer gets its first (full) snapshot at once on its hello (else on the next tick), not at the next snapshot boundary. */
  snapshotDue: boolean;
  readonly snapshots: SnapshotSender;
  readonly inputs: { readonly appliedSeq: number };
}

/** What one round of snapshots needs from the host. */
export interface SnapshotRound {
  readonly epoch: number;
  /** The host's tick, which the capture is of. */
  readonly tick: number;
  /** Captures the world (called at most once per round, and only if someone is due). */
  readonly capture: () => QuantizedState;
  readonly interest: InterestFilter | undefined;
  /** A snapshot goes every this many ticks. */
  readonly snapshotEveryTicks: number;
  readonly uploadBudgetBitsPerSecond: number | undefined;
  /** A snapshot boundary (every third tick): everyone gets one, not only newcomers. */
  readonly boundary: boolean;
}

/**
 * Captures the world once and encodes it for each receiver that is due a snapshot: what that
 * receiver may see of it (interest management, when the game declares it), within its share of
 * the upload budget.
 */
export function sendSnapshots(receivers: readonly SnapshotReceiver[], round: SnapshotRound): void {
  const active = receivers.filter((receiver) => receiver.slot !== undefined || receiver.watching);
  const budgetBytes = snapshotShareBytes(round.uploadBudgetBitsPerSecond ?? DEFAULT_UPLOAD_BUDGET_BITS_PER_SECOND, TICK_RATE / round.snapshotEveryTicks, active.length);
  let state: QuantizedState | undefined;
  for (const receiver of active) {
    if (!(round.boundary || receiver.snapshotDue)) continue;
    // One snapshot per tick: a newcomer served at once on its hello, and saying hello again in
    // the same tick, would get a duplicate it cannot use; it stays due for the next tick.
    if (receiver.snapshots.newestSentTick >= round.tick) continue;
    receiver.snapshotDue = false;
    state ??= round.capture();
    const view = round.interest?.viewFor(state, receiver.slot);
    const snapshot = receiver.snapshots.encode(view?.state ?? state, { budgetBytes, ...(view ? { weight: view.weight } : {}) });
    sendMessage(receiver.link, Channel.Unreliable, {
      type: PeerMessageType.Snapshot,
      tick: snapshot.tick,
      baselineTick: snapshot.baselineTick,
      inputAck: receiver.inputs.appliedSeq,
      epoch: round.epoch,
      body: snapshot.body,
    });
  }
}

/** One receiver's share of the upload budget per snapshot, at most one packet's worth. */
function snapshotShareBytes(uploadBitsPerSecond: number, snapshotsPerSecond: number, receivers: number): number {
  const perSnapshot = uploadBitsPerSecond / 8 / snapshotsPerSecond / Math.max(1, receivers);
  return Math.max(MIN_SNAPSHOT_BYTES, Math.min(DEFAULT_SNAPSHOT_BUDGET_BYTES, Math.floor(perSnapshot)));
}

import { MAX_INPUT_REDUNDANCY, PeerMessageType, type InputMessage } from '../protocol/peer-messages.js';

/** Inputs kept for replay: a second at 60 Hz covers any round trip worth predicting across. */
const HISTORY_SIZE = 64;

/**
 * The client's inputs, one per tick, numbered. Kept for two reasons: every input packet repeats
 * the newest few (so the host recovers a sample whose own packet was lost), and prediction
 * replays the ones the host has not applied yet on top of the host's state.
 */
export class InputHistory {
  private readonly samples = new Uint16Array(HISTORY_SIZE);
  private newestSeq = -1;

  constructor(private readonly redundancy = 6) {
    if (redundancy < 1 || redundancy > MAX_INPUT_REDUNDANCY) {
      throw new Error(`redundancy must be 1..${MAX_INPUT_REDUNDANCY}, got ${redundancy}`);
    }
  }

  /** Records this tick's input and returns its sequence number. */
  record(input: number): number {
    this.newestSeq += 1;
    this.samples[this.newestSeq % HISTORY_SIZE] = input;
    return this.newestSeq;
  }

  get newest(): number {
    return this.newestSeq;
  }

  /** The input of `seq`, if still kept. */
  inputAt(seq: number): number | undefined {
    if (seq < 0 || seq > this.newestSeq || this.newestSeq - seq >= HISTORY_SIZE) return undefined;
    return this.samples[seq % HISTORY_SIZE];
  }

  /**
   * The packet to send now: the newest samples, newest first, with the snapshot acknowledgement
   * and the tick the others are drawn at.
   */
  packet(ackTick: number, viewTick: number): InputMessage | undefined {
    if (this.newestSeq < 0) return undefined;
    const count = Math.min(this.redundancy, this.newestSeq + 1);
    const inputs = Array.from({ length: count }, (_, k) => this.samples[(this.newestSeq - k) % HISTORY_SIZE] ?? 0);
    return { type: PeerMessageType.Input, seq: this.newestSeq, ackTick, viewTick, inputs };
  }
}

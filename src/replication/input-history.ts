import { MAX_INPUT_REDUNDANCY, PeerMessageType, type InputMessage } from '../protocol/peer-messages.js';

/**
 * The client's recent input samples. Every input packet carries the newest few, newest first,
 * so the host can recover a sample whose own packet was lost.
 */
export class InputHistory {
  private seq = -1;
  private readonly recent: number[] = [];

  constructor(private readonly redundancy = 4) {
    if (redundancy < 1 || redundancy > MAX_INPUT_REDUNDANCY) {
      throw new Error(`redundancy must be 1..${MAX_INPUT_REDUNDANCY}, got ${redundancy}`);
    }
  }

  /** Records a new sample and returns the packet to send for it. */
  record(buttons: number, ackTick: number): InputMessage {
    this.seq += 1;
    this.recent.unshift(buttons);
    if (this.recent.length > this.redundancy) this.recent.pop();
    return { type: PeerMessageType.Input, seq: this.seq, ackTick, buttons: [...this.recent] };
  }
}

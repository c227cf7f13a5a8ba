import type { Channel, PeerLink } from '../../src/net/peer-link.js';

/** One message as a test saw it arrive: enough to check loss, duplication and order. */
export interface Arrival {
  readonly channel: Channel;
  readonly seq: number;
}

/** Encodes a test sequence number as 4 bytes (the links under test carry opaque bytes). */
export function seqBytes(seq: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, seq);
  return bytes;
}

/** Records every message a link delivers, decoded back to its test sequence number. */
export function recordArrivals(link: PeerLink): Arrival[] {
  const arrivals: Arrival[] = [];
  link.events.on('message', ({ channel, bytes }) => {
    arrivals.push({ channel, seq: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0) });
  });
  return arrivals;
}

/** The sequence numbers that arrived on one channel, in arrival order. */
export function seqsOn(arrivals: readonly Arrival[], channel: Channel): number[] {
  return arrivals.filter((arrival) => arrival.channel === channel).map((arrival) => arrival.seq);
}

/** True when some message arrived after one with a higher sequence number. */
export function isOutOfOrder(seqs: readonly number[]): boolean {
  return seqs.some((seq, index) => index > 0 && seq < (seqs[index - 1] ?? 0));
}

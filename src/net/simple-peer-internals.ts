import type SimplePeer from 'simple-peer';

/**
 * The only place that reaches into simple-peer's private fields. Its public API hides the
 * RTCPeerConnection (needed for a second data channel, audio, stats, ICE restarts and ICE errors)
 * and an ICE timer it forgets to clear; its type definitions omit both. Tested against the
 * installed version by every real-WebRTC test: if an upgrade renames them, `peerConnectionOf`
 * throws at once instead of failing somewhere later.
 */
interface SimplePeerPrivates {
  readonly _pc?: unknown;
  readonly _channel?: unknown;
  readonly _iceCompleteTimer?: ReturnType<typeof setTimeout> | null;
}

function privatesOf(peer: SimplePeer.Instance): SimplePeerPrivates {
  return peer as unknown as SimplePeerPrivates;
}

/** The RTCPeerConnection simple-peer made for `peer`. */
export function peerConnectionOf(peer: SimplePeer.Instance): RTCPeerConnection {
  const connection = privatesOf(peer)._pc;
  if (typeof connection !== 'object' || connection === null || !('createDataChannel' in connection)) {
    throw new Error('this simple-peer version keeps its RTCPeerConnection elsewhere (expected `_pc`)');
  }
  return connection as RTCPeerConnection;
}

/** Clears the ICE-complete timer simple-peer never clears on destroy (it keeps a Node process alive for 5 s). */
export function clearIceCompleteTimer(peer: SimplePeer.Instance): void {
  const timer = privatesOf(peer)._iceCompleteTimer;
  if (timer) clearTimeout(timer);
}

/**
 * simple-peer's own (reliable) data channel. With a negotiated channel it exists from the
 * constructor on, on both sides. Its `open` is the moment the link can carry messages:
 * simple-peer's `connect` comes later, after a getStats call it makes to find the candidate pair
 * (tens of milliseconds of CPU on a busy page, and 100 ms more when that pair is not yet listed).
 */
export function dataChannelOf(peer: SimplePeer.Instance): RTCDataChannel {
  const channel = privatesOf(peer)._channel;
  if (typeof channel !== 'object' || channel === null || !('readyState' in channel)) {
    throw new Error('this simple-peer version keeps its data channel elsewhere (expected `_channel`)');
  }
  return channel as RTCDataChannel;
}

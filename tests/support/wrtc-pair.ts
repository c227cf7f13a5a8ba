import wrtc from '@roamhq/wrtc';
import { SimplePeerLink, type SimplePeerLinkOptions } from '../../src/net/simple-peer-link.js';
import { isLoopbackCandidate } from './loopback.js';

/** What two directly signaled test peers may differ in from the defaults. */
export type PairOptions = Partial<Pick<SimplePeerLinkOptions, 'iceServers' | 'iceTransportPolicy' | 'connectTimeoutMs'>>;

/**
 * Two real WebRTC links (@roamhq/wrtc) that signal each other directly, without a lobby: the
 * smallest real set-up for link-level tests. Loopback candidates only; no ICE servers unless given.
 * `tap` sees every signal on its way (`a` is the offering side).
 */
export function wrtcPair(options: PairOptions = {}, tap: (from: 'a' | 'b', data: string) => void = () => undefined): [SimplePeerLink, SimplePeerLink] {
  const ends: SimplePeerLink[] = [];
  const make = (remoteId: string, initiator: boolean, to: () => SimplePeerLink | undefined): SimplePeerLink =>
    new SimplePeerLink({
      remoteId,
      initiator,
      iceServers: [],
      ...options,
      wrtc,
      candidateFilter: isLoopbackCandidate,
      sendSignal: (data) => {
        tap(initiator ? 'a' : 'b', data);
        to()?.receiveSignal(data);
      },
    });
  const a = make('b', true, () => ends[1]);
  const b = make('a', false, () => ends[0]);
  ends.push(a, b);
  return [a, b];
}

import wrtc from '@roamhq/wrtc';
import type { LinkFactoryFor } from '../../src/session/match.js';
import { SimplePeerLink } from '../../src/net/simple-peer-link.js';
import { isLoopbackCandidate } from './loopback.js';

/** Peer links for Node tests: real libwebrtc via @roamhq/wrtc, loopback candidates only. */
export const wrtcLinks: LinkFactoryFor = (iceServers) => (remoteId, initiator, sendSignal) =>
  new SimplePeerLink({ remoteId, initiator, iceServers, sendSignal, wrtc, candidateFilter: isLoopbackCandidate });

/**
 * A peer in a process of its own, for tests that must kill a peer without a goodbye. It answers
 * one link offered by its parent: signals travel as lines on stdin/stdout (`signal <json>`), and
 * it reports `open` when the link is up. It pongs pings like any peer. Run with `node --import tsx`.
 */
import { createInterface } from 'node:readline';
import wrtc from '@roamhq/wrtc';
import { MonitoredLink } from '../../src/net/monitored-link.js';
import { SimplePeerLink } from '../../src/net/simple-peer-link.js';
import { isLoopbackCandidate } from './loopback.js';

const link = new MonitoredLink(
  new SimplePeerLink({
    remoteId: 'parent',
    initiator: false,
    iceServers: [],
    wrtc,
    candidateFilter: isLoopbackCandidate,
    sendSignal: (data) => process.stdout.write(`signal ${data}\n`),
  }),
);
link.events.on('open', () => process.stdout.write('open\n'));
link.events.on('close', () => process.exit(0));
const input = createInterface({ input: process.stdin });
input.on('line', (line) => {
  if (line.startsWith('signal ')) link.receiveSignal(line.slice('signal '.length));
});
// The parent went away: nothing left to do.
input.on('close', () => {
  link.close('parent gone');
});

import wrtc from '@roamhq/wrtc';
import { afterEach, describe, expect, it } from 'vitest';
import { Channel } from '../../src/net/peer-link.js';
import { SimplePeerLink } from '../../src/net/simple-peer-link.js';
import { systemScheduler, type Scheduler } from '../../src/time/scheduler.js';
import { isLoopbackCandidate } from '../support/loopback.js';
import { waitFor } from '../support/wait.js';

/** The audio section of an SDP, from its m= line to the next one. */
function audioSection(sdp: string): string {
  const start = sdp.indexOf('m=audio');
  const next = sdp.indexOf('m=', start + 1);
  return start < 0 ? '' : sdp.slice(start, next < 0 ? undefined : next);
}

describe('a link with voice (real libwebrtc in Node, no microphone on either side)', () => {
  const links: SimplePeerLink[] = [];
  afterEach(() => {
    for (const link of links.splice(0)) link.close();
  });

  /**
   * Two linked ends with voice and no microphone. Every offer and answer is recorded in `sdps`
   * and passed on unless `drop` says the lobby lost it; `scheduler` times the links.
   */
  function linkPair(sdps: { type: string; sdp: string }[], remoteTracks: string[][], drop: (signal: { type: string; sdp: string }) => boolean = () => false, scheduler?: Scheduler): void {
    const make = (index: number, initiator: boolean): SimplePeerLink =>
      new SimplePeerLink({
        remoteId: index === 0 ? 'b' : 'a',
        initiator,
        iceServers: [],
        wrtc,
        candidateFilter: isLoopbackCandidate,
        ...(scheduler === undefined ? {} : { scheduler }),
        audio: { track: undefined, onRemoteTrack: (track) => remoteTracks[index]?.push(track.kind) },
        sendSignal: (data) => {
          const signal = JSON.parse(data) as { type?: string; sdp?: string };
          if (signal.sdp !== undefined && signal.type !== undefined) {
            const described = { type: signal.type, sdp: signal.sdp };
            sdps.push(described);
            if (drop(described)) return;
          }
          links[1 - index]?.receiveSignal(data);
        },
      });
    links.push(make(0, true), make(1, false));
  }

  it('opens without audio, then negotiates one sendrecv audio section a second later (an offer and answer of their own), and the data channels still work', async () => {
    const sdps: { type: string; sdp: string }[] = [];
    const remoteTracks: string[][] = [[], []];
    linkPair(sdps, remoteTracks);
    await waitFor('both ends open', () => links.every((link) => link.state === 'open'));
    // The join's own offer and answer carry no audio: it would slow every join.
    expect(sdps.map((entry) => entry.type)).toEqual(['offer', 'answer']);
    for (const { sdp } of sdps) expect(audioSection(sdp)).toBe('');
    await waitFor('each end to see the other\'s audio track', () => remoteTracks.every((kinds) => kinds.length === 1));
    expect(remoteTracks).toEqual([['audio'], ['audio']]);
    expect(sdps.map((entry) => entry.type)).toEqual(['offer', 'answer', 'offer', 'answer']);
    for (const { sdp } of sdps.slice(2)) expect(audioSection(sdp)).toMatch(/a=sendrecv/);

    const received: string[] = [];
    links[1]?.events.on('message', ({ bytes }) => received.push(new TextDecoder().decode(bytes)));
    links[0]?.setOutgoingAudio(null);
    links[0]?.send(Channel.Reliable, new TextEncoder().encode('still data'));
    await waitFor('a data message', () => received.includes('still data'));
  });

  it('still gets its voice when the lobby lost the first five audio offers: the offer is retried for as long as the link is open', async () => {
    const sdps: { type: string; sdp: string }[] = [];
    const remoteTracks: string[][] = [[], []];
    let lost = 0;
    // The link's timers ten times faster: its retries (3 s, then 15 s) in a test's time.
    const faster: Scheduler = { now: () => systemScheduler.now(), after: (ms, task) => systemScheduler.after(ms / 10, task) };
    linkPair(sdps, remoteTracks, ({ type, sdp }) => type === 'offer' && audioSection(sdp) !== '' && lost++ < 5, faster);
    await waitFor('both ends open', () => links.every((link) => link.state === 'open'));
    await waitFor("each end to see the other's audio track", () => remoteTracks.every((kinds) => kinds.length === 1), 15_000);
    // Five lost, then one that arrived: more than the four tries voice used to get.
    expect(sdps.filter(({ type, sdp }) => type === 'offer' && audioSection(sdp) !== '').length).toBeGreaterThanOrEqual(6);
  });
});

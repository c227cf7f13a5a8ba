import { describe, expect, it } from 'vitest';
import { describePath } from '../../src/net/peer-link.js';
import { readSelectedCandidatePair, toBytes } from '../../src/net/rtc-platform.js';

/** Just enough of an RTCPeerConnection for getStats: a report is a Map of stats objects. */
function connectionWithStats(entries: readonly Record<string, unknown>[]): RTCPeerConnection {
  const report = new Map(entries.map((entry) => [String(entry['id']), entry]));
  return { getStats: () => Promise.resolve(report) } as unknown as RTCPeerConnection;
}

const candidates = [
  { id: 'L1', type: 'local-candidate', candidateType: 'relay', relayProtocol: 'tcp' },
  { id: 'R1', type: 'remote-candidate', candidateType: 'srflx' },
  { id: 'L2', type: 'local-candidate', candidateType: 'host' },
  { id: 'R2', type: 'remote-candidate', candidateType: 'host' },
];

describe('reading the selected candidate pair from any browser\'s getStats', () => {
  it('follows transport.selectedCandidatePairId (Chrome, libwebrtc)', async () => {
    const connection = connectionWithStats([
      ...candidates,
      { id: 'P1', type: 'candidate-pair', localCandidateId: 'L1', remoteCandidateId: 'R1', nominated: false },
      { id: 'P2', type: 'candidate-pair', localCandidateId: 'L2', remoteCandidateId: 'R2', nominated: true, state: 'succeeded' },
      { id: 'T', type: 'transport', selectedCandidatePairId: 'P1' },
    ]);
    expect(await readSelectedCandidatePair(connection)).toEqual({ local: 'relay', remote: 'srflx', relayProtocol: 'tcp' });
  });

  it('uses the pair marked selected (Firefox), then a nominated succeeded pair', async () => {
    const firefox = connectionWithStats([
      ...candidates,
      { id: 'P1', type: 'candidate-pair', localCandidateId: 'L1', remoteCandidateId: 'R1', selected: true },
    ]);
    expect(await readSelectedCandidatePair(firefox)).toEqual({ local: 'relay', remote: 'srflx', relayProtocol: 'tcp' });
    const other = connectionWithStats([
      ...candidates,
      { id: 'P2', type: 'candidate-pair', localCandidateId: 'L2', remoteCandidateId: 'R9', nominated: true, state: 'succeeded' },
    ]);
    expect(await readSelectedCandidatePair(other)).toEqual({ local: 'host', remote: 'unknown' });
  });

  it('says undefined when there is no pair yet or the connection is gone', async () => {
    expect(await readSelectedCandidatePair(connectionWithStats(candidates))).toBeUndefined();
    const closed = { getStats: () => Promise.reject(new Error('closed')) } as unknown as RTCPeerConnection;
    expect(await readSelectedCandidatePair(closed)).toBeUndefined();
  });
});

describe('a link\'s path in players\' words', () => {
  it('says same network, direct through NAT or relay (with the protocol when we relay)', () => {
    expect(describePath({ local: 'host', remote: 'host' })).toBe('same network');
    expect(describePath({ local: 'srflx', remote: 'prflx' })).toBe('direct through NAT');
    expect(describePath({ local: 'host', remote: 'srflx' })).toBe('direct through NAT');
    expect(describePath({ local: 'relay', remote: 'srflx', relayProtocol: 'tcp' })).toBe('relay (TURN over TCP)');
    expect(describePath({ local: 'prflx', remote: 'relay' })).toBe('relay (TURN)');
  });
});

describe('data channel payloads', () => {
  it('accepts ArrayBuffer and Uint8Array (Node Buffers are Uint8Arrays), refuses text', () => {
    expect(toBytes(new Uint8Array([1, 2]).buffer)).toEqual(new Uint8Array([1, 2]));
    expect([...(toBytes(Buffer.from([3])) ?? [])]).toEqual([3]);
    expect(toBytes('text')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { candidateType, diagnoseConnectFailure, type CandidateType } from '../../src/net/connect-diagnosis.js';

const types = (...list: CandidateType[]): Set<CandidateType> => new Set(list);

describe('why a peer link did not connect', () => {
  it('reads candidate types from candidate lines', () => {
    expect(candidateType('candidate:1 1 udp 2122260223 192.168.1.5 54321 typ host generation 0')).toBe('host');
    expect(candidateType('candidate:2 1 udp 1686052607 203.0.113.9 40000 typ srflx raddr 0.0.0.0 rport 0')).toBe('srflx');
    expect(candidateType('candidate:3 1 udp 41885439 198.51.100.2 50000 typ relay raddr 203.0.113.9 rport 40000')).toBe('relay');
    expect(candidateType('garbage')).toBeUndefined();
  });

  it('says a TURN server is needed when only direct addresses were tried and none is configured', () => {
    const reason = diagnoseConnectFailure({ localTypes: types('host', 'srflx'), remoteTypes: types('host'), turnConfigured: false, iceErrors: [] });
    expect(reason).toMatch(/^a TURN server is needed/);
    expect(reason).toMatch(/TURN_SECRET/);
  });

  it('blames the TURN server when one is configured but gave no relay address, with its errors', () => {
    const reason = diagnoseConnectFailure({ localTypes: types('host'), remoteTypes: types('host'), turnConfigured: true, iceErrors: ['401 Unauthorized'] });
    expect(reason).toMatch(/configured one gave no relay address/);
    expect(reason).toMatch(/401 Unauthorized/);
  });

  it('tells apart a peer that sent nothing and a relay that was blocked', () => {
    expect(diagnoseConnectFailure({ localTypes: types('host'), remoteTypes: types(), turnConfigured: false, iceErrors: [] })).toMatch(/no network address arrived/);
    expect(diagnoseConnectFailure({ localTypes: types('relay'), remoteTypes: types('host'), turnConfigured: true, iceErrors: [] })).toMatch(/TURN relay did not get through/);
  });
});

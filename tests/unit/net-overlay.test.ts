import { describe, expect, it } from 'vitest';
import type { LinkStats } from '../../src/net/monitored-link.js';
import { formatKbps, formatMs, formatPercent, netOverlayModel, OVERLAY_COLUMNS, type NetOverlayInput } from '../../src/view/overlay/net-overlay-model.js';

function link(remoteId: string, overrides: Partial<LinkStats> = {}): LinkStats {
  return {
    remoteId,
    rttMs: 23.4,
    jitterMs: 1.25,
    loss: 0.025,
    bytesInPerSecond: 3_000,
    bytesOutPerSecond: 750,
    messagesInPerSecond: 24,
    messagesOutPerSecond: 34,
    totals: { bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0 },
    congestionDrops: 0,
    reliableOverflows: 0,
    malformedLinkFrames: 0,
    iceRestarts: 0,
    candidates: { local: 'host', remote: 'prflx' },
    ...overrides,
  };
}

const names: Record<string, string> = { h0st: 'Ann', b3n: 'Ben' };

function input(overrides: Partial<NetOverlayInput> = {}): NetOverlayInput {
  return {
    selfId: 'me',
    role: 'client',
    status: 'playing',
    host: { hostId: 'h0st', epoch: 2 },
    links: [link('h0st'), link('b3n', { rttMs: undefined, loss: 0.5, candidates: undefined })],
    replication: { snapshots: 120, undecodable: 1, interpolationDelayTicks: 6, renderTick: 1234.6, predictionCorrection: 0.25, snapshotBytes: 21 },
    nameOf: (id) => names[id],
    ...overrides,
  };
}

describe('net overlay formatting', () => {
  it.each([
    [undefined, '–'],
    [Number.NaN, '–'],
    [0.84, '0.8 ms'],
    [9.96, '10.0 ms'],
    [10, '10 ms'],
    [123.6, '124 ms'],
  ])('formats %s as %s', (value, text) => {
    expect(formatMs(value)).toBe(text);
  });

  it('formats loss and traffic', () => {
    expect([formatPercent(0), formatPercent(0.025), formatPercent(0.5), formatPercent(1)]).toEqual(['0.0 %', '2.5 %', '50 %', '100 %']);
    expect([formatKbps(0), formatKbps(3_000), formatKbps(125)]).toEqual(['0.0', '24.0', '1.0']);
  });

  it('shows a client: who hosts, replication numbers, one row per link with the host starred', () => {
    const model = netOverlayModel(input());
    expect(model.summary).toEqual([
      'you: client, playing',
      'host: Ann (h0st), epoch 2',
      'snapshots 120 (1 undecodable), last 21 B · interpolation 6 ticks (100 ms), render tick 1235 · prediction error 0.3 px',
    ]);
    expect(model.columns).toEqual(OVERLAY_COLUMNS);
    expect(model.rows).toEqual([
      ['★ Ann (h0st)', '23 ms', '1.3 ms', '2.5 %', '24.0', '6.0', 'direct through NAT (host→prflx)'],
      ['Ben (b3n)', '–', '1.3 ms', '50 %', '24.0', '6.0', '–'],
    ]);
  });

  it('shows a host as itself, and a peer the roster does not name yet', () => {
    const model = netOverlayModel(input({ role: 'host', host: { hostId: 'me', epoch: 0 }, replication: undefined, links: [link('n3w')] }));
    expect(model.summary).toEqual(['you: host, playing', 'host: you, epoch 0', 'hosting: sending snapshots to 1 peer(s)']);
    expect(model.rows[0]?.[0]).toBe('? (n3w)');
  });
});

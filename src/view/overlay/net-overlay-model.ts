import type { LinkStats } from '../../net/monitored-link.js';
import { describePath } from '../../net/peer-link.js';
import type { ClientReplicationStats } from '../../session/client-session.js';
import type { HostClaim } from '../../session/host-election.js';
import type { MatchRole, MatchStatus } from '../../session/match.js';
import { TICK_MS } from '../../game/tick.js';

/** Everything the net overlay shows, read from the match at one moment. */
export interface NetOverlayInput {
  readonly selfId: string;
  readonly role: MatchRole;
  readonly status: MatchStatus;
  readonly host: HostClaim;
  readonly links: readonly LinkStats[];
  /** The client's replication numbers; undefined while we host. */
  readonly replication: Readonly<ClientReplicationStats> | undefined;
  readonly nameOf: (peerId: string) => string | undefined;
}

/** The overlay as text: summary lines, then a table with one row per peer link. */
export interface NetOverlayModel {
  readonly summary: readonly string[];
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export const OVERLAY_COLUMNS = ['peer', 'RTT', 'jitter', 'loss', 'kbps in', 'kbps out', 'path'] as const;

/** Milliseconds for people: "–" when unknown, one decimal below 10 ms, whole above. */
export function formatMs(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
}

/** A 0–1 ratio as a percentage: one decimal below 10 %, whole above. */
export function formatPercent(ratio: number): string {
  const percent = ratio * 100;
  return `${percent < 10 ? percent.toFixed(1) : Math.round(percent)} %`;
}

/** Bytes per second as kilobits per second (1 kbit = 1,000 bits), one decimal. */
export function formatKbps(bytesPerSecond: number): string {
  return ((bytesPerSecond * 8) / 1000).toFixed(1);
}

function who(peerId: string, input: NetOverlayInput): string {
  if (peerId === input.selfId) return 'you';
  return `${input.nameOf(peerId) ?? '?'} (${peerId})`;
}

function replicationLine(stats: Readonly<ClientReplicationStats>): string {
  const delayMs = Math.round(stats.interpolationDelayTicks * TICK_MS);
  return [
    `snapshots ${stats.snapshots} (${stats.undecodable} undecodable), last ${stats.snapshotBytes} B`,
    `interpolation ${stats.interpolationDelayTicks} ticks (${delayMs} ms), render tick ${Math.round(stats.renderTick)}`,
    `prediction error ${stats.predictionCorrection.toFixed(1)} px`,
  ].join(' · ');
}

/** Turns the numbers into the overlay's text; pure, so it is tested without a page. */
export function netOverlayModel(input: NetOverlayInput): NetOverlayModel {
  const summary = [
    `${who(input.selfId, input)}: ${input.role}, ${input.status}`,
    `host: ${who(input.host.hostId, input)}, epoch ${input.host.epoch}`,
    input.replication ? replicationLine(input.replication) : `hosting: sending snapshots to ${input.links.length} peer(s)`,
  ];
  const rows = input.links.map((link) => [
    `${link.remoteId === input.host.hostId ? '★ ' : ''}${who(link.remoteId, input)}`,
    formatMs(link.rttMs),
    formatMs(link.jitterMs),
    formatPercent(link.loss),
    formatKbps(link.bytesInPerSecond),
    formatKbps(link.bytesOutPerSecond),
    link.candidates ? `${describePath(link.candidates)} (${link.candidates.local}→${link.candidates.remote})` : '–',
  ]);
  return { summary, columns: OVERLAY_COLUMNS, rows };
}

import { isRecord } from '../protocol/guards.js';
import type { CandidateType, RelayProtocol, SelectedCandidatePair } from './peer-link.js';

/**
 * The one place that knows how WebRTC implementations differ: what a data channel hands to
 * `onmessage` (ArrayBuffer in browsers, Buffer or ArrayBuffer in Node), how getStats names the
 * selected candidate pair (Chrome and libwebrtc: `transport.selectedCandidatePairId`; Firefox:
 * `selected` on the pair; otherwise a nominated, succeeded pair), and which ICE errors are noise.
 */

/** Bytes from a data channel message, or undefined when it was not binary. */
export function toBytes(data: unknown): Uint8Array | undefined {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return undefined;
}

const CANDIDATE_TYPES: readonly CandidateType[] = ['host', 'srflx', 'prflx', 'relay'];

function candidateType(value: unknown): CandidateType {
  return CANDIDATE_TYPES.find((type) => type === value) ?? 'unknown';
}

const RELAY_PROTOCOLS: readonly RelayProtocol[] = ['udp', 'tcp', 'tls'];

function relayProtocol(value: unknown): RelayProtocol | undefined {
  return RELAY_PROTOCOLS.find((protocol) => protocol === value);
}

function findSelectedPair(stats: readonly Record<string, unknown>[]): Record<string, unknown> | undefined {
  const byId = new Map(stats.map((entry) => [entry['id'], entry]));
  for (const entry of stats) {
    if (entry['type'] === 'transport' && typeof entry['selectedCandidatePairId'] === 'string') {
      const pair = byId.get(entry['selectedCandidatePairId']);
      if (pair) return pair;
    }
  }
  const pairs = stats.filter((entry) => entry['type'] === 'candidate-pair');
  return (
    pairs.find((pair) => pair['selected'] === true) ??
    pairs.find((pair) => pair['nominated'] === true && pair['state'] === 'succeeded')
  );
}

/** Reads which candidate types ICE selected, from any implementation's getStats report. */
export async function readSelectedCandidatePair(connection: RTCPeerConnection): Promise<SelectedCandidatePair | undefined> {
  let report: RTCStatsReport;
  try {
    report = await connection.getStats();
  } catch {
    return undefined; // closed meanwhile
  }
  const stats: Record<string, unknown>[] = [];
  report.forEach((entry: unknown) => {
    if (isRecord(entry)) stats.push(entry);
  });
  const pair = findSelectedPair(stats);
  if (!pair) return undefined;
  const byId = new Map(stats.map((entry) => [entry['id'], entry]));
  const local = byId.get(pair['localCandidateId']);
  const protocol = relayProtocol(local?.['relayProtocol']);
  return {
    local: candidateType(local?.['candidateType']),
    remote: candidateType(byId.get(pair['remoteCandidateId'])?.['candidateType']),
    ...(protocol && local?.['candidateType'] === 'relay' ? { relayProtocol: protocol } : {}),
  };
}

/**
 * libwebrtc reports 701 ("STUN host lookup received error" / no route) for every interface it
 * cannot use; it says nothing about whether the connection will work.
 */
const HARMLESS_ICE_ERROR = 701;

/**
 * Calls `onError` with a readable description of each ICE candidate error that matters, e.g. a
 * TURN server refusing the credentials (401). simple-peer emits no error in that case: the
 * connection just stays in `new`, so this is the only early sign.
 */
export function watchIceErrors(connection: RTCPeerConnection, onError: (description: string, code: number) => void): void {
  connection.addEventListener('icecandidateerror', (event: Event) => {
    const code = 'errorCode' in event && typeof event.errorCode === 'number' ? event.errorCode : 0;
    if (code === HARMLESS_ICE_ERROR) return;
    const url = 'url' in event && typeof event.url === 'string' ? event.url : 'an ICE server';
    const text = 'errorText' in event && typeof event.errorText === 'string' ? event.errorText : '';
    onError(`${url} answered ${code}${text ? ` ${text}` : ''}`, code);
  });
}

/** What a link's inbound audio stream shows in getStats: is the peer's voice arriving? */
export interface InboundAudioStats {
  readonly packetsReceived: number;
  /** The latest level, 0–1 (0 is silence). */
  readonly audioLevel: number;
  /** Sum of squared levels × duration since the start: grows while sound arrives. */
  readonly totalAudioEnergy: number;
}

function numberField(entry: Record<string, unknown>, name: string): number {
  const value = entry[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * Reads the inbound audio RTP stream of a connection (`inbound-rtp` whose `kind`, or older
 * `mediaType`, is audio); undefined when there is none yet or the connection is closed.
 */
export async function readInboundAudio(connection: RTCPeerConnection): Promise<InboundAudioStats | undefined> {
  let report: RTCStatsReport;
  try {
    report = await connection.getStats();
  } catch {
    return undefined;
  }
  let found: InboundAudioStats | undefined;
  report.forEach((entry: unknown) => {
    if (!isRecord(entry) || entry['type'] !== 'inbound-rtp') return;
    if (entry['kind'] !== 'audio' && entry['mediaType'] !== 'audio') return;
    found = {
      packetsReceived: numberField(entry, 'packetsReceived'),
      audioLevel: numberField(entry, 'audioLevel'),
      totalAudioEnergy: numberField(entry, 'totalAudioEnergy'),
    };
  });
  return found;
}

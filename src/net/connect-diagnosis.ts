import type { IceServerConfig } from '../protocol/lobby-messages.js';

/** ICE candidate types as SDP names them (`typ host`, `typ srflx`, …). */
export type CandidateType = 'host' | 'srflx' | 'prflx' | 'relay';

const CANDIDATE_TYPE = /\btyp (host|srflx|prflx|relay)\b/;

/** The type of an ICE candidate line, or undefined when it has none we know. */
export function candidateType(candidate: string): CandidateType | undefined {
  return CANDIDATE_TYPE.exec(candidate)?.[1] as CandidateType | undefined;
}

/** Whether these ICE servers include a TURN relay (a `turn:` or `turns:` URL). */
export function offersRelay(iceServers: readonly IceServerConfig[]): boolean {
  return iceServers.some((server) => [server.urls].flat().some((url) => /^turns?:/.test(url)));
}

/** What a link saw while it tried to connect. */
export interface ConnectAttempt {
  readonly localTypes: ReadonlySet<CandidateType>;
  readonly remoteTypes: ReadonlySet<CandidateType>;
  /** A TURN server was among the ICE servers this page was given. */
  readonly turnConfigured: boolean;
  /** `icecandidateerror` descriptions, e.g. a TURN server's 401. */
  readonly iceErrors: readonly string[];
}

/**
 * Why a peer link never opened, in words a player can act on. Two browsers behind NATs that
 * block direct traffic need a relay (TURN): what decides the advice is which kinds of addresses
 * each side could offer. `host` addresses only work on the same network, `srflx` (found through
 * STUN) through friendly NATs, `relay` (TURN) almost always.
 */
export function diagnoseConnectFailure(attempt: ConnectAttempt): string {
  const errors = attempt.iceErrors.length > 0 ? ` ICE errors: ${attempt.iceErrors.join('; ')}.` : '';
  if (attempt.remoteTypes.size === 0) {
    return `no network address arrived from them (their browser may block WebRTC, or the lobby could not relay it).${errors}`;
  }
  if (attempt.localTypes.has('relay') || attempt.remoteTypes.has('relay')) {
    return `even the TURN relay did not get through (a firewall may block its port).${errors}`;
  }
  if (!attempt.turnConfigured) {
    return `a TURN server is needed: neither side can be reached directly (a NAT or firewall is in the way), and this server offers no TURN relay; start it with TURN=managed, or set TURN_SECRET and TURN_URLS (see README).${errors}`;
  }
  return `a TURN server is needed, and the configured one gave no relay address (check that it is running and reachable).${errors}`;
}

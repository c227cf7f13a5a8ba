import type { IceServerConfig } from '../src/protocol/lobby-messages.js';
import { mintTurnCredentials } from './turn-credentials.js';

/** TURN with coturn's shared-secret (REST) scheme: credentials are minted per member. */
export interface TurnConfig {
  readonly secret: string;
  readonly urls: readonly string[];
  readonly ttlSeconds: number;
}

/**
 * Builds the per-member ICE server list handed out with every welcome: the static `ICE_SERVERS`
 * plus, when TURN is configured, a fresh short-lived credential whose user id is the session id
 * (so coturn's logs can be matched to the lobby's).
 */
export function iceServersFor(
  fixed: readonly IceServerConfig[],
  turn: TurnConfig | undefined,
  now: () => number = Date.now,
): (peerId: string) => readonly IceServerConfig[] {
  if (!turn) return () => fixed;
  return (peerId) => [
    ...fixed,
    mintTurnCredentials({ ...turn, userId: peerId, nowSeconds: Math.floor(now() / 1000) }),
  ];
}

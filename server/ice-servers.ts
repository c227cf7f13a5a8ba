import type { IceServerConfig } from '../src/protocol/lobby-messages.js';
import type { Logger } from './log.js';
import { mintTurnCredentials } from './turn-credentials.js';
import { randomToken, URL_SAFE_ALPHABET } from '../src/util/random-token.js';

/** TURN with coturn's shared-secret (REST) scheme: credentials are minted per member. */
export interface TurnConfig {
  readonly secret: string;
  /** The relay's URLs for a member who reached the lobby by `pageHost`; none: no TURN for it. */
  readonly urlsFor: (pageHost: string | undefined) => readonly string[];
  readonly ttlSeconds: number;
}

/** A relay on the lobby's own machine (`TURN=managed`): named by the host each page came from, UDP and TCP. */
export function pageHostTurnUrls(port: number): TurnConfig['urlsFor'] {
  return (pageHost) => (pageHost === undefined ? [] : [`turn:${pageHost}:${port}?transport=udp`, `turn:${pageHost}:${port}?transport=tcp`]);
}

export interface IceServerOptions {
  /** Where each minted credential's user id is logged with the peer it went to. */
  readonly logger?: Logger;
  readonly now?: () => number;
}

/** 72 random bits in 12 URL-safe characters, which coturn logs as the user. */
const newTurnUser = (): string => randomToken(URL_SAFE_ALPHABET, 12);

/**
 * Builds the ICE server list of one member's welcome: the static `ICE_SERVERS` plus, when TURN is
 * configured, a fresh short-lived credential. The room calls it only when it admits a member (its
 * welcome, also after a reconnection), so only members get credentials. The credential's user id
 * is drawn here, not taken from the member's peer id (which the client chose, so it could put
 * anything in coturn's logs, or mint look-alikes of another member's); the log line
 * `TURN credential minted` ties it to the peer, so coturn's logs can be matched to the lobby's.
 */
export function iceServersFor(
  fixed: readonly IceServerConfig[],
  turn: TurnConfig | undefined,
  options: IceServerOptions = {},
): (peerId: string, pageHost?: string) => readonly IceServerConfig[] {
  if (!turn) return () => fixed;
  const now = options.now ?? Date.now;
  return (peerId, pageHost) => {
    const urls = turn.urlsFor(pageHost);
    if (urls.length === 0) return fixed;
    const userId = newTurnUser();
    options.logger?.info({ peer: peerId, turnUser: userId, ttlSeconds: turn.ttlSeconds }, 'TURN credential minted');
    return [...fixed, mintTurnCredentials({ secret: turn.secret, urls, ttlSeconds: turn.ttlSeconds, userId, nowSeconds: Math.floor(now() / 1000) })];
  };
}

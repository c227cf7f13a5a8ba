import { createHmac } from 'node:crypto';
import type { IceServerConfig } from '../src/protocol/lobby-messages.js';

export interface TurnCredentialRequest {
  /** The secret shared with coturn (`--use-auth-secret --static-auth-secret=…`). */
  readonly secret: string;
  /** TURN URLs handed to the player, e.g. `turn:turn.example.org:3478?transport=udp`. */
  readonly urls: readonly string[];
  /** Who the credential is for (an id the lobby drew); appears in coturn's logs. Colons are removed. */
  readonly userId: string;
  /** How long the credential stays valid. */
  readonly ttlSeconds: number;
  /** Current time in Unix seconds (injected so tests are deterministic). */
  readonly nowSeconds: number;
}

/**
 * Mints short-lived TURN credentials in coturn's REST scheme: the username is
 * `<expiry unix seconds>:<user id>` and the password is base64(HMAC-SHA1(secret, username)).
 * coturn recomputes the HMAC and checks the expiry, so the lobby never has to tell coturn about
 * a player, and a leaked credential stops working by itself. The flip side: nothing can revoke one
 * before it expires (a kicked member keeps its credential until then), and coturn checks the expiry
 * only when an allocation is made or refreshed, not on relays already running.
 */
export function mintTurnCredentials(request: TurnCredentialRequest): IceServerConfig {
  if (request.secret.length === 0) throw new Error('TURN secret must not be empty');
  if (!(request.ttlSeconds > 0)) throw new Error(`TURN credential lifetime must be positive, got ${request.ttlSeconds}`);
  const expiry = Math.floor(request.nowSeconds + request.ttlSeconds);
  const username = `${expiry}:${request.userId.replace(/:/g, '')}`;
  const credential = createHmac('sha1', request.secret).update(username).digest('base64');
  return { urls: [...request.urls], username, credential };
}

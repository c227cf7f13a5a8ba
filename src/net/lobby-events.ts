import type { LobbyErrorPayload, MemberJoined, MemberLeft, SignalDelivery, WelcomePayload } from '../protocol/lobby-messages.js';

/** What a LobbySession reports, each payload validated; views and the mesh subscribe to these. */
export interface LobbyEvents extends Record<string, unknown> {
  /** A member entered or came back; `order` is the join order as the lobby holds it now. */
  'member-joined': MemberJoined;
  /** A member is gone (away or for good); `order` is the join order as the lobby holds it now. */
  'member-left': MemberLeft;
  /** The host flag moved; `null` while it is vacant (its holder went away). */
  'host-changed': { readonly hostId: string | null };
  locked: { readonly locked: boolean };
  /** A player's ready flag changed (ours too, once the lobby confirmed it). */
  'ready-changed': { readonly id: string; readonly ready: boolean };
  /** The host started the game. Late joiners see `started` in their welcome instead. */
  started: Record<string, never>;
  /** The host removed us; `disconnected` follows. */
  kicked: Record<string, never>;
  /**
   * The lobby will not take us back (our seat expired while we were away and the host locked the
   * game meanwhile): we are no longer in this game; `disconnected` follows.
   */
  'shut-out': { readonly reason: string };
  signal: SignalDelivery;
  'lobby-error': LobbyErrorPayload;
  /** The lobby connection dropped without us leaving: the session is trying to enter the room again. */
  'connection-lost': { readonly code: number };
  /** We are in the room again (same code, same peer id), with a fresh welcome. */
  reattached: WelcomePayload;
  /** The lobby connection ended for good. Peer links that are already open are not affected. */
  disconnected: { readonly code: number };
}

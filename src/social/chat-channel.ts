import type { MeshLinks } from '../net/mesh.js';
import { Channel, type PeerLink } from '../net/peer-link.js';
import { decodePeerMessage, encodePeerMessage, PeerMessageType } from '../protocol/peer-messages.js';
import type { Clock } from '../time/clock.js';
import { fail, ok, type Result } from '../util/result.js';
import { TokenBucket, type RateLimit } from '../util/token-bucket.js';
import type { ChatLine, ChatLog } from './chat-log.js';
import { cleanChatText } from './chat-text.js';

/** Chat traffic that was refused, per reason: a counted drop, never an exception. */
export interface ChatDrops {
  /** Frames of the chat type that did not decode. */
  malformed: number;
  /** Lines that were empty or too long after cleaning. */
  rejected: number;
  /** Lines beyond a sender's rate limit. */
  rateLimited: number;
}

export interface ChatChannelOptions {
  readonly selfId: string;
  readonly selfName: string;
  /** The match's mesh (`Match.peerLinks`): chat needs only the open links and news of new ones. */
  readonly links: Pick<MeshLinks, 'openLinks' | 'events'>;
  readonly log: ChatLog;
  /** Display name of a peer now (from the roster); undefined for one not (yet) in it. */
  readonly nameOf: (peerId: string) => string | undefined;
  readonly clock: Clock;
  /** Local wall-clock time for chat lines; Date.now by default. */
  readonly wallClock?: () => number;
  /** Per-sender limit, ours included (so our own lines are not dropped by the others). */
  readonly rateLimit?: RateLimit;
}

/** Five lines at once, then one a second: enough to talk, too little to flood anyone's screen. */
const DEFAULT_RATE_LIMIT: RateLimit = { burst: 5, perSecond: 1 };

/** What a peer is called before the roster names it: "Player" and the start of its id. */
export function unnamedPeer(peerId: string): string {
  return `Player ${peerId.slice(0, 4)}`;
}

/**
 * A chat frame is a two-element array whose type is Chat: `92 08`. Peeking at two bytes keeps
 * snapshots (most of the traffic) from being decoded twice, once by the session and once here.
 */
function isChatFrame(bytes: Uint8Array): boolean {
  return bytes[0] === 0x92 && bytes[1] === PeerMessageType.Chat;
}

/**
 * Text chat over the reliable channel of every peer link. In a full mesh each author sends its
 * line straight to every open link, so chat does not pass through the host and keeps working
 * while the host changes. The author is the link a line arrived on (the lobby stamped its id), so
 * nobody can speak under another peer's name. Received text is cleaned, bounded and rate-limited
 * per sender; refusals are counted in `drops`.
 */
export class ChatChannel {
  readonly drops: ChatDrops = { malformed: 0, rejected: 0, rateLimited: 0 };
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly rateLimit: RateLimit;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly attached = new WeakSet<PeerLink>();
  private closed = false;

  constructor(private readonly options: ChatChannelOptions) {
    this.rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
    for (const link of options.links.openLinks()) this.attach(link);
    this.unsubscribe.push(options.links.events.on('link-open', (link) => this.attach(link)));
  }

  /**
   * Sends a line to every open link and adds it to our own log. Fails (nothing sent) for an empty
   * or too long line, or when we are over our own rate limit.
   */
  send(raw: string): Result<ChatLine> {
    if (this.closed) return fail('chat is closed');
    const text = cleanChatText(raw);
    if (!text.ok) return text;
    if (!this.allow(this.options.selfId)) return fail('slow down: too many chat lines in a row');
    const bytes = encodePeerMessage({ type: PeerMessageType.Chat, text: text.value });
    for (const link of this.options.links.openLinks()) link.send(Channel.Reliable, bytes);
    return ok(this.record(this.options.selfId, this.options.selfName, text.value));
  }

  /** Stops listening for new links; lines already attached to links are ignored from now on. */
  close(): void {
    this.closed = true;
    for (const off of this.unsubscribe.splice(0)) off();
  }

  private attach(link: PeerLink): void {
    if (this.attached.has(link)) return;
    this.attached.add(link);
    const off = link.events.on('message', ({ channel, bytes }) => {
      if (!this.closed && channel === Channel.Reliable && isChatFrame(bytes)) this.receive(link.remoteId, bytes);
    });
    this.unsubscribe.push(off);
  }

  private receive(senderId: string, bytes: Uint8Array): void {
    const decoded = decodePeerMessage(bytes);
    if (!decoded.ok || decoded.value.type !== PeerMessageType.Chat) {
      this.drops.malformed += 1;
      return;
    }
    const text = cleanChatText(decoded.value.text);
    if (!text.ok) {
      this.drops.rejected += 1;
      return;
    }
    if (!this.allow(senderId)) {
      this.drops.rateLimited += 1;
      return;
    }
    this.record(senderId, this.options.nameOf(senderId) ?? unnamedPeer(senderId), text.value);
  }

  private allow(senderId: string): boolean {
    const now = this.options.clock.now();
    let bucket = this.buckets.get(senderId);
    if (!bucket) {
      bucket = new TokenBucket(this.rateLimit, now);
      this.buckets.set(senderId, bucket);
    }
    return bucket.take(now);
  }

  private record(senderId: string, senderName: string, text: string): ChatLine {
    const line: ChatLine = {
      senderId,
      senderName,
      text,
      at: (this.options.wallClock ?? Date.now)(),
      isSelf: senderId === this.options.selfId,
    };
    this.options.log.add(line);
    return line;
  }
}

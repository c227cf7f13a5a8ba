/**
 * The bookkeeping of ICE restarts on one link, apart from any WebRTC object so it can be tested
 * alone. Restarts are retried while a link stays quiet, and their offers and answers travel
 * through the lobby, which may lose or delay them (its connection can die with the same network
 * change). So every restart offer carries a generation number, echoed by its answer:
 * - the offering side applies only the answer to its newest offer (an answer to an older one
 *   would pair our new ICE credentials with the peer's view of the old ones, and WebRTC rejects
 *   an answer in the wrong state, which simple-peer turns into the end of the link);
 * - a retry while an offer is still fresh sends that same offer again instead of a new one, so a
 *   slow lobby cannot make every answer arrive too late for the offer it answers;
 * - the answering side answers each generation once and sends that same answer again when the
 *   offer comes again (its answer may be the message that was lost).
 */

/**
 * A restart offer newer than this is re-sent rather than replaced; nor does a new restart start
 * sooner after one, however often the peer asks (a hostile peer's requests cost a fresh
 * candidate gathering each).
 */
export const RESTART_OFFER_FRESH_MS = 2_500;
/** The same offer goes out again at most this often (each goes through the lobby). */
export const RESTART_RESEND_MS = 1_000;

/** What the offering side does when a restart is due. */
export type RestartStep =
  | { readonly kind: 'offer'; readonly generation: number }
  | { readonly kind: 'resend'; readonly generation: number }
  /** Mid-negotiation (the peer's own offer is being applied): try at the next retry. */
  | { readonly kind: 'wait' };

/** What the answering side does with an offer. */
export type OfferStep =
  | { readonly kind: 'apply' }
  | { readonly kind: 'resend'; readonly answer: string }
  /** An offer older than one already answered. */
  | { readonly kind: 'drop' };

export class IceRestartBook {
  /** Offering side: the generation of our newest restart offer (0: none yet). */
  private offered = 0;
  private offeredAt = Number.NEGATIVE_INFINITY;
  private resentAt = Number.NEGATIVE_INFINITY;
  /** Answering side: the newest restart generation we answered, and our answer to it. */
  private answered = 0;
  private lastAnswer: string | undefined;
  /** Restart offers and answers dropped as out of date. */
  stale = 0;

  constructor(private readonly now: () => number) {}

  /** Offering side: a restart is due and the connection is in `signalingState`. */
  nextOffer(signalingState: RTCSignalingState): RestartStep {
    const now = this.now();
    const pending = signalingState === 'have-local-offer' && this.offered > 0;
    if (now - this.offeredAt < RESTART_OFFER_FRESH_MS) {
      if (!pending || now - this.resentAt < RESTART_RESEND_MS) return { kind: 'wait' };
      this.resentAt = now;
      return { kind: 'resend', generation: this.offered };
    }
    if (signalingState !== 'stable' && signalingState !== 'have-local-offer') return { kind: 'wait' };
    this.offered += 1;
    this.offeredAt = now;
    return { kind: 'offer', generation: this.offered };
  }

  /** Offering side: whether an answer (tagged `generation`, undefined for the first one) may be applied. */
  acceptsAnswer(signalingState: RTCSignalingState, generation: number | undefined): boolean {
    const current = signalingState === 'have-local-offer' && (generation ?? 0) === this.offered;
    if (!current) this.stale += 1;
    return current;
  }

  /** Answering side: an offer tagged `generation` (undefined: the link's first offer) arrived. */
  onOffer(generation: number | undefined): OfferStep {
    if (generation === undefined) return { kind: 'apply' };
    if (generation < this.answered) {
      this.stale += 1;
      return { kind: 'drop' };
    }
    if (generation === this.answered) {
      // Being answered now (no answer yet): the answer goes out when ready.
      if (this.lastAnswer === undefined) return { kind: 'drop' };
      return { kind: 'resend', answer: this.lastAnswer };
    }
    this.answered = generation;
    this.lastAnswer = undefined;
    return { kind: 'apply' };
  }

  /** Offering side: the signal of a restart offer, tagged with its generation. */
  offerSignal(sdp: string, generation: number): string {
    return JSON.stringify({ type: 'offer', sdp, restart: generation });
  }

  /** Answering side: the signal our answer goes out as, tagged (and kept) when it answers a restart. */
  answerSignal(sdp: string): string {
    if (this.answered === 0) return JSON.stringify({ type: 'answer', sdp });
    this.lastAnswer = JSON.stringify({ type: 'answer', sdp, restart: this.answered });
    return this.lastAnswer;
  }
}

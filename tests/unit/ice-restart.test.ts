import { describe, expect, it } from 'vitest';
import { IceRestartBook, RESTART_OFFER_FRESH_MS, RESTART_RESEND_MS } from '../../src/net/ice-restart.js';

function book(): { readonly book: IceRestartBook; readonly advance: (ms: number) => void } {
  let now = 0;
  return { book: new IceRestartBook(() => now), advance: (ms) => (now += ms) };
}

describe('ICE restart bookkeeping (offers and answers through a lobby that may lose them)', () => {
  it('offers a new generation when stable, re-sends a fresh pending offer, replaces a stale one', () => {
    const { book: offering, advance } = book();
    expect(offering.nextOffer('stable')).toEqual({ kind: 'offer', generation: 1 });
    advance(1_000);
    expect(offering.nextOffer('have-local-offer')).toEqual({ kind: 'resend', generation: 1 });
    advance(RESTART_OFFER_FRESH_MS);
    expect(offering.nextOffer('have-local-offer')).toEqual({ kind: 'offer', generation: 2 });
    advance(RESTART_OFFER_FRESH_MS);
    expect(offering.nextOffer('have-remote-offer')).toEqual({ kind: 'wait' });
  });

  it('restarts at most once per 2.5 s and re-sends at most once a second, however often asked', () => {
    const { book: offering, advance } = book();
    expect(offering.nextOffer('stable')).toEqual({ kind: 'offer', generation: 1 });
    advance(300);
    // Answered quickly (stable again), then asked again and again: nothing new for a while.
    expect(offering.nextOffer('stable')).toEqual({ kind: 'wait' });
    expect(offering.nextOffer('have-local-offer')).toEqual({ kind: 'resend', generation: 1 });
    advance(200);
    expect(offering.nextOffer('have-local-offer')).toEqual({ kind: 'wait' });
    advance(RESTART_RESEND_MS);
    expect(offering.nextOffer('have-local-offer')).toEqual({ kind: 'resend', generation: 1 });
    advance(RESTART_OFFER_FRESH_MS);
    expect(offering.nextOffer('stable')).toEqual({ kind: 'offer', generation: 2 });
  });

  it('applies only the answer to the newest offer, in the right state; counts the others', () => {
    const { book: offering, advance } = book();
    expect(offering.acceptsAnswer('have-local-offer', undefined)).toBe(true); // the link's first answer
    offering.nextOffer('stable');
    advance(RESTART_OFFER_FRESH_MS);
    offering.nextOffer('have-local-offer');
    expect(offering.acceptsAnswer('have-local-offer', 1)).toBe(false);
    expect(offering.acceptsAnswer('stable', 2)).toBe(false);
    expect(offering.acceptsAnswer('have-local-offer', 2)).toBe(true);
    expect(offering.stale).toBe(2);
  });

  it('answers each generation once, sends the same answer again for a repeated offer, drops older offers', () => {
    const { book: answering } = book();
    expect(answering.onOffer(undefined)).toEqual({ kind: 'apply' });
    expect(JSON.parse(answering.answerSignal('first'))).toEqual({ type: 'answer', sdp: 'first' });
    expect(answering.onOffer(2)).toEqual({ kind: 'apply' });
    expect(answering.onOffer(2)).toEqual({ kind: 'drop' }); // still answering it
    const answer = answering.answerSignal('second');
    expect(JSON.parse(answer)).toEqual({ type: 'answer', sdp: 'second', restart: 2 });
    expect(answering.onOffer(2)).toEqual({ kind: 'resend', answer });
    expect(answering.onOffer(1)).toEqual({ kind: 'drop' });
    expect(answering.stale).toBe(1);
    expect(JSON.parse(answering.offerSignal('o', 3))).toEqual({ type: 'offer', sdp: 'o', restart: 3 });
  });
});

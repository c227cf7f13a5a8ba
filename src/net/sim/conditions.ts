import { fail, ok, type Result } from '../../util/result.js';

/**
 * What the simulated network does to the messages of one direction of one link. Loss,
 * duplication and reordering apply to the unreliable channel; on the reliable channel a "lost"
 * message arrives late instead (a retransmission), still in order, as SCTP would deliver it.
 */
export interface NetworkConditions {
  /** One-way delay added to every message. */
  readonly latencyMs: number;
  /** Each message's delay varies uniformly within ± this much. */
  readonly jitterMs: number;
  /** Probability (0–1) that an unreliable message is lost. */
  readonly loss: number;
  /** Probability that an unreliable message arrives twice. */
  readonly duplicate: number;
  /** Probability that an unreliable message is held back behind later ones. */
  readonly reorder: number;
  /** Link capacity; messages queue behind each other beyond it. Infinity: no cap. */
  readonly bandwidthBytesPerSecond: number;
}

/** A perfect network: the starting point every knob departs from. */
export const PERFECT_NETWORK: NetworkConditions = {
  latencyMs: 0,
  jitterMs: 0,
  loss: 0,
  duplicate: 0,
  reorder: 0,
  bandwidthBytesPerSecond: Number.POSITIVE_INFINITY,
};

/** Which way a message travels, seen from the link that applies the conditions. */
export type Direction = 'outgoing' | 'incoming';

/** Both directions of one link; either may be partial (the rest stays perfect). */
export interface LinkConditions {
  readonly outgoing?: Partial<NetworkConditions>;
  readonly incoming?: Partial<NetworkConditions>;
}

/** Fills in the knobs not given with a perfect network's. */
export function networkConditions(partial: Partial<NetworkConditions> = {}): NetworkConditions {
  return { ...PERFECT_NETWORK, ...partial };
}

const KNOBS: Readonly<Record<string, keyof NetworkConditions>> = {
  latency: 'latencyMs',
  jitter: 'jitterMs',
  loss: 'loss',
  dup: 'duplicate',
  reorder: 'reorder',
  bandwidth: 'bandwidthBytesPerSecond',
};
const PROBABILITIES: ReadonlySet<string> = new Set(['loss', 'duplicate', 'reorder']);

/**
 * Parses the browser's `?netsim=latency=80,jitter=20,loss=0.05,dup=0,reorder=0.01,bandwidth=50000`
 * (milliseconds, probabilities 0–1, bytes per second), so a person can try a bad network at run
 * time without rebuilding.
 */
export function parseNetworkConditions(text: string): Result<Partial<NetworkConditions>> {
  const result: Partial<Record<keyof NetworkConditions, number>> = {};
  for (const part of text.split(',').filter((item) => item.trim() !== '')) {
    const [name = '', value = ''] = part.split('=').map((item) => item.trim());
    const knob = KNOBS[name];
    const number = Number(value);
    if (!knob) return fail(`unknown network knob "${name}" (use ${Object.keys(KNOBS).join(', ')})`);
    if (value === '' || !Number.isFinite(number) || number < 0) return fail(`${name} must be a non-negative number`);
    if (PROBABILITIES.has(knob) && number > 1) return fail(`${name} is a probability between 0 and 1`);
    result[knob] = number;
  }
  return ok(result);
}

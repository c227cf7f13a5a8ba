/**
 * Which connection attempt a relayed signal belongs to: `<incarnation>.<attempt>:<signal>`. The
 * incarnation is the offering page's (random per page load), the attempt counts that page's offers
 * to one peer. A peer that reloads keeps its peer id but not its incarnation, and a link that is
 * repaired gets a new attempt number, so the answering side can tell a new connection from a late
 * signal of an old one, and never feeds a fresh offer into a dead link.
 */
export interface AttemptId {
  readonly incarnation: string;
  readonly attempt: number;
}

const ENVELOPE = /^([0-9a-f]{8})\.(\d{1,9}):([\s\S]*)$/;

export function wrapSignal(id: AttemptId, signal: string): string {
  return `${id.incarnation}.${id.attempt}:${signal}`;
}

/** The attempt and payload of a relayed signal, or undefined for one without a valid envelope. */
export function unwrapSignal(data: string): { readonly id: AttemptId; readonly signal: string } | undefined {
  const match = ENVELOPE.exec(data);
  if (!match) return undefined;
  const [, incarnation = '', attempt = '0', signal = ''] = match;
  return { id: { incarnation, attempt: Number(attempt) }, signal };
}

/** True when `a` and `b` name the same attempt. */
export function sameAttempt(a: AttemptId, b: AttemptId): boolean {
  return a.incarnation === b.incarnation && a.attempt === b.attempt;
}

/** True when `candidate` is a later attempt than `known` of the same page, or any attempt of another page (a reload). */
export function supersedesAttempt(candidate: AttemptId, known: AttemptId): boolean {
  return candidate.incarnation !== known.incarnation || candidate.attempt > known.attempt;
}

/**
 * Host reigns are numbered by epochs: 16-bit serial numbers (RFC 1982 arithmetic), so they fit
 * their wire field forever: after 65,535 comes 0, and "newer" is decided by the short way round
 * the circle. Only nearby epochs are ever compared (a peer follows one reign at a time), so the
 * wrap never confuses anyone, and no sequence of messages can push an epoch out of its range.
 */
export const EPOCH_MODULUS = 0x1_0000;
export const MAX_EPOCH = EPOCH_MODULUS - 1;

/**
 * How far ahead of the reign a peer knows a new reign may be. Usually the next one (+1); more
 * when a successor took over and failed before everyone heard of it, or when two reigns merged.
 * A claim further ahead is not a reign anyone could have reached: it is refused.
 */
export const EPOCH_WINDOW = 8;

/** The epoch after `epoch`. */
export function nextEpoch(epoch: number): number {
  return (epoch + 1) % EPOCH_MODULUS;
}

/** How many reigns `candidate` is ahead of `current` (negative or 0 if not ahead), mod 2^16. */
function ahead(candidate: number, current: number): number {
  const distance = (((candidate - current) % EPOCH_MODULUS) + EPOCH_MODULUS) % EPOCH_MODULUS;
  return distance < EPOCH_MODULUS / 2 ? distance : distance - EPOCH_MODULUS;
}

/** True when `candidate` is a newer reign than `current`, at most EPOCH_WINDOW ahead (a successor's claim). */
export function isNewerEpoch(candidate: number, current: number): boolean {
  const distance = ahead(candidate, current);
  return distance > 0 && distance <= EPOCH_WINDOW;
}

/**
 * True when `candidate` is any newer reign than `current` (the short way round the circle): the
 * host we follow renumbering its own reign, by as many as rival claims made it skip.
 */
export function isLaterEpoch(candidate: number, current: number): boolean {
  return ahead(candidate, current) > 0;
}

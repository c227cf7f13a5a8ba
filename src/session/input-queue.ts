/** At most this many inputs (ticks) wait for a player; more means the client runs ahead. */
const MAX_BACKLOG = 6;

/**
 * The host's queue of one client's inputs. The client samples one input per tick; the host
 * applies exactly one per tick, in order, so the host's simulation of that player matches the
 * client's prediction step for step. Redundant copies (each packet repeats recent samples) are
 * ignored, inputs the game calls invalid are refused, and a client sending faster than one input per tick only
 * fills a short backlog whose oldest entries are dropped: a flood of inputs cannot move a player
 * faster.
 */
export class InputQueue {
  private readonly pending: number[] = [];
  private newestQueued = -1;
  private current = 0;
  private applied = -1;
  /** Samples refused: inputs the game cannot mean. */
  invalid = 0;
  /** Samples dropped because the backlog was full. */
  overflow = 0;

  constructor(private readonly isValid: (input: number) => boolean) {}

  /** Takes the samples of one input packet: `inputs[0]` belongs to `seq`, `inputs[1]` to `seq − 1`, … */
  offer(seq: number, inputs: readonly number[]): void {
    for (let k = inputs.length - 1; k >= 0; k -= 1) {
      const sampleSeq = seq - k;
      const sample = inputs[k] ?? 0;
      if (sampleSeq <= this.newestQueued) continue;
      if (!this.isValid(sample)) {
        this.invalid += 1;
        continue;
      }
      // A gap (all copies of a sample lost) is filled by repeating the sample before it; never
      // more than the backlog holds, whatever sequence number a client claims.
      const filler = this.pending[this.pending.length - 1] ?? this.current;
      const gap = this.newestQueued < 0 ? 0 : Math.min(sampleSeq - this.newestQueued - 1, MAX_BACKLOG);
      for (let missing = 0; missing < gap; missing += 1) this.pending.push(filler);
      this.pending.push(sample);
      this.newestQueued = sampleSeq;
    }
    while (this.pending.length > MAX_BACKLOG) {
      this.pending.shift();
      this.overflow += 1;
    }
  }

  /**
   * Starts this queue where another host's left off (host migration): inputs up to `seq` were
   * already applied to the world this host resumed from, so only later ones are queued.
   */
  resumeAfter(seq: number): void {
    if (seq <= this.newestQueued) return;
    this.pending.length = 0;
    this.newestQueued = seq;
    this.applied = seq;
  }

  /** The input to apply this tick: the next queued input, or the last one again if none came. */
  next(): number {
    const sample = this.pending.shift();
    if (sample !== undefined) {
      this.current = sample;
      this.applied = this.newestQueued - this.pending.length;
    }
    return this.current;
  }

  /** Sequence number of the newest input applied so far (−1: none). */
  get appliedSeq(): number {
    return this.applied;
  }
}

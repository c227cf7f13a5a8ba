/** Summary statistics for bench tables: what a reader needs to judge a spread of runs. */
export interface Summary {
  readonly runs: number;
  readonly min: number;
  readonly median: number;
  readonly p95: number;
  readonly max: number;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const low = sorted[Math.floor(position)] ?? Number.NaN;
  const high = sorted[Math.ceil(position)] ?? Number.NaN;
  return low + (high - low) * (position - Math.floor(position));
}

const round = (value: number): number => Math.round(value * 100) / 100;

/** Min, median, 95th percentile and max, rounded to 0.01. */
export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    min: round(sorted[0] ?? Number.NaN),
    median: round(quantile(sorted, 0.5)),
    p95: round(quantile(sorted, 0.95)),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

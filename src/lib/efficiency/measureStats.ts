/** Summaries of repeated timings: the median as the figure, min/max and quartiles as its spread. */

export interface TimingStats {
  median: number;
  min: number;
  max: number;
  /** First and third quartiles (linear interpolation between order statistics). */
  q1: number;
  q3: number;
  /** The raw samples in the order they were taken. */
  samples: number[];
}

/** The value at fraction p ∈ [0, 1] of sorted values, interpolating linearly between neighbours. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of no values');
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

export function summarizeTimings(samples: readonly number[]): TimingStats {
  if (samples.length === 0) throw new RangeError('No timings to summarise.');
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
    samples: [...samples],
  };
}

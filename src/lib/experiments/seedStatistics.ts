/** The spread of one configuration's result over its seeds. */
export interface SeedStatistics {
  count: number;
  mean: number;
  /** Sample standard deviation (n − 1); NaN for a single seed, which measures no spread. */
  sd: number;
  min: number;
  max: number;
}

export function seedStatistics(values: readonly number[]): SeedStatistics {
  const count = values.length;
  if (count === 0) return { count, mean: NaN, sd: NaN, min: NaN, max: NaN };
  const mean = values.reduce((sum, value) => sum + value, 0) / count;
  const squares = values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  return {
    count,
    mean,
    sd: count > 1 ? Math.sqrt(squares / (count - 1)) : NaN,
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

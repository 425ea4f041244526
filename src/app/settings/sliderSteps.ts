/**
 * The values a slider offers: for sizes, powers of two and the midpoints between them
 * (8, 12, 16, 24, 32, 48, …), which covers the paper's grid without thousands of positions.
 */
export function powerOfTwoSteps(min: number, max: number): number[] {
  const steps = new Set<number>();
  for (let p = 1; p <= max; p *= 2) {
    for (const value of [p, p * 1.5]) if (value >= min && value <= max && Number.isInteger(value)) steps.add(value);
  }
  steps.add(min);
  steps.add(max);
  return [...steps].sort((a, b) => a - b);
}

/** The index of the step nearest to value. */
export function nearestStepIndex(steps: readonly number[], value: number): number {
  let best = 0;
  for (let i = 1; i < steps.length; i++) if (Math.abs(steps[i] - value) < Math.abs(steps[best] - value)) best = i;
  return best;
}

/** Only the powers of two from min to max (min itself a power of two): for lengths that must be one. */
export function powersOfTwo(min: number, max: number): number[] {
  const steps: number[] = [];
  for (let value = min; value <= max; value *= 2) steps.push(value);
  return steps;
}

/**
 * An estimate of how long a job will take, made before it starts from a short measurement on the active backend,
 * with the words that say what it was measured from. It is never a finished measurement: the page shows it as an
 * estimate, beside its basis, and drops it when the settings it was measured for change. Pure.
 */
import { durationText } from './durationText';

export interface MeasuredEstimate {
  /** Seconds the whole job should take. */
  seconds: number;
  /** What the estimate rests on, e.g. "measured: 340 ms a step over 3 steps on wasm; …". */
  basis: string;
}

/** The line shown for an estimate: the time, marked as an estimate, then its basis. */
export function estimateText(estimate: MeasuredEstimate): string {
  return `Estimated before starting: ${durationText(estimate.seconds)} (${estimate.basis}).`;
}

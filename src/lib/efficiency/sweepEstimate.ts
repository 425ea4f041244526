/**
 * How long an efficiency sweep will take, from one measurement of its costliest point. Timing every point first
 * would cost as much as the sweep, so the worker times only the point with the most forward FLOPs (by the cost
 * model) once, and the sweep is bounded by every point to run being as slow as that one: an upper bound, since
 * every other point has fewer FLOPs. Pure.
 */
import { encoderCost } from './costModel';
import { sweepPointConfig, type SweepPoint, type SweepShape } from './sweepPlan';

/** The point of `points` with the most forward FLOPs at this shape and batch; null when there is none. */
export function costliestPoint(shape: SweepShape, batch: number, points: readonly SweepPoint[]): SweepPoint | null {
  let best: SweepPoint | null = null;
  let bestFlops = -Infinity;
  for (const point of points) {
    const flops = encoderCost(sweepPointConfig(shape, point), batch).flops.total;
    if (flops > bestFlops) {
      best = point;
      bestFlops = flops;
    }
  }
  return best;
}

export interface CostliestPointTiming {
  /** One timed forward of the costliest point, after one untimed warm-up. */
  forwardMs: number;
  /** One timed training step of it, or null when the sweep does not time training. */
  trainStepMs: number | null;
}

/**
 * Seconds the sweep takes at most: each point runs `warmup` untimed and `repeats` timed forwards (and as many
 * training steps when training is timed), each no slower than the costliest point's.
 */
export function sweepSecondsBound(
  timing: CostliestPointTiming,
  plan: { points: number; warmup: number; repeats: number },
): number {
  const perRun = timing.forwardMs + (timing.trainStepMs ?? 0);
  return (plan.points * (plan.warmup + plan.repeats) * perRun) / 1000;
}

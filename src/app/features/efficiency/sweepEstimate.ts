/**
 * The estimate shown before a sweep starts, from the worker's one timing of the sweep's costliest point
 * (benchSession.timeCostliestPoint): every point to run is bounded by that point's time
 * (lib/efficiency/sweepEstimate.ts), so the estimate is an upper bound and says so. Pure.
 */
import { sweepSecondsBound } from '../../../lib/efficiency/sweepEstimate';
import type { SweepTiming } from '../../../worker/benchTypes';
import { formatCount, formatMs } from '../../shared/format/format';
import type { MeasuredEstimate } from '../../shared/estimate/measuredEstimate';
import type { BenchOptions } from './efficiencyStore';

/** Throws when no point of the sweep can run here (every one is over the guard rails). */
export function sweepEstimate(timing: SweepTiming, options: BenchOptions): MeasuredEstimate {
  if (timing.point === null) throw new Error('no point of this sweep fits on this device: every one would be skipped');
  const runs = options.warmup + options.repeats;
  const measured =
    timing.trainStepMs === null
      ? `a forward ${formatMs(timing.forwardMs)}`
      : `a forward ${formatMs(timing.forwardMs)} and a training step ${formatMs(timing.trainStepMs)}`;
  return {
    seconds: sweepSecondsBound(timing, { points: timing.points, warmup: options.warmup, repeats: options.repeats }),
    basis:
      `at most: measured ${measured} of the costliest point, ${timing.point}, once on ${timing.backend}; ` +
      `× ${formatCount(runs, 'run')} (warm-up and timed) × ${formatCount(timing.points, 'point')}, ` +
      'each point taken as slow as that one, so smaller points finish sooner',
  };
}

/**
 * The learning-rate schedule: a linear warm-up to the peak rate, then a linear decay to a floor.
 *
 * Why this shape: Adam's second-moment estimates are noisy over the first few hundred updates, so a
 * full-size step at the start can throw a freshly initialised Transformer into a bad region; ramping up
 * avoids that. Decaying afterwards lets the last updates settle instead of bouncing around a minimum.
 * Linear decay (rather than cosine) is used because its value at any step can be checked by hand and
 * because, over the short runs a browser affords, the two give practically the same losses.
 */

export interface LearningRateSchedule {
  /** The rate reached at the end of warm-up. */
  peakLearningRate: number;
  /** Updates spent ramping up linearly from peak/warmupSteps to the peak (0 starts at the peak). */
  warmupSteps: number;
  /** The update at which the decay reaches the floor; later updates stay at the floor. */
  totalSteps: number;
  /** The rate the decay ends at (often a tenth of the peak). */
  finalLearningRate: number;
}

/**
 * The learning rate for update number `update`, counted from 1 (the first update the trainer applies).
 *
 * - warm-up, 1 ≤ update ≤ warmupSteps: peak · update / warmupSteps, so the first update is already
 *   non-zero (a zero rate would waste a step) and update = warmupSteps reaches exactly the peak;
 * - decay, warmupSteps < update ≤ totalSteps: a straight line from the peak at warmupSteps down to the
 *   final rate at totalSteps;
 * - after totalSteps: the final rate.
 */
export function learningRateAt(update: number, schedule: LearningRateSchedule): number {
  const { peakLearningRate: peak, warmupSteps, totalSteps, finalLearningRate: floor } = schedule;
  if (warmupSteps > 0 && update <= warmupSteps) return (peak * Math.max(update, 0)) / warmupSteps;
  const decaySteps = totalSteps - warmupSteps;
  if (decaySteps <= 0) return floor;
  const progress = Math.min((update - warmupSteps) / decaySteps, 1);
  return peak + (floor - peak) * progress;
}

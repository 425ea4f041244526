/**
 * What a fine-tune's curves sample, free of tfjs so that the page's time estimate counts the same evaluations the
 * worker makes: the steps at which the dev split is scored, and the window of steps each training-loss point means.
 */

/** Each dev evaluation scores the whole dev split in forward batches of this many sentences (FineTuner.evaluate). */
export const EVALUATION_BATCH = 64;
/**
 * A forward pass costs about a third of a training step (forward, backward, update) of the same batch: the ratio
 * presetEstimate.ts uses for validation, which the timed estimate replaces with a measurement.
 */
const FORWARD_SHARE = 1 / 3;
/**
 * The dev evaluations during a run may cost at most this share of its training steps (by the forward-share model).
 * A quarter gives a default fine-tune (200 steps of 16 on ~600 dev sentences) 4 points, at most ~25% slower
 * than one scored only at the end; runs of about 500 steps or more get the full MAX_DEV_EVALUATIONS.
 */
export const DEV_EVALUATION_BUDGET = 0.25;
/** Enough points to see a dev curve rise and level off; more would only cost time. */
export const MAX_DEV_EVALUATIONS = 10;
/** At most about this many training-loss points per run: one per step up to 400 steps, window means beyond. */
const MAX_LOSS_POINTS = 400;

/** One dev evaluation's cost in training steps of `batchSize` (by the forward-share model). */
export function evaluationCostInSteps(devExamples: number, batchSize: number): number {
  return (Math.ceil(devExamples / EVALUATION_BATCH) * EVALUATION_BATCH * FORWARD_SHARE) / batchSize;
}

/**
 * The steps after which the dev split is scored, evenly spaced and ending at `totalSteps` (the final evaluation,
 * whose numbers are the result's): as many as DEV_EVALUATION_BUDGET allows, between 1 and MAX_DEV_EVALUATIONS.
 */
export function devEvaluationSteps(totalSteps: number, devExamples: number, batchSize: number): number[] {
  if (!(totalSteps >= 1)) return [];
  const cost = evaluationCostInSteps(Math.max(devExamples, 1), Math.max(batchSize, 1));
  const count = Math.min(MAX_DEV_EVALUATIONS, totalSteps, 1 + Math.floor((DEV_EVALUATION_BUDGET * totalSteps) / cost));
  const steps = Array.from({ length: count }, (_, i) => Math.round(((i + 1) * totalSteps) / count));
  return [...new Set(steps)];
}

/** Steps each training-loss point averages: 1 up to MAX_LOSS_POINTS steps, so a long run draws ≤ ~400 points. */
export function lossWindow(totalSteps: number): number {
  return Math.max(1, Math.ceil(totalSteps / MAX_LOSS_POINTS));
}

export interface LossPoint {
  /** The last step of the window. */
  step: number;
  /** Mean training loss over the window's steps. */
  loss: number;
}

export interface DevPoint {
  step: number;
  accuracy: number;
  /** Mean cross-entropy over the dev sentences. */
  loss: number;
}

/** Means of consecutive windows of `window` steps' losses; flush() ends a partial window (a stopped run). */
export class WindowMeans {
  private sum = 0;
  private count = 0;
  private lastStep = 0;

  constructor(private readonly window: number) {}

  /** The window's mean once it is full, else null. */
  add(step: number, loss: number): LossPoint | null {
    this.sum += loss;
    this.count += 1;
    this.lastStep = step;
    return this.count >= this.window ? this.take() : null;
  }

  flush(): LossPoint | null {
    return this.count > 0 ? this.take() : null;
  }

  private take(): LossPoint {
    const point = { step: this.lastStep, loss: this.sum / this.count };
    this.sum = 0;
    this.count = 0;
    return point;
  }
}

/**
 * A whole fine-tune, step by step, with its curves: the training loss (window means, curves.ts) and the dev split
 * scored at the steps devEvaluationSteps picks. The last dev point is the final evaluation itself, so the curve
 * ends on the result's numbers. The caller owns the tuner and the encoder; nothing here allocates tensors of its own.
 */
import { yieldToEventLoop } from '../train/yieldToEventLoop';
import { devEvaluationSteps, lossWindow, WindowMeans, type DevPoint, type LossPoint } from './curves';
import type { EncodedExamples } from './encodeExamples';
import type { FineTuneEvaluation, FineTuner } from './fineTuner';

export interface FineTuneCurves {
  totalSteps: number;
  trainingLoss: LossPoint[];
  dev: DevPoint[];
  /** How many dev evaluations the run plans (the last one is the final score). */
  plannedEvaluations: number;
  /** Steps each training-loss point means. */
  lossWindow: number;
}

export interface FineTuneRunHooks {
  /** Asked after every step; true stops the run there (it is then scored as it stands). */
  shouldStop(): boolean;
  /** After every step and evaluation, with the curves so far (the same arrays, growing). */
  onStep?(step: number, loss: number, curves: FineTuneCurves): void;
  /** Before a dev evaluation starts. */
  onEvaluating?(step: number): void;
}

export interface FineTuneRunOutcome {
  steps: number;
  evaluation: FineTuneEvaluation;
  curves: FineTuneCurves;
}

export async function runFineTuneWithCurves(
  tuner: FineTuner,
  dev: EncodedExamples,
  hooks: FineTuneRunHooks,
): Promise<FineTuneRunOutcome> {
  const { totalSteps, batchSize } = tuner.config;
  const evaluateAt = new Set(devEvaluationSteps(totalSteps, dev.count, batchSize));
  const window = lossWindow(totalSteps);
  const means = new WindowMeans(window);
  const curves: FineTuneCurves = {
    totalSteps,
    trainingLoss: [],
    dev: [],
    plannedEvaluations: evaluateAt.size,
    lossWindow: window,
  };
  let step = tuner.stepCount;
  let latest: FineTuneEvaluation | null = null;
  const score = async (): Promise<FineTuneEvaluation> => {
    hooks.onEvaluating?.(step);
    const evaluation = await tuner.evaluate(dev);
    curves.dev.push({ step, accuracy: evaluation.accuracy, loss: evaluation.loss });
    return evaluation;
  };
  while (step < totalSteps && !hooks.shouldStop()) {
    const report = await tuner.step();
    step = report.step;
    latest = null;
    const point = means.add(step, report.loss);
    if (point) curves.trainingLoss.push(point);
    // The final evaluation (at totalSteps, or where the run stopped) comes after the loop.
    if (evaluateAt.has(step) && step < totalSteps) latest = await score();
    hooks.onStep?.(step, report.loss, curves);
    await yieldToEventLoop(); // lets a stop request in
  }
  const rest = means.flush();
  if (rest) curves.trainingLoss.push(rest);
  // Stopped right after an evaluation: the dev split is scored already (no dropout, so a second pass is the same).
  const evaluation = latest ?? (await score());
  return { steps: step, evaluation, curves };
}

/**
 * The estimate shown before a fine-tune starts, from the worker's timing of a few of its steps and one dev batch
 * (finetuneSession.timeFineTune): the run's steps at the timed step time, plus the dev evaluations the run will
 * make (devEvaluationSteps, the worker's own schedule) at the timed evaluation. Pure.
 */
import { devEvaluationSteps } from '../../../lib/finetune/curves';
import { formatCount, formatMs } from '../../shared/format/format';
import type { MeasuredEstimate } from '../../shared/estimate/measuredEstimate';
import type { FineTuneTiming } from '../../../worker/finetuneTypes';

/** Fine-tune steps the estimate times, after one untimed step that compiles the kernels. */
export const FINETUNE_TIMED_STEPS = 3;

export function fineTuneEstimate(timing: FineTuneTiming, run: { steps: number; batchSize: number }): MeasuredEstimate {
  const evaluations = devEvaluationSteps(run.steps, timing.devExamples, run.batchSize).length;
  return {
    seconds: (run.steps * timing.msPerStep + evaluations * timing.msPerEvaluation) / 1000,
    basis:
      `measured: ${formatMs(timing.msPerStep)} a step over ${formatCount(timing.timedSteps, 'step')} on ` +
      `${timing.backend}, and ${formatMs(timing.msPerEvaluation)} a dev evaluation of ` +
      `${formatCount(timing.devExamples, 'sentence')}; ${formatCount(run.steps, 'step')} plus ` +
      `${formatCount(evaluations, 'dev evaluation')}`,
  };
}

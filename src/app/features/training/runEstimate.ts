/**
 * The estimate of a whole training run before it starts, from a few timed steps and one timed validation pass of
 * its settings on the active backend (the worker's timeSteps). Pure.
 */
import type { ExperimentSettings } from '../../settings/schema';
import type { MeasuredEstimate } from '../../shared/estimate/measuredEstimate';
import { formatCount, formatMs } from '../../shared/format/format';
import { runSecondsLeft, validationPassesLeft } from './presetEstimate';

/** Training steps the run estimate times, after one untimed step that compiles the kernels. */
export const RUN_TIMED_STEPS = 3;

/**
 * A whole run of `settings`: its steps at the timed step time and its validation passes at the timed pass
 * (runSecondsLeft from the start, with the measured pass instead of the preset queue's estimated one).
 */
export function runEstimate(
  settings: Pick<ExperimentSettings, 'steps' | 'evalInterval' | 'batchSize' | 'seqLen'>,
  timing: { msPerStep: number; msPerValidation?: number },
  timedSteps: number,
  backend: string,
): MeasuredEstimate {
  const passes = validationPassesLeft(settings, 0);
  const validation =
    timing.msPerValidation === undefined
      ? 'validation estimated from the step time'
      : `one validation pass ${formatMs(timing.msPerValidation)}, ${formatCount(passes, 'pass', 'passes')} to run`;
  return {
    seconds: runSecondsLeft(settings, 0, timing.msPerStep, timing.msPerValidation),
    basis:
      `measured: ${formatMs(timing.msPerStep)} a step over ${formatCount(timedSteps, 'step')} on ${backend}; ` +
      `${validation}; ${formatCount(settings.steps, 'step')} in all`,
  };
}

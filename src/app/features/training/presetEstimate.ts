/**
 * How long a run or a preset queue will take, from a few timed training steps of each configuration on the active
 * backend (or a running run's latest steps). Validation is estimated, not timed: each pass scores 4 batches of up to 64 windows forward only, and a
 * forward pass costs about a third of a training step (forward + backward + update) of the same batch. Pure.
 */
import { validationBatchSize } from '../../../lib/experiments/runSpec';
import type { QueuedJob } from './presetQueue';
import type { ExperimentSettings } from '../../settings/schema';

const EVAL_BATCHES = 4;
const FORWARD_SHARE = 1 / 3;

/** Seconds one job takes at `msPerStep` for its training steps. */
export function jobSeconds(job: QueuedJob, msPerStep: number): number {
  return runSecondsLeft(job.settings, 0, msPerStep);
}

/** Validation passes after `done` steps: the trainer validates every evalInterval steps and after the last. */
function evaluationsBy(done: number, steps: number, evalInterval: number): number {
  return Math.floor(done / evalInterval) + (done >= steps && steps % evalInterval !== 0 ? 1 : 0);
}

/** Validation passes a run of these settings makes after `done` steps (the trainer's rule above). */
export function validationPassesLeft(settings: Pick<ExperimentSettings, 'steps' | 'evalInterval'>, done: number): number {
  const { steps, evalInterval } = settings;
  const at = Math.min(done, steps);
  return evaluationsBy(steps, steps, evalInterval) - evaluationsBy(at, steps, evalInterval);
}

/**
 * Seconds a run of these settings still needs after `done` steps: its steps left and validation passes to come.
 * A pass costs `msPerValidation` when one was timed, else the estimate from the step time described above.
 */
export function runSecondsLeft(
  settings: Pick<ExperimentSettings, 'steps' | 'evalInterval' | 'batchSize' | 'seqLen'>,
  done: number,
  msPerStep: number,
  msPerValidation?: number,
): number {
  const { steps, batchSize, seqLen } = settings;
  const at = Math.min(done, steps);
  const passMs =
    msPerValidation ?? EVAL_BATCHES * (validationBatchSize(batchSize, seqLen) / batchSize) * FORWARD_SHARE * msPerStep;
  const validationMs = validationPassesLeft(settings, done) * passMs;
  return ((steps - at) * msPerStep + validationMs) / 1000;
}

/** Seconds for `jobs`, given ms per step for each configuration (by run index); NaN if one is missing. */
export function queueSeconds(jobs: readonly QueuedJob[], msPerStepByRun: ReadonlyMap<number, number>): number {
  return jobs.reduce((sum, job) => sum + jobSeconds(job, msPerStepByRun.get(job.runIndex) ?? NaN), 0);
}

// Every estimate on the page (runs, presets, sweeps, spectra) words its duration alike: shared/estimate.
export { durationText } from '../../shared/estimate/durationText';

/** Median ms per step of a run's latest steps (the first steps compile kernels and are slower). */
export function recentMsPerStep(training: readonly { msPerStep: number }[], last = 20): number {
  const recent = training
    .slice(-last)
    .map((point) => point.msPerStep)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (recent.length === 0) return NaN;
  const middle = Math.floor(recent.length / 2);
  return recent.length % 2 ? recent[middle] : (recent[middle - 1] + recent[middle]) / 2;
}

/**
 * Seconds left in a running queue: every job still to finish, at the timed speed of its configuration when the
 * preset was timed, else at the running job's own recent speed; less the steps the running job has done.
 */
export function queueSecondsLeft(
  remaining: readonly QueuedJob[],
  running: { job: QueuedJob; stepsDone: number; msPerStep: number } | null,
  timed: ReadonlyMap<number, number> | undefined,
): number {
  const fallback = running?.msPerStep ?? NaN;
  const speeds = new Map(remaining.map((job) => [job.runIndex, timed?.get(job.runIndex) ?? fallback]));
  const total = queueSeconds(remaining, speeds);
  if (!running) return total;
  return Math.max(0, total - (running.stepsDone * (speeds.get(running.job.runIndex) ?? fallback)) / 1000);
}

/**
 * A training run as the app keeps it: what was asked (settings, seed), where it ran (backend, adapter,
 * app version) and what was measured (metric series). Plain data: it is stored, exported and imported.
 */
import type { ExperimentSettings } from '../../settings/schema';
import type { RunInfo, RunStatus } from '../../../worker/computeApi';
import type { StepReport } from '../../../lib/train';

export interface TrainingPoint {
  step: number;
  loss: number;
  learningRate: number;
  msPerStep: number;
  tokensPerSecond: number;
  numBytesInGPU?: number;
  numTensors: number;
  /** Global gradient norm before clipping (absent in runs recorded before the app kept it). */
  gradNorm?: number;
  /** Whether clipping scaled this step's gradients down (absent in older runs). */
  clipped?: boolean;
}

export interface ValidationPoint {
  step: number;
  loss: number;
  perplexity: number;
}

export interface RunRecord {
  id: string;
  label: string;
  settings: ExperimentSettings;
  startedAt: string;
  backend: string;
  adapter: string | null;
  appVersion: string;
  status: RunStatus;
  message?: string;
  info: RunInfo | null;
  training: TrainingPoint[];
  validation: ValidationPoint[];
}

export function describeRun(settings: ExperimentSettings): string {
  const attention =
    settings.attention === 'standard'
      ? 'standard'
      : `linformer k=${settings.kPerLayer.length ? settings.kPerLayer.join('/') : settings.k}` +
        (settings.sharing !== 'none' ? ` ${settings.sharing}` : '') +
        (settings.projection !== 'linear' ? ` ${settings.projection}` : '');
  return `${attention}, n=${settings.seqLen}${settings.tokenizer === 'bpe512' ? ', BPE' : ''}, seed ${settings.seed}`;
}

export function appendReport(run: RunRecord, report: StepReport): RunRecord {
  const point: TrainingPoint = {
    step: report.step,
    loss: report.loss,
    learningRate: report.learningRate,
    msPerStep: report.msPerStep,
    tokensPerSecond: report.tokensPerSecond,
    numTensors: report.memory.numTensors,
    ...(report.memory.numBytesInGPU !== undefined ? { numBytesInGPU: report.memory.numBytesInGPU } : {}),
    gradNorm: report.gradNorm,
    clipped: report.clipped,
  };
  return {
    ...run,
    training: [...run.training, point],
    validation: report.validation
      ? [
          ...run.validation,
          { step: report.step, loss: report.validation.loss, perplexity: report.validation.perplexity },
        ]
      : run.validation,
  };
}

/**
 * A run stored as still going that no page is running any more (the page was reloaded or closed during it): stopped,
 * at its last recorded step, with a message that says so. Its metrics stay as they were saved.
 */
export function interruptedRun(run: RunRecord): RunRecord {
  const last = run.training.at(-1)?.step;
  const message =
    last === undefined
      ? 'Interrupted before its first step: the page was closed or reloaded.'
      : `Interrupted at step ${last}: the page was closed or reloaded during this run.`;
  return { ...run, status: 'stopped', message };
}

/** The Web Lock a page holds while it trains the run `id` (persistRuns.ts); other tabs read it to tell a live run from an interrupted one. */
export function runLockName(id: string): string {
  return `linformer-lab.run:${id}`;
}

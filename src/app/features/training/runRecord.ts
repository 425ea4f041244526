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

/**
 * Finished fine-tunes as the page keeps them: a short list in localStorage (a result is a few hundred bytes),
 * the Table 2-style rows they make and their CSV. Pure functions apart from the storage reads and writes.
 */
import type { CsvValue } from '../charts';
import type { FineTuneResult } from '../../worker/finetuneTypes';

export interface StoredFineTune {
  id: string;
  /** When it finished (ISO 8601). */
  finishedAt: string;
  result: FineTuneResult;
}

export const RESULTS_STORAGE_KEY = 'linformer-lab:finetune-results:v1';
/** Results kept: enough for a Table 2 of several kinds, k and sharing modes, on both sets, with repeats. */
export const MAX_RESULTS = 40;

export function loadStoredResults(storage: Pick<Storage, 'getItem'> | undefined): StoredFineTune[] {
  try {
    const raw = storage?.getItem(RESULTS_STORAGE_KEY);
    if (!raw) return [];
    const parsed: unknown = JSON.parse(raw);
    // Anything malformed (an older format, a hand edit) is skipped rather than allowed to break the page.
    return Array.isArray(parsed) ? parsed.filter(isStoredFineTune).slice(0, MAX_RESULTS) : [];
  } catch {
    return [];
  }
}

export function saveStoredResults(storage: Pick<Storage, 'setItem'> | undefined, results: StoredFineTune[]): void {
  try {
    storage?.setItem(RESULTS_STORAGE_KEY, JSON.stringify(results.slice(0, MAX_RESULTS)));
  } catch {
    // Storage full or disabled: the results stay on the page for this visit.
  }
}

function isStoredFineTune(value: unknown): value is StoredFineTune {
  if (typeof value !== 'object' || value === null) return false;
  const { id, finishedAt, result } = value as Partial<StoredFineTune>;
  return (
    typeof id === 'string' &&
    typeof finishedAt === 'string' &&
    typeof result === 'object' &&
    result !== null &&
    typeof result.devAccuracy === 'number' &&
    typeof result.majorityAccuracy === 'number' &&
    typeof result.model?.attention === 'string'
  );
}

/** "standard" or "Linformer k = 8" (per-layer k listed when they differ). */
export function attentionLabel(result: FineTuneResult): string {
  if (result.model.attention === 'standard') return 'standard';
  const ks = [...new Set(result.model.kPerLayer)];
  return `Linformer k = ${ks.join('/')}`;
}

export function sharingLabel(result: FineTuneResult): string {
  return result.model.attention === 'standard' ? '—' : result.model.sharing;
}

export function pretrainingLabel(result: FineTuneResult): string {
  return result.start === 'fresh' ? 'no' : `yes (${result.pretrainingSteps} MLM steps on ${result.corpus})`;
}

export function modelSizeLabel(result: FineTuneResult): string {
  const { layers, heads, dModel, seqLen } = result.model;
  return `${layers}×${heads}, d = ${dModel}, n = ${seqLen}`;
}

export function toPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** One CSV row per result: everything needed to repeat or compare it. */
export function resultsCsvRows(results: readonly StoredFineTune[]): Record<string, CsvValue>[] {
  return results.map(({ id, finishedAt, result }) => ({
    id,
    finishedAt,
    dataset: result.dataset,
    attention: result.model.attention,
    k: result.model.attention === 'standard' ? '' : result.model.kPerLayer.join(' '),
    sharing: result.model.attention === 'standard' ? '' : result.model.sharing,
    projection: result.model.attention === 'standard' ? '' : result.model.projection,
    pretrained: result.start === 'trained' ? 'yes' : 'no',
    pretrainingSteps: result.pretrainingSteps,
    corpus: result.corpus,
    layers: result.model.layers,
    heads: result.model.heads,
    dModel: result.model.dModel,
    seqLen: result.model.seqLen,
    pooling: result.pooling,
    steps: result.steps,
    learningRate: result.learningRate,
    batchSize: result.batchSize,
    seed: result.seed,
    trainExamples: result.trainExamples,
    devExamples: result.devExamples,
    devAccuracy: result.devAccuracy,
    devLoss: result.devLoss,
    majorityAccuracy: result.majorityAccuracy,
    devTruncated: result.devTruncated,
    unknownCharacters: result.unknownCharacters,
    seconds: result.seconds,
    stoppedEarly: result.stoppedEarly ? 'yes' : 'no',
  }));
}

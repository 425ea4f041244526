/**
 * Finished fine-tunes as the page keeps them (IndexedDB, see finetuneStore.ts), the Table 2-style labels they
 * are shown with and their CSV. Pure functions apart from reading what older versions kept in localStorage.
 */
import type { CsvValue } from '../../shared/export/exportFigure';
import { MISSING_TEXT } from '../../shared/format/format';
import type { FineTuneResult } from '../../../worker/finetuneTypes';
import { storedFineTuneProblem } from './finetuneFile';
import type { StoredFineTune } from './storedFinetune';

export type { StoredFineTune } from './storedFinetune';

/** Where versions before the IndexedDB history kept results; read once, moved into the history, then removed. */
export const LEGACY_STORAGE_KEY = 'linformer-lab:finetune-results:v1';

export function readLegacyResults(storage: Pick<Storage, 'getItem'> | undefined): StoredFineTune[] {
  try {
    const raw = storage?.getItem(LEGACY_STORAGE_KEY);
    if (!raw) return [];
    const parsed: unknown = JSON.parse(raw);
    // Anything malformed (a hand edit) is skipped rather than allowed to break the page.
    return Array.isArray(parsed)
      ? parsed.filter((entry): entry is StoredFineTune => storedFineTuneProblem(entry) === null)
      : [];
  } catch {
    return [];
  }
}

/** Newest first; ties (same millisecond) by id so the order is stable. */
export function newestFirst(results: StoredFineTune[]): StoredFineTune[] {
  return results.sort((a, b) => b.finishedAt.localeCompare(a.finishedAt) || b.id.localeCompare(a.id));
}

/** "standard" or "Linformer k = 8" (per-layer k listed when they differ). */
export function attentionLabel(result: FineTuneResult): string {
  if (result.model.attention === 'standard') return 'standard';
  const ks = [...new Set(result.model.kPerLayer)];
  return `Linformer k = ${ks.join('/')}`;
}

export function sharingLabel(result: FineTuneResult): string {
  return result.model.attention === 'standard' ? MISSING_TEXT : result.model.sharing;
}

/** "yes (200 MLM steps on moby-dick, run "linformer k=8, …")": the run only where the result recorded it. */
export function pretrainingLabel(result: FineTuneResult): string {
  if (result.start === 'fresh') return 'no';
  const run = result.trainedRunLabel === undefined ? '' : `, run "${result.trainedRunLabel}"`;
  return `yes (${result.pretrainingSteps} MLM steps on ${result.corpus}${run})`;
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
  return results.map(({ id, finishedAt, result, backend, link }) => ({
    id,
    finishedAt,
    dataset: result.dataset,
    attention: result.model.attention,
    k: result.model.attention === 'standard' ? '' : result.model.kPerLayer.join(' '),
    sharing: result.model.attention === 'standard' ? '' : result.model.sharing,
    projection: result.model.attention === 'standard' ? '' : result.model.projection,
    pretrained: result.start === 'trained' ? 'yes' : 'no',
    pretrainingSteps: result.pretrainingSteps,
    trainedRunId: result.trainedRunId ?? '',
    trainedRunLabel: result.trainedRunLabel ?? '',
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
    backend: backend ?? '',
    link: link ?? '',
  }));
}

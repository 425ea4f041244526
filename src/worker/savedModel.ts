/**
 * Trained models kept across a reload: saved (weights, spec, step count) when a run finishes or is stopped, under the
 * run's id, and rebuilt from IndexedDB when a later page session asks for a trained model. The latest KEPT_MODELS
 * are kept (savedModelDb.ts evicts older ones), so storage stays the size of a few models; the spectra's "trained
 * model" is the newest of them, and a fine-tune may start from any.
 *
 * "Clear all saved data" asks this module first (clearTrainedModels): it stops later saves, waits for any save in
 * flight and only then empties the store, so that a save finishing just after a clear cannot put a model back.
 */
import type { TrainingRunSpec } from '../lib/experiments/runSpec';
import { assertValidConfig, type ModelConfig } from '../lib/model/config';
import { createEncoder, type Encoder } from '../lib/model/encoder';
import { exportWeights, importWeights, type SavedWeight } from '../lib/model/savedWeights';
import {
  clearSavedModel,
  deleteSavedModel,
  readSavedModel,
  readSavedModels,
  writeSavedModel,
  type SavedModelRecord,
} from './savedModelDb';

/** What the page is told about a kept model. */
export interface SavedModelInfo {
  /** The training run's id ('latest' for the one model versions before per-run keys kept). */
  id: string;
  label: string;
  steps: number;
  /** ISO time of the save. */
  savedAt: string;
  /** The corpus it was trained on (the one its spectra read). */
  corpus: TrainingRunSpec['corpus'];
  /** What the run trained (so the page can link to its settings). */
  spec: TrainingRunSpec;
}

export interface RestoredModel {
  spec: TrainingRunSpec;
  steps: number;
  model: Encoder;
  info: SavedModelInfo;
}

/** The run in words, as the page's run history names runs (runRecord.ts's describeRun), plus its corpus. */
export function describeSpec(spec: TrainingRunSpec): string {
  const { model } = spec;
  const attention =
    model.attention === 'standard'
      ? 'standard'
      : `linformer k=${[...new Set(model.kPerLayer)].length === 1 ? model.kPerLayer[0] : model.kPerLayer.join('/')}` +
        (model.sharing !== 'none' ? ` ${model.sharing}` : '') +
        (model.projection !== 'linear' ? ` ${model.projection}` : '');
  return `${attention}, n=${model.seqLen}${spec.tokenizer === 'bpe512' ? ', BPE' : ''}, seed ${model.seed}, ${spec.corpus}`;
}

/** Saves that have not yet committed (or failed); clearTrainedModels waits for them. */
const inFlight = new Set<Promise<unknown>>();
/** Set by clearTrainedModels: from then on saves are dropped until the page (and with it this worker) reloads. */
let sealed = false;

/**
 * Keeps a run's model under `runId` (a later save of the same run replaces it; the oldest beyond the bound is
 * evicted). The weights are copied at the call, so the caller may dispose the model right after it returns.
 */
export function saveTrainedModel(runId: string, spec: TrainingRunSpec, steps: number, model: Encoder): Promise<void> {
  if (sealed) return Promise.resolve();
  const weights = exportWeights(model);
  const config: ModelConfig = { ...model.config, kPerLayer: [...model.config.kPerLayer] };
  const saving = (async () => {
    const record: SavedModelRecord = {
      id: runId,
      format: 1,
      savedAt: new Date().toISOString(),
      label: describeSpec(spec),
      spec: { ...spec, startPaused: undefined },
      config,
      steps,
      weights: await weights,
    };
    // Checked again after the read-back: a clear may have come while the weights were read from the GPU.
    if (sealed) return;
    await writeSavedModel(record);
  })();
  inFlight.add(saving);
  const forget = () => inFlight.delete(saving);
  saving.then(forget, forget);
  return saving;
}

/**
 * "Clear all saved data", worker side: no save after this call is written, every save already under way is waited
 * for (its write lands before the clear, never after), then the store is emptied. The page reloads next, which ends
 * this worker and the seal with it. A failed clear lifts the seal again: nothing was cleared, so saving goes on.
 */
export async function clearTrainedModels(factory?: IDBFactory): Promise<void> {
  sealed = true;
  await Promise.allSettled([...inFlight]);
  try {
    await clearSavedModel(factory ?? globalThis.indexedDB);
  } catch (error) {
    sealed = false;
    throw error;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Throws unless `value` has the shape of a record this version wrote (the weights' own fit is importWeights's check). */
function checkedRecord(value: unknown): SavedModelRecord {
  if (!isObject(value) || value.format !== 1) throw new Error('the saved model is of an unknown format');
  const { id, spec, config, steps, weights, label, savedAt } = value;
  if (typeof id !== 'string') throw new Error('the saved model has no id');
  if (!isObject(spec) || typeof spec.corpus !== 'string' || !isObject(spec.model)) throw new Error('the saved run spec is damaged');
  if (!isObject(config)) throw new Error('the saved model config is damaged');
  if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 0) throw new Error('the saved step count is damaged');
  if (typeof label !== 'string' || typeof savedAt !== 'string') throw new Error('the saved description is damaged');
  if (!Array.isArray(weights) || !weights.every((w: unknown) => isObject(w) && typeof w.name === 'string'))
    throw new Error('the saved weights are damaged');
  assertValidConfig(config as unknown as ModelConfig);
  return value as unknown as SavedModelRecord;
}

const infoOf = (record: SavedModelRecord): SavedModelInfo => ({
  id: record.id,
  label: record.label,
  steps: record.steps,
  savedAt: record.savedAt,
  corpus: record.spec.corpus,
  spec: record.spec,
});

/** Deletes a record that cannot be read (logged): it would fail the same way every time. */
async function drop(raw: unknown, error: unknown): Promise<void> {
  console.warn('A saved trained model was dropped:', error);
  const id = isObject(raw) && typeof raw.id === 'string' ? raw.id : null;
  if (id !== null) await deleteSavedModel(id).catch(() => undefined);
}

/**
 * The kept models, newest first, described (no weights are loaded onto the backend). A damaged record is deleted
 * and left out. An unreadable database reads as none kept.
 */
export async function listTrainedModels(): Promise<SavedModelInfo[]> {
  let raws: unknown[];
  try {
    raws = await readSavedModels();
  } catch (error) {
    console.warn('The saved trained models could not be read:', error);
    return [];
  }
  const infos: SavedModelInfo[] = [];
  for (const raw of raws) {
    try {
      infos.push(infoOf(checkedRecord(raw)));
    } catch (error) {
      await drop(raw, error);
    }
  }
  return infos;
}

/** Rebuilds a record on the active backend; a record that does not fit is deleted and reads as null. */
async function rebuild(raw: unknown): Promise<RestoredModel | null> {
  let model: Encoder | null = null;
  try {
    const record = checkedRecord(raw);
    model = createEncoder(record.config);
    importWeights(model, record.weights as SavedWeight[]);
    return { spec: record.spec, steps: record.steps, model, info: infoOf(record) };
  } catch (error) {
    model?.dispose();
    await drop(raw, error);
    return null;
  }
}

/**
 * A kept model rebuilt on the active backend: the run `runId`'s, or without an id the newest readable one; null when
 * none is kept. A damaged or incompatible record (one this version cannot read, or whose weights do not fit its
 * config) is deleted and reads as no model (without an id, the next newest is tried): never a crash.
 */
export async function restoreTrainedModel(runId?: string): Promise<RestoredModel | null> {
  let raws: unknown[];
  try {
    raws = runId === undefined ? await readSavedModels() : [await readSavedModel(runId)];
  } catch (error) {
    console.warn('The saved trained model could not be read:', error);
    return null;
  }
  for (const raw of raws) {
    if (raw === null || raw === undefined) continue;
    const restored = await rebuild(raw);
    if (restored) return restored;
  }
  return null;
}

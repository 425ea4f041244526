/**
 * The last trained model kept across a reload: saved (weights, spec, step count) when a run finishes or is stopped,
 * and rebuilt from IndexedDB when a later page session asks for a trained model before training one. Only the latest
 * model is kept (one record, savedModelDb.ts), so storage stays the size of one model.
 */
import type { TrainingRunSpec } from '../lib/experiments/runSpec';
import { assertValidConfig, type ModelConfig } from '../lib/model/config';
import { createEncoder, type Encoder } from '../lib/model/encoder';
import { exportWeights, importWeights, type SavedWeight } from '../lib/model/savedWeights';
import { clearSavedModel, readSavedModel, writeSavedModel, LATEST_KEY, type SavedModelRecord } from './savedModelDb';

/** What the page is told about a model restored from an earlier session. */
export interface SavedModelInfo {
  label: string;
  steps: number;
  /** ISO time of the save. */
  savedAt: string;
  /** The corpus it was trained on (the one its spectra read). */
  corpus: TrainingRunSpec['corpus'];
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

/** Saves a model as the one kept; the weights are copied at the call, so the caller may dispose the model right after it returns. */
export function saveTrainedModel(spec: TrainingRunSpec, steps: number, model: Encoder): Promise<void> {
  const weights = exportWeights(model);
  const config: ModelConfig = { ...model.config, kPerLayer: [...model.config.kPerLayer] };
  return (async () => {
    const record: SavedModelRecord = {
      id: LATEST_KEY,
      format: 1,
      savedAt: new Date().toISOString(),
      label: describeSpec(spec),
      spec: { ...spec, startPaused: undefined },
      config,
      steps,
      weights: await weights,
    };
    await writeSavedModel(record);
  })();
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Throws unless `value` has the shape of a record this version wrote (the weights' own fit is importWeights's check). */
function checkedRecord(value: unknown): SavedModelRecord {
  if (!isObject(value) || value.format !== 1) throw new Error('the saved model is of an unknown format');
  const { spec, config, steps, weights, label, savedAt } = value;
  if (!isObject(spec) || typeof spec.corpus !== 'string' || !isObject(spec.model)) throw new Error('the saved run spec is damaged');
  if (!isObject(config)) throw new Error('the saved model config is damaged');
  if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 0) throw new Error('the saved step count is damaged');
  if (typeof label !== 'string' || typeof savedAt !== 'string') throw new Error('the saved description is damaged');
  if (!Array.isArray(weights) || !weights.every((w: unknown) => isObject(w) && typeof w.name === 'string'))
    throw new Error('the saved weights are damaged');
  assertValidConfig(config as unknown as ModelConfig);
  return value as unknown as SavedModelRecord;
}

/**
 * The kept model rebuilt on the active backend, or null when none is kept. A damaged or incompatible record (one
 * this version cannot read, or whose weights do not fit its config) is deleted and reads as no model: never a crash.
 */
export async function restoreTrainedModel(): Promise<RestoredModel | null> {
  let raw: unknown;
  try {
    raw = await readSavedModel();
  } catch (error) {
    console.warn('The saved trained model could not be read:', error);
    return null;
  }
  if (raw === null || raw === undefined) return null;
  let model: Encoder | null = null;
  try {
    const record = checkedRecord(raw);
    model = createEncoder(record.config);
    importWeights(model, record.weights as SavedWeight[]);
    return {
      spec: record.spec,
      steps: record.steps,
      model,
      info: { label: record.label, steps: record.steps, savedAt: record.savedAt, corpus: record.spec.corpus },
    };
  } catch (error) {
    model?.dispose();
    console.warn('The saved trained model was dropped:', error);
    await clearSavedModel().catch(() => undefined);
    return null;
  }
}

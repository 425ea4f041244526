/**
 * The kept trained model: saved, rebuilt, and dropped when damaged, on an in-memory IndexedDB
 * (lib/storage/testing/memoryIndexedDb.ts; fake-indexeddb is not installed).
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEncoder, encoderForward, type Encoder } from '../lib/model';
import { tinyConfig } from '../lib/model/testConfigs';
import type { TrainingRunSpec } from '../lib/experiments/runSpec';
import { describeSpec, restoreTrainedModel, saveTrainedModel } from './savedModel';
import { LATEST_KEY, WEIGHTS_DB_NAME, WEIGHTS_STORE, readSavedModel } from './savedModelDb';
import { memoryIndexedDb } from '../lib/storage/testing/memoryIndexedDb';

/** The in-memory database, with the weights store's records at hand. */
function fakeIndexedDb() {
  const idb = memoryIndexedDb();
  return {
    ...idb,
    get records() {
      return idb.stores.get(WEIGHTS_STORE) ?? new Map<string, unknown>();
    },
  };
}

const config = tinyConfig({ attention: 'linformer', vocabSize: 11 });
const spec: TrainingRunSpec = {
  corpus: 'moby-dick',
  model: { ...config, vocabSize: undefined } as unknown as TrainingRunSpec['model'],
  train: { learningRate: 1e-3, totalSteps: 10, seed: 1 },
  batchSize: 4,
};

async function logits(model: Encoder): Promise<number[]> {
  const tokens = tf.tensor2d([[3, 1, 4, 1, 5, 9, 2, 6]], undefined, 'int32');
  const { logits: out } = encoderForward(model, tokens, undefined, { training: false });
  const values = Array.from(await out.data());
  tf.dispose([tokens, out]);
  return values;
}

let idb: ReturnType<typeof fakeIndexedDb>;
beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => {
  idb = fakeIndexedDb();
  vi.stubGlobal('indexedDB', idb.factory);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('the kept trained model', () => {
  it('is saved as one record and rebuilt with the same outputs, spec and step count', async () => {
    const trained = createEncoder(config);
    for (const variable of trained.weights.values()) tf.tidy(() => variable.assign(tf.add(variable, 0.05)));
    await saveTrainedModel(spec, 7, trained);
    // A second save replaces the first: only the latest model is kept.
    await saveTrainedModel(spec, 9, trained);
    expect(idb.opened[0]).toBe(WEIGHTS_DB_NAME);
    expect([...idb.records.keys()]).toEqual([LATEST_KEY]);

    const restored = await restoreTrainedModel();
    expect(restored).not.toBeNull();
    expect(restored!.steps).toBe(9);
    expect(restored!.spec.corpus).toBe(spec.corpus);
    expect(restored!.info).toMatchObject({ steps: 9, label: describeSpec(spec), corpus: spec.corpus });
    expect(restored!.model.config).toEqual(trained.config);
    expect(await logits(restored!.model)).toEqual(await logits(trained));
    trained.dispose();
    restored!.model.dispose();
  });

  it('reads as no model when none is kept', async () => {
    expect(await restoreTrainedModel()).toBeNull();
  });

  it('drops a record whose weights do not fit its config, or of an unknown format, without throwing', async () => {
    const trained = createEncoder(config);
    await saveTrainedModel(spec, 3, trained);
    trained.dispose();
    const record = (await readSavedModel()) as { config: typeof config };
    record.config = { ...record.config, dModel: 16, dFF: 16 };
    const tensorsBefore = tf.memory().numTensors;
    expect(await restoreTrainedModel()).toBeNull();
    expect(tf.memory().numTensors).toBe(tensorsBefore); // the half-built model was disposed
    expect(idb.records.size).toBe(0);

    idb.records.set(LATEST_KEY, { id: LATEST_KEY, format: 99 });
    expect(await restoreTrainedModel()).toBeNull();
    expect(idb.records.size).toBe(0);
  });
});

/**
 * The kept trained models: saved per run, evicted beyond the bound, listed, rebuilt, dropped when damaged, and
 * cleared without a save in flight landing after the clear, on an in-memory IndexedDB
 * (lib/storage/testing/memoryIndexedDb.ts; fake-indexeddb is not installed).
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEncoder, encoderForward, type Encoder } from '../lib/model';
import { tinyConfig } from '../lib/model/testConfigs';
import type { TrainingRunSpec } from '../lib/experiments/runSpec';
import { clearTrainedModels, describeSpec, listTrainedModels, restoreTrainedModel, saveTrainedModel } from './savedModel';
import { KEPT_MODELS, LATEST_KEY, WEIGHTS_DB_NAME, WEIGHTS_STORE, readSavedModel } from './savedModelDb';
import { memoryIndexedDb } from '../lib/storage/testing/memoryIndexedDb';

/**
 * The weights' read-back (asynchronous on a GPU) held at a gate the race test opens: a save is then still in flight
 * while the clear runs, as when "Clear all saved data" is pressed just as a run ends.
 */
const readBack = vi.hoisted(() => ({ gate: null as Promise<void> | null }));
vi.mock('../lib/model/savedWeights', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../lib/model/savedWeights')>();
  return {
    ...actual,
    exportWeights: async (model: Encoder) => {
      const weights = await actual.exportWeights(model);
      await readBack.gate;
      return weights;
    },
  };
});

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

/** A model whose weights differ from a fresh one's by `shift`, so that restored models can be told apart. */
function shiftedModel(shift: number): Encoder {
  const model = createEncoder(config);
  for (const variable of model.weights.values()) tf.tidy(() => variable.assign(tf.add(variable, shift)));
  return model;
}

/** Saves in order with distinct, increasing save times (Date is faked: the eviction orders by savedAt). */
async function saveRuns(ids: string[], steps = 5): Promise<void> {
  const model = shiftedModel(0.05);
  for (const [i, id] of ids.entries()) {
    vi.setSystemTime(new Date(Date.UTC(2026, 0, 1, 12, i)));
    await saveTrainedModel(id, spec, steps + i, model);
  }
  model.dispose();
}

describe('the kept trained models', () => {
  it('keeps a run under its id and rebuilds it with the same outputs, spec and step count', async () => {
    const trained = shiftedModel(0.05);
    await saveTrainedModel('run-a', spec, 7, trained);
    // A second save of the same run replaces the first.
    await saveTrainedModel('run-a', spec, 9, trained);
    expect(idb.opened[0]).toBe(WEIGHTS_DB_NAME);
    expect([...idb.records.keys()]).toEqual(['run-a']);

    const restored = await restoreTrainedModel('run-a');
    expect(restored).not.toBeNull();
    expect(restored!.steps).toBe(9);
    expect(restored!.spec.corpus).toBe(spec.corpus);
    expect(restored!.info).toMatchObject({ id: 'run-a', steps: 9, label: describeSpec(spec), corpus: spec.corpus });
    expect(restored!.model.config).toEqual(trained.config);
    expect(await logits(restored!.model)).toEqual(await logits(trained));
    trained.dispose();
    restored!.model.dispose();
  });

  it(`keeps only the latest ${KEPT_MODELS}, evicting the oldest, and lists them newest first`, async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const ids = ['run-1', 'run-2', 'run-3', 'run-4', 'run-5', 'run-6'];
    await saveRuns(ids);
    vi.useRealTimers();
    const kept = ids.slice(-KEPT_MODELS).reverse();
    expect([...idb.records.keys()].sort()).toEqual([...kept].sort());
    const listed = await listTrainedModels();
    expect(listed.map((info) => info.id)).toEqual(kept);
    expect(listed.map((info) => info.steps)).toEqual([10, 9, 8, 7]);
    expect(listed[0]).toMatchObject({ label: describeSpec(spec), corpus: spec.corpus });
    // Without an id, the newest is the trained model (the spectra's).
    const newest = await restoreTrainedModel();
    expect(newest?.info.id).toBe('run-6');
    newest?.model.dispose();
    // An evicted run reads as not kept.
    expect(await restoreTrainedModel('run-1')).toBeNull();
  });

  it('still reads the one record older versions kept under "latest", and counts it towards the bound', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    await saveRuns(['old']);
    const record = idb.records.get('old') as { id: string };
    idb.records.delete('old');
    idb.records.set(LATEST_KEY, { ...record, id: LATEST_KEY });
    expect((await listTrainedModels()).map((info) => info.id)).toEqual([LATEST_KEY]);
    const restored = await restoreTrainedModel();
    expect(restored?.info.id).toBe(LATEST_KEY);
    restored?.model.dispose();
    vi.setSystemTime(new Date(Date.UTC(2026, 0, 2)));
    const model = shiftedModel(0.1);
    for (const id of ['b', 'c', 'd', 'e']) await saveTrainedModel(id, spec, 1, model);
    model.dispose();
    vi.useRealTimers();
    expect(idb.records.has(LATEST_KEY)).toBe(false); // the oldest of five, so evicted
    expect(idb.records.size).toBe(KEPT_MODELS);
  });

  it('reads as no model when none is kept', async () => {
    expect(await restoreTrainedModel()).toBeNull();
    expect(await listTrainedModels()).toEqual([]);
  });

  it('drops a record whose weights do not fit its config, or of an unknown format, without throwing', async () => {
    const trained = createEncoder(config);
    await saveTrainedModel('run-x', spec, 3, trained);
    trained.dispose();
    const record = (await readSavedModel('run-x')) as { config: typeof config };
    record.config = { ...record.config, dModel: 16, dFF: 16 };
    const tensorsBefore = tf.memory().numTensors;
    expect(await restoreTrainedModel()).toBeNull();
    expect(tf.memory().numTensors).toBe(tensorsBefore); // the half-built model was disposed
    expect(idb.records.size).toBe(0);

    idb.records.set(LATEST_KEY, { id: LATEST_KEY, format: 99 });
    expect(await listTrainedModels()).toEqual([]);
    expect(idb.records.size).toBe(0);
  });

  it('skips a damaged newest record and restores the next one', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    await saveRuns(['good', 'bad']);
    vi.useRealTimers();
    (idb.records.get('bad') as { weights: unknown[] }).weights = [{ name: 'nonsense', shape: [1], values: new Float32Array(1) }];
    const restored = await restoreTrainedModel();
    expect(restored?.info.id).toBe('good');
    restored?.model.dispose();
    expect([...idb.records.keys()]).toEqual(['good']);
  });
});

describe('clearing the kept models while a save is in flight', () => {
  // Last in this file: the clear seals the module (saves are dropped until the worker reloads).
  it('waits for a save still reading its weights back, drops its write, and leaves the cleared store empty', async () => {
    const trained = shiftedModel(0.05);
    await saveTrainedModel('run-before', spec, 3, trained);
    expect(idb.records.size).toBe(1);
    let open = () => {};
    readBack.gate = new Promise((resolve) => (open = resolve));
    const saving = saveTrainedModel('run-late', spec, 4, trained);
    let cleared = false;
    const clearing = clearTrainedModels().then(() => (cleared = true));
    // Without the wait the clear would be done by now, and the late save would land after it.
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(cleared).toBe(false);
    open();
    await Promise.all([saving, clearing]);
    readBack.gate = null;
    expect(idb.records.size).toBe(0);
    // Later saves are dropped too (the page reloads after a clear, which starts a new worker).
    await saveTrainedModel('run-after', spec, 5, trained);
    expect(idb.records.size).toBe(0);
    trained.dispose();
  });
});

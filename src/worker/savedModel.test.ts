/**
 * The kept trained model: saved, rebuilt, and dropped when damaged. fake-indexeddb is not installed, so IndexedDB is
 * a small in-memory stand-in with just the calls savedModelDb.ts makes (open with an upgrade, transactions, get, put,
 * clear), each answering on a later task as the real API does. Records are kept as given (no structured clone).
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEncoder, encoderForward, type Encoder } from '../lib/model';
import { tinyConfig } from '../lib/model/testConfigs';
import type { TrainingRunSpec } from '../lib/experiments/runSpec';
import { describeSpec, restoreTrainedModel, saveTrainedModel } from './savedModel';
import { LATEST_KEY, WEIGHTS_DB_NAME, WEIGHTS_STORE, readSavedModel } from './savedModelDb';

type Handler = (() => void) | null;

function fakeIndexedDb(): { factory: IDBFactory; records: Map<string, unknown>; opened: string[] } {
  const stores = new Map<string, Map<string, unknown>>();
  const opened: string[] = [];
  const later = (fn: () => void) => setTimeout(fn, 0);
  const answer = (result: unknown = undefined) => {
    const req = { result, error: null, onsuccess: null as Handler, onerror: null as Handler };
    later(() => req.onsuccess?.());
    return req;
  };
  const db = {
    objectStoreNames: { contains: (name: string) => stores.has(name) },
    createObjectStore: (name: string) => stores.set(name, new Map()),
    transaction() {
      const tx = {
        error: null,
        oncomplete: null as Handler,
        onerror: null as Handler,
        onabort: null as Handler,
        objectStore(name: string) {
          const records = stores.get(name)!;
          return {
            get: (id: string) => answer(records.get(id)),
            put: (record: { id: string }) => (records.set(record.id, record), answer()),
            clear: () => (records.clear(), answer()),
          };
        },
      };
      later(() => later(() => tx.oncomplete?.()));
      return tx;
    },
  };
  const factory = {
    open(name: string) {
      opened.push(name);
      const req = { result: db, error: null, onsuccess: null as Handler, onerror: null as Handler, onupgradeneeded: null as Handler };
      later(() => {
        req.onupgradeneeded?.();
        req.onsuccess?.();
      });
      return req;
    },
  };
  return {
    factory: factory as unknown as IDBFactory,
    get records() {
      return stores.get(WEIGHTS_STORE) ?? new Map();
    },
    opened,
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

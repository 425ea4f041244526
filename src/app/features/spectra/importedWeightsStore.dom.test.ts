// @vitest-environment jsdom
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportWeightsOutcome, ImportWeightsRequest, ImportedWeightsInfo } from '../../../worker/torchBundleTypes';
import { defaultSettings } from '../../settings/schema';

// The worker is replaced by a function whose answer each test sets.
const importTrainedWeights = vi.fn<(request: ImportWeightsRequest) => Promise<ImportWeightsOutcome>>();
vi.mock('../../shared/compute/computeClient', () => ({ computeWorker: () => ({ importTrainedWeights }) }));

type Store = typeof import('./importedWeightsStore');
let store: Store;
let runStore: typeof import('../training/runStore').useRunStore;

const info: ImportedWeightsInfo = {
  id: 'imported-1',
  label: 'trained.safetensors (linformer, conv, n = 64, 500 steps)',
  corpus: 'sotu',
  tokenizer: 'bpe512',
  steps: 500,
  config: {
    layers: 2,
    heads: 4,
    dModel: 64,
    dFF: 256,
    seqLen: 64,
    vocabSize: 512,
    dropout: 0.1,
    attention: 'linformer',
    sharing: 'headwise',
    projection: 'conv',
    kPerLayer: [16, 8],
    seed: 3,
    projectionInit: 'xavier',
  },
  parameters: 123_456,
  validationLoss: 1.5,
  validationPerplexity: Math.exp(1.5),
  backend: 'wasm',
};

const file = (name: string, text = '{}') => new File([text], name);

beforeAll(async () => {
  store = await import('./importedWeightsStore');
  runStore = (await import('../training/runStore')).useRunStore;
});

beforeEach(() => {
  importTrainedWeights.mockReset();
  store.useImportedWeightsStore.setState({ imported: null, busy: false, message: null });
});

describe('opening trained weights', () => {
  it('needs exactly one config.json and one .safetensors, and says what it got otherwise', () => {
    expect(store.pickBundlePair([file('config.json')])).toMatch(/Choose two files together.*\(got config.json\)/);
    expect(store.pickBundlePair([file('a.json'), file('b.json')])).toMatch(/got a.json, b.json/);
    const pair = store.pickBundlePair([file('trained.safetensors'), file('config.json')]);
    expect(typeof pair === 'object' && [pair.config.name, pair.weights.name]).toEqual([
      'config.json',
      'trained.safetensors',
    ]);
  });

  it('describes an imported model with experiment settings of its architecture and corpus', () => {
    const settings = store.settingsOfImported(info);
    expect(settings).toMatchObject({
      corpus: 'sotu',
      tokenizer: 'bpe512',
      attention: 'linformer',
      projection: 'conv',
      seqLen: 64,
      layers: 2,
      heads: 4,
      dModel: 64,
      dFF: 256,
      seed: 3,
      kPerLayer: [16, 8],
    });
    expect(store.settingsOfImported({ ...info, config: { ...info.config, kPerLayer: [8, 8] } })).toMatchObject({
      k: 8,
      kPerLayer: [],
    });
  });

  it('sends the pair to the worker, keeps the measured perplexity, and keeps the model when a later pair is refused', async () => {
    importTrainedWeights.mockResolvedValueOnce({ ok: true, info });
    const opened = await store.useImportedWeightsStore
      .getState()
      .open([file('config.json', '{"schemaVersion":1}'), file('trained.safetensors', 'WEIGHTS')]);
    expect(opened).toBe(true);
    const request = importTrainedWeights.mock.calls[0][0];
    expect(request.configText).toBe('{"schemaVersion":1}');
    expect(new TextDecoder().decode(request.weights)).toBe('WEIGHTS');
    expect(request.weightsName).toBe('trained.safetensors');
    const state = store.useImportedWeightsStore.getState();
    expect(state.imported?.settings.projection).toBe('conv');
    expect(state.message).toEqual({
      kind: 'info',
      text: expect.stringContaining('Checked every tensor and setting of trained.safetensors against config.json'),
    });
    expect(state.imported?.validationPerplexity).toBeCloseTo(4.4817, 4);

    importTrainedWeights.mockResolvedValueOnce({
      ok: false,
      refusal: 'The weights do not fit config.json\'s model: tensor "x" is missing.',
    });
    expect(await store.useImportedWeightsStore.getState().open([file('config.json'), file('bad.safetensors')])).toBe(
      false,
    );
    const after = store.useImportedWeightsStore.getState();
    expect(after.message).toEqual({
      kind: 'error',
      text: 'Refused bad.safetensors: The weights do not fit config.json\'s model: tensor "x" is missing.',
    });
    expect(after.imported?.id).toBe('imported-1');
  });

  it('forgets the imported model once a new run starts (the worker replaces it then)', async () => {
    importTrainedWeights.mockResolvedValueOnce({ ok: true, info });
    await store.useImportedWeightsStore.getState().open([file('config.json'), file('trained.safetensors')]);
    type CurrentRun = NonNullable<ReturnType<typeof runStore.getState>['current']>;
    const run = { id: 'run-9', settings: defaultSettings() } as unknown as CurrentRun;
    runStore.setState({ current: run });
    expect(store.useImportedWeightsStore.getState().imported).toBeNull();
    expect(store.useImportedWeightsStore.getState().message?.text).toMatch(/closed: a new run/);
  });
});

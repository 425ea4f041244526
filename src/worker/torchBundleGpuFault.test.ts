import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recordGpuFault, resetGpuFaultForTest } from './gpuFault';

/** The run the worker holds; tests change its step count to stand for a run resumed during an export. */
const held = { spec: { corpus: 'moby-dick', tokenizer: 'char', model: {} }, steps: 5, busy: false, model: {} };
const exportBundle = vi.fn(async () => [] as { path: string; bytes: Uint8Array }[]);
const validationPerplexity = vi.fn(async () => ({ loss: 2, perplexity: Math.exp(2) }));
const encoder = { dispose: vi.fn() };
const offerImportedModel = vi.fn();

vi.mock('./trainingSession', () => ({
  heldRun: () => ({ ...held }),
  restoreSavedModel: async () => undefined,
  offerImportedModel: (...args: unknown[]) => offerImportedModel(...args),
}));
vi.mock('./corpusCache', () => ({ prepareCorpus: async () => ({ tokenizer: { vocabSize: 40 } }) }));
vi.mock('../lib/data/corpora', () => ({ loadCorpusText: async () => 'text' }));
vi.mock('../lib/model/encoder', () => ({ parameterCount: () => ({ total: 100 }), createEncoder: () => ({}) }));
vi.mock('../lib/export/pythonPackage.browser', () => ({ pythonPackage: () => [] }));
vi.mock('../lib/export', () => ({
  exportBundle: () => exportBundle(),
  validationPerplexity: () => validationPerplexity(),
  importedRunSpec: () => ({}),
  importBundleWeights: async () => ({
    ok: true,
    encoder,
    config: {
      model: { attention: 'standard', seqLen: 8, kPerLayer: [] },
      corpus: 'moby-dick',
      tokenizer: 'char',
      steps: 3,
    },
  }),
}));

const { exportTorchBundle } = await import('./exportSession');
const { importTrainedWeights } = await import('./importedModel');

const exportRequest = { runId: 'run-1', spec: held.spec, settingsQuery: '?v=2', createdBy: 'test' } as Parameters<
  typeof exportTorchBundle
>[0];
const importRequest = { configText: '{}', weights: new Uint8Array(), weightsName: 'trained.safetensors' };

beforeEach(() => {
  resetGpuFaultForTest();
  vi.stubGlobal('self', { location: { href: 'http://localhost/' } });
  held.steps = 5;
  held.busy = false;
  exportBundle.mockClear();
  validationPerplexity.mockClear();
  encoder.dispose.mockClear();
  offerImportedModel.mockClear();
});
afterEach(() => vi.unstubAllGlobals());

describe('PyTorch export and import after a GPU fault', () => {
  it('exports the held run when the GPU is healthy (the baseline the refusals below differ from)', async () => {
    await expect(exportTorchBundle(exportRequest)).resolves.toMatchObject({ trainedWeights: true, steps: 5 });
  });

  it('refuses an export after a fault with its message, writing nothing', async () => {
    recordGpuFault('device-lost', 'GPU process crashed');
    await expect(exportTorchBundle(exportRequest)).rejects.toThrow('The GPU device was lost (GPU process crashed)');
    expect(exportBundle).not.toHaveBeenCalled();
  });

  it('discards a bundle during which the GPU faulted (its reference logits would be the faulted GPU’s)', async () => {
    exportBundle.mockImplementationOnce(async () => {
      recordGpuFault('gpu-error', 'rejected kernel');
      return [];
    });
    await expect(exportTorchBundle(exportRequest)).rejects.toThrow('The GPU rejected work (rejected kernel)');
  });

  it('discards a bundle of a run that took an update while it was written', async () => {
    exportBundle.mockImplementationOnce(async () => {
      held.steps = 6;
      return [];
    });
    await expect(exportTorchBundle(exportRequest)).rejects.toThrow(/trained while its bundle was being written/);
  });

  it('opens and scores weights when the GPU is healthy', async () => {
    const outcome = await importTrainedWeights(importRequest, 'webgpu');
    expect(outcome).toMatchObject({ ok: true, info: { validationPerplexity: Math.exp(2), steps: 3 } });
    expect(offerImportedModel).toHaveBeenCalledTimes(1);
  });

  it('refuses to open weights after a fault, with its message', async () => {
    recordGpuFault('device-lost', 'GPU process crashed');
    const outcome = await importTrainedWeights(importRequest, 'webgpu');
    expect(outcome).toEqual({ ok: false, refusal: expect.stringContaining('The GPU device was lost') });
    expect(validationPerplexity).not.toHaveBeenCalled();
  });

  it('refuses weights whose scoring the GPU faulted in: no perplexity shown, nothing offered, the model freed', async () => {
    validationPerplexity.mockImplementationOnce(async () => {
      recordGpuFault('gpu-error', 'rejected kernel');
      return { loss: 2, perplexity: Math.exp(2) };
    });
    const outcome = await importTrainedWeights(importRequest, 'webgpu');
    expect(outcome).toEqual({ ok: false, refusal: expect.stringContaining('The GPU rejected work (rejected kernel)') });
    expect(offerImportedModel).not.toHaveBeenCalled();
    expect(encoder.dispose).toHaveBeenCalledTimes(1);
  });
});

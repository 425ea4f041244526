// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The worker's answer: what a training run on each corpus and tokenizer reports as its vocabulary.
const VOCAB: Record<string, number> = { 'moby-dick char': 85, 'moby-dick bpe512': 512, 'sotu char': 91 };
const corpusVocabSize = vi.fn(async (corpus: string, tokenizer: string) => VOCAB[`${corpus} ${tokenizer}`]);
const runBenchmark = vi.fn(async () => ({ status: 'finished', message: null, rows: [], skipped: [] }));
vi.mock('../../shared/compute/computeClient', () => ({ computeWorker: () => ({ corpusVocabSize, runBenchmark }) }));

const { useEfficiencyStore, currentShape, sweepRequest } = await import('./efficiencyStore');
const { useExperimentStore } = await import('../../settings/experimentStore');

describe('the efficiency lab times the training lab’s vocabulary', () => {
  beforeEach(() => {
    useEfficiencyStore.setState({ vocab: null, vocabError: null, phase: 'idle' });
    corpusVocabSize.mockClear();
    runBenchmark.mockClear();
  });

  it('has no vocabulary (NaN) until the corpus is read, then the corpus’s own', async () => {
    useExperimentStore.getState().set('corpus', 'moby-dick');
    useExperimentStore.getState().set('tokenizer', 'char');
    expect(currentShape().vocabSize).toBeNaN();
    await useEfficiencyStore.getState().loadVocab();
    expect(corpusVocabSize).toHaveBeenCalledWith('moby-dick', 'char');
    expect(currentShape().vocabSize).toBe(85);
    expect(sweepRequest([64], [16], { warmup: 1, repeats: 1, training: false }).vocabSize).toBe(85);
  });

  it('follows a change of tokenizer or corpus, and reads each pair once', async () => {
    useExperimentStore.getState().set('corpus', 'moby-dick');
    useExperimentStore.getState().set('tokenizer', 'char');
    await useEfficiencyStore.getState().loadVocab();
    await useEfficiencyStore.getState().loadVocab();
    expect(corpusVocabSize).toHaveBeenCalledTimes(1);
    useExperimentStore.getState().set('tokenizer', 'bpe512');
    expect(currentShape().vocabSize).toBeNaN();
    await useEfficiencyStore.getState().loadVocab();
    expect(currentShape().vocabSize).toBe(512);
  });

  it('reads the vocabulary before a sweep asked for early, and sends it with the sweep', async () => {
    useExperimentStore.getState().set('corpus', 'sotu');
    useExperimentStore.getState().set('tokenizer', 'char');
    await useEfficiencyStore.getState().runSweep([64], [16]);
    expect(runBenchmark).toHaveBeenCalledTimes(1);
    expect((runBenchmark.mock.calls[0] as unknown as [{ vocabSize: number }])[0].vocabSize).toBe(91);
  });
});

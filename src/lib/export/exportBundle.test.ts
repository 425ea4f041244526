import { Tokenizer as HfTokenizer } from '@huggingface/tokenizers';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bpeTokenizerFromVocabulary } from '../data/bpe/bpeTokenizer';
import { trainBpe } from '../data/bpe/trainBpe';
import { HF_TOKENIZER_CONFIG } from '../data/bpe/writeTokenizerJson';
import { splitForCorpus } from '../data/corpora';
import { CORPUS_SPLIT, encodeCorpus, type EncodedCorpus } from '../data/encodedCorpus';
import { readMobyDick } from '../data/testing/realCorpora';
import type { TrainingRunSpec } from '../experiments/runSpec';
import { createEncoder, type Encoder } from '../model/encoder';
import { defaultTrainConfig } from '../train/trainConfig';
import { prepareTrainingRun } from '../experiments/prepareTrainingRun';
import { validationPerplexity } from './bundlePerplexity';
import {
  BUNDLE_FILES,
  importedRunSpec,
  parseBundleConfig,
  resolvedRunSpec,
  runSpecFromBundleConfig,
  type BundleConfig,
} from './bundleConfig';
import { bundleReadme } from './bundleReadme';
import { exportBundle, type BundleFile } from './exportBundle';
import { importBundleWeights } from './importBundleWeights';
import { maxLogitDifference, referenceLogits, type ReferenceBatch } from './referenceBatch';
import { readSafetensors, writeSafetensors } from './safetensors';
import { sha256Hex } from './sha256';

/** Real text, cut to keep the test fast; split exactly as the app splits the whole corpus. */
const TEXT = readMobyDick().slice(0, 120_000);
const PYTHON = [{ name: 'model.py', text: '# stand-in: the real package is copied by the exporter\n' }];

let corpus: EncodedCorpus;

beforeAll(async () => {
  await tf.setBackend('cpu');
  corpus = encodeCorpus('moby-dick', TEXT);
});

function spec(model: Partial<TrainingRunSpec['model']> = {}): TrainingRunSpec {
  return {
    corpus: 'moby-dick',
    tokenizer: 'char',
    model: {
      layers: 2,
      heads: 2,
      dModel: 16,
      dFF: 32,
      seqLen: 24,
      dropout: 0.1,
      attention: 'linformer',
      sharing: 'headwise',
      projection: 'linear',
      projectionInit: 'xavier',
      kPerLayer: [8, 6],
      seed: 5,
      ...model,
    },
    train: { learningRate: 2e-3, totalSteps: 50, warmupSteps: 5, evalInterval: 10, seed: 9 },
    batchSize: 4,
  };
}

/** Moves every weight off its seeded start (as training would), so a round trip cannot pass by re-initialising. */
function perturb(model: Encoder): void {
  let i = 0;
  for (const variable of model.weights.values()) {
    const seed = ++i;
    tf.tidy(() => variable.assign(tf.add(variable, tf.randomNormal(variable.shape, 0, 0.05, 'float32', seed))));
  }
}

async function bundleOf(
  runSpec: TrainingRunSpec,
  onCorpus = corpus,
  trained = true,
): Promise<{ files: Map<string, Uint8Array>; model: Encoder }> {
  const model = createEncoder({ ...runSpec.model, vocabSize: onCorpus.tokenizer.vocabSize });
  if (trained) perturb(model);
  const list: BundleFile[] = await exportBundle({
    spec: runSpec,
    settingsQuery: '?v=2&n=24',
    createdBy: 'Linformer Lab test',
    corpusText: TEXT,
    corpus: onCorpus,
    model,
    steps: trained ? 17 : 0,
    python: PYTHON,
  });
  return { files: new Map(list.map((file) => [file.path, file.bytes])), model };
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const json = <T>(bytes: Uint8Array | undefined) => JSON.parse(text(bytes)) as T;

describe('exportBundle', () => {
  it('writes every file of the layout, and config.json reads back as the same (resolved) TrainingRunSpec', async () => {
    const runSpec = spec();
    const { files, model } = await bundleOf(runSpec);
    try {
      expect([...files.keys()]).toEqual([
        'config.json',
        'model.safetensors',
        'tokenizer.json',
        'data/train.txt',
        'data/validation.txt',
        'data/tokens.safetensors',
        'reference.json',
        'README.md',
        'linformer_lab/model.py',
      ]);
      const config = json<BundleConfig>(files.get(BUNDLE_FILES.config));
      expect(runSpecFromBundleConfig(config)).toEqual(resolvedRunSpec(runSpec));
      // Every trainer default is written out, so Python needs none of ours.
      expect(config.training).toMatchObject({
        ...defaultTrainConfig(runSpec.train),
        finalLearningRateFraction: 0.1,
        batchSize: 4,
      });
      expect(config.training.masking).toEqual({ rate: 0.15, mask: 0.8, random: 0.1, keep: 0.1, randomIdsFrom: 3 });
      expect(config.training.validation).toEqual({ batches: 4, batchSize: 64, seed: 20200608 });
      expect(config.model).toEqual({ ...runSpec.model, vocabSize: corpus.tokenizer.vocabSize });
      expect(config.steps).toBe(17);
      expect(config.weights.names).toEqual([...model.weights.keys()]);
      expect(config.weights.fixed).toEqual([]);
      expect(parseBundleConfig(text(files.get(BUNDLE_FILES.config))).model).toEqual(config.model);
      expect(text(files.get(BUNDLE_FILES.readme))).toContain('validation every 10 steps and after the last on');
      const neverDuring = bundleReadme({ ...config, training: { ...config.training, evalInterval: 0 } });
      expect(neverDuring).toContain('validation after the last on');
      expect(neverDuring).not.toContain('every 0 steps');
    } finally {
      model.dispose();
    }
  });

  it('carries the exact training and validation ids and text, with their sha256 and counts', async () => {
    const { files, model } = await bundleOf(spec(), corpus, false);
    model.dispose();
    const config = json<BundleConfig>(files.get(BUNDLE_FILES.config));
    const { train, validation } = splitForCorpus('moby-dick', TEXT, CORPUS_SPLIT);
    expect(text(files.get(BUNDLE_FILES.trainText))).toBe(train);
    expect(text(files.get(BUNDLE_FILES.validationText))).toBe(validation);
    const tokens = readSafetensors(files.get(BUNDLE_FILES.tokens)!).tensors;
    expect(tokens.map((t) => t.name)).toEqual(['train', 'validation']);
    expect(tokens[0].values).toEqual(corpus.trainIds);
    expect(tokens[1].values).toEqual(corpus.validationIds);
    expect(config.data.train).toEqual({
      file: 'data/train.txt',
      sha256: await sha256Hex(files.get(BUNDLE_FILES.trainText)!),
      characters: [...train].length,
      tokens: corpus.trainIds.length,
    });
    expect(config.data.validation.sha256).toBe(await sha256Hex(files.get(BUNDLE_FILES.validationText)!));
    expect(config.data.tokens.sha256).toBe(await sha256Hex(files.get(BUNDLE_FILES.tokens)!));
    // sha256 itself, against the standard's test vector.
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('writes a character tokenizer.json that @huggingface/tokenizers reads to exactly our ids', async () => {
    const { files, model } = await bundleOf(spec(), corpus, false);
    model.dispose();
    const hf = new HfTokenizer(json(files.get(BUNDLE_FILES.tokenizer)), HF_TOKENIZER_CONFIG);
    const { validation } = splitForCorpus('moby-dick', TEXT, CORPUS_SPLIT);
    const sample = validation.slice(0, 3000) + ' unseen: 🐋 ж';
    expect(hf.encode(sample).ids).toEqual(Array.from(corpus.tokenizer.encode(sample)));
    expect(hf.decode(Array.from(corpus.tokenizer.encode(validation.slice(0, 500))))).toBe(validation.slice(0, 500));
  });

  it('writes a BPE tokenizer.json that @huggingface/tokenizers reads to exactly our ids', async () => {
    const { train, validation } = splitForCorpus('moby-dick', TEXT, CORPUS_SPLIT);
    const bpe = bpeTokenizerFromVocabulary(trainBpe(train, { vocabSize: 200 }));
    const bpeCorpus = encodeCorpus('moby-dick', TEXT, bpe);
    const { files, model } = await bundleOf({ ...spec(), tokenizer: 'bpe512' }, bpeCorpus, false);
    model.dispose();
    const hf = new HfTokenizer(json(files.get(BUNDLE_FILES.tokenizer)), HF_TOKENIZER_CONFIG);
    expect(hf.encode(validation.slice(0, 3000)).ids).toEqual(Array.from(bpe.encode(validation.slice(0, 3000))));
    expect(json<BundleConfig>(files.get(BUNDLE_FILES.config)).data.tokenizer).toBe('bpe512');
  });

  it('refuses a model that is not the experiment’s', async () => {
    const model = createEncoder({ ...spec().model, dFF: 64, vocabSize: corpus.tokenizer.vocabSize });
    try {
      await expect(
        exportBundle({ spec: spec(), createdBy: 't', corpusText: TEXT, corpus, model, steps: 0, python: PYTHON }),
      ).rejects.toThrow(/not the experiment's/);
    } finally {
      model.dispose();
    }
  });
});

describe('importBundleWeights round trip (TypeScript ↔ TypeScript)', () => {
  const variants: [string, Partial<TrainingRunSpec['model']>][] = [
    ['standard attention', { attention: 'standard' }],
    ['linformer linear, no sharing', { sharing: 'none' }],
    ['linformer random (fixed), kv sharing', { projection: 'random', sharing: 'kv' }],
    ['linformer conv, headwise', { projection: 'conv', kPerLayer: [8, 6] }],
    ['linformer mean-pool, layerwise', { projection: 'mean-pool', sharing: 'layerwise', kPerLayer: [6, 6] }],
    ['linformer max-pool', { projection: 'max-pool', kPerLayer: [8, 4] }],
  ];
  for (const [label, model] of variants) {
    it(`${label}: the imported encoder's logits on the reference batch equal reference.json exactly`, async () => {
      const { files, model: exported } = await bundleOf(spec(model));
      exported.dispose();
      const reference = json<ReferenceBatch>(files.get(BUNDLE_FILES.reference));
      expect(reference.ids).toHaveLength(2);
      expect(reference.padding[0].every((p) => p === 1)).toBe(true);
      expect(reference.padding[1].filter((p) => p === 0)).toHaveLength(8); // ⌊24 / 3⌋ padded positions
      expect(reference.ids[1].slice(16).every((id) => id === 0)).toBe(true);
      expect(reference.tolerance).toBe(1e-4);
      const outcome = await importBundleWeights(
        text(files.get(BUNDLE_FILES.config)),
        files.get(BUNDLE_FILES.weights)!,
        {
          tokenizerVocabSize: () => corpus.tokenizer.vocabSize,
        },
      );
      if (!outcome.ok) throw new Error(outcome.refusal);
      try {
        expect(outcome.config.steps).toBe(17);
        const again = await referenceLogits(outcome.encoder, reference.ids, reference.padding);
        expect(maxLogitDifference(again, reference.logits)).toBe(0);
        // Not a trivial pass: a freshly initialised model of the same config gives other logits.
        const fresh = createEncoder(outcome.encoder.config);
        const freshLogits = await referenceLogits(fresh, reference.ids, reference.padding);
        fresh.dispose();
        expect(maxLogitDifference(freshLogits, reference.logits)).toBeGreaterThan(1e-3);
      } finally {
        outcome.encoder.dispose();
      }
    });
  }

  it('lists random projections as fixed weights, and exports and imports them too', async () => {
    const { files, model } = await bundleOf(spec({ projection: 'random', sharing: 'none' }));
    model.dispose();
    const config = json<BundleConfig>(files.get(BUNDLE_FILES.config));
    expect(config.weights.fixed).toEqual([
      'projection/layer0/head0/E',
      'projection/layer0/head1/E',
      'projection/layer0/head0/F',
      'projection/layer0/head1/F',
      'projection/layer1/head0/E',
      'projection/layer1/head1/E',
      'projection/layer1/head0/F',
      'projection/layer1/head1/F',
    ]);
    const tensors = readSafetensors(files.get(BUNDLE_FILES.weights)!).tensors;
    expect(tensors.map((t) => t.name)).toEqual(config.weights.names);
    const exported = tensors.find((t) => t.name === 'projection/layer1/head1/F')!;
    const outcome = await importBundleWeights(text(files.get(BUNDLE_FILES.config)), files.get(BUNDLE_FILES.weights)!);
    if (!outcome.ok) throw new Error(outcome.refusal);
    try {
      // Imported as they were written, and still fixed (never trained) in the imported model.
      const imported = outcome.encoder.weights.get('projection/layer1/head1/F')!;
      expect(imported.trainable).toBe(false);
      expect(Array.from(await imported.data())).toEqual(Array.from(exported.values));
    } finally {
      outcome.encoder.dispose();
    }
  });
});

describe('validation perplexity of imported weights', () => {
  it('equals the perplexity the training run itself reports for the same weights', async () => {
    const runSpec = spec({ attention: 'standard' });
    const { model, trainer } = prepareTrainingRun(corpus, runSpec);
    try {
      perturb(model);
      const expected = await trainer.evaluate();
      const files = await exportBundle({
        spec: runSpec,
        createdBy: 't',
        corpusText: TEXT,
        corpus,
        model,
        steps: 3,
        python: PYTHON,
      });
      const byPath = new Map(files.map((file) => [file.path, file.bytes]));
      const outcome = await importBundleWeights(
        text(byPath.get(BUNDLE_FILES.config)),
        byPath.get(BUNDLE_FILES.weights)!,
      );
      if (!outcome.ok) throw new Error(outcome.refusal);
      try {
        const measured = await validationPerplexity(outcome.encoder, corpus, importedRunSpec(outcome.config));
        expect(measured.perplexity).toBeCloseTo(expected.perplexity, 10);
        expect(measured.perplexity).toBeGreaterThan(1);
      } finally {
        outcome.encoder.dispose();
      }
    } finally {
      trainer.dispose();
      model.dispose();
    }
  });
});

describe('importBundleWeights refusals', () => {
  let configText: string;
  let weights: Uint8Array;
  const vocab = () => corpus.tokenizer.vocabSize;

  beforeAll(async () => {
    const { files, model } = await bundleOf(spec({ sharing: 'headwise' }));
    model.dispose();
    configText = text(files.get(BUNDLE_FILES.config));
    weights = files.get(BUNDLE_FILES.weights)!;
  });

  async function refusal(config: string | object, bytes: Uint8Array): Promise<string> {
    const numTensors = tf.memory().numTensors;
    const outcome = await importBundleWeights(config, bytes, { tokenizerVocabSize: vocab });
    if (outcome.ok) {
      outcome.encoder.dispose();
      throw new Error('expected a refusal');
    }
    // A refusal leaves nothing allocated.
    expect(tf.memory().numTensors).toBe(numTensors);
    return outcome.refusal;
  }

  const editedWeights = (
    edit: (tensors: ReturnType<typeof readSafetensors>['tensors']) => ReturnType<typeof readSafetensors>['tensors'],
  ) => writeSafetensors(edit(readSafetensors(weights).tensors));
  /** The config as loosely typed JSON, to damage at will. */
  type ConfigJson = { schemaVersion: unknown; model: Record<string, unknown>; data: Record<string, unknown> };
  const editedConfig = (edit: (config: ConfigJson) => void) => {
    const config = JSON.parse(configText) as ConfigJson;
    edit(config);
    return JSON.stringify(config);
  };

  it('accepts the undamaged pair', async () => {
    const outcome = await importBundleWeights(configText, weights, { tokenizerVocabSize: vocab });
    expect(outcome.ok).toBe(true);
    if (outcome.ok) outcome.encoder.dispose();
  });

  it('names a missing tensor', async () => {
    const damaged = editedWeights((tensors) => tensors.filter((t) => t.name !== 'layer1/feedForward/out/kernel'));
    expect(await refusal(configText, damaged)).toMatch(/tensor "layer1\/feedForward\/out\/kernel" is missing/);
  });

  it('names an extra tensor', async () => {
    const damaged = editedWeights((tensors) => [
      ...tensors,
      { name: 'layer2/attention/output/bias', dtype: 'F32', shape: [16], values: new Float32Array(16) },
    ]);
    expect(await refusal(configText, damaged)).toMatch(
      /tensor "layer2\/attention\/output\/bias" is not a weight of this model/,
    );
  });

  it('names a tensor of the wrong shape (a transposed kernel)', async () => {
    const damaged = editedWeights((tensors) =>
      tensors.map((t) => (t.name === 'layer0/feedForward/in/kernel' ? { ...t, shape: [32, 16] } : t)),
    );
    expect(await refusal(configText, damaged)).toMatch(
      /tensor "layer0\/feedForward\/in\/kernel" is \[32, 16\] but the model's is \[16, 32\]/,
    );
  });

  it('names a tensor of the wrong dtype', async () => {
    const damaged = editedWeights((tensors) =>
      tensors.map((t) =>
        t.name === 'mlmHead/outputBias' ? { ...t, dtype: 'I32', values: Int32Array.from(t.values) } : t,
      ),
    );
    expect(await refusal(configText, damaged)).toMatch(/tensor "mlmHead\/outputBias" is I32, not F32/);
  });

  it('names a tensor holding NaN (a diverged run)', async () => {
    const damaged = editedWeights((tensors) =>
      tensors.map((t) =>
        t.name === 'projection/layer1/F'
          ? { ...t, values: Float32Array.from(t.values, (v, i) => (i === 3 ? NaN : v)) }
          : t,
      ),
    );
    expect(await refusal(configText, damaged)).toMatch(
      /tensor "projection\/layer1\/F" holds a non-finite value \(NaN at index 3\)/,
    );
  });

  it('takes the step count from the weights file’s metadata, as a trainer that continued the bundle wrote it', async () => {
    const continued = writeSafetensors(readSafetensors(weights).tensors, { format: 'pt', steps: '1017' });
    const outcome = await importBundleWeights(configText, continued);
    if (!outcome.ok) throw new Error(outcome.refusal);
    outcome.encoder.dispose();
    expect(outcome.config.steps).toBe(1017);
  });

  it('refuses a cut-short weights file', async () => {
    expect(await refusal(configText, weights.subarray(0, weights.length - 100))).toMatch(
      /The weights file: .*cut short/,
    );
  });

  it('refuses a config that fails the model’s own checks, naming the field', async () => {
    const damaged = editedConfig((config) => (config.model.heads = 3));
    expect(await refusal(damaged, weights)).toMatch(/config.json model: heads \(3\) must divide dModel \(16\)/);
    const kTooLong = editedConfig((config) => (config.model.kPerLayer = [8, 6, 4]));
    expect(await refusal(kTooLong, weights)).toMatch(/k per layer lists 3 values for 2 layers/);
    // As linformer_lab/config.py refuses it, so a bundle the app opens is one PyTorch opens too.
    const fractionalSeed = editedConfig((config) => (config.model.seed = 1.5));
    expect(await refusal(fractionalSeed, weights)).toMatch(
      /config.json model: seed must be a whole number \(got 1.5\)/,
    );
  });

  it('refuses a config promising a far larger model than the file holds, with the two sizes', async () => {
    const damaged = editedConfig((config) => (config.model.dModel = 1024));
    expect(await refusal(damaged, weights)).toMatch(
      /config.json's model has \d+ weights, but the weights file holds only \d+ values/,
    );
  });

  it('refuses a config whose model no longer matches the weights (another dFF)', async () => {
    const damaged = editedConfig((config) => (config.model.dFF = 48));
    expect(await refusal(damaged, weights)).toMatch(
      /tensor "layer0\/feedForward\/in\/kernel" is \[16, 32\] but the model's is \[16, 48\]/,
    );
  });

  it('refuses an unknown schema version, a missing field, a bad choice and bad JSON', async () => {
    expect(
      await refusal(
        editedConfig((config) => (config.schemaVersion = 2)),
        weights,
      ),
    ).toMatch(/schemaVersion 2; this app reads schema version 1/);
    expect(
      await refusal(
        editedConfig((config) => delete config.model.dModel),
        weights,
      ),
    ).toMatch(/model.dModel must be a number \(got undefined\)/);
    expect(
      await refusal(
        editedConfig((config) => (config.model.projection = 'fft')),
        weights,
      ),
    ).toMatch(/model.projection must be one of .* \(got "fft"\)/);
    expect(
      await refusal(
        editedConfig((config) => (config.data.corpus = 'wiki')),
        weights,
      ),
    ).toMatch(/data.corpus must be one of moby-dick, sotu/);
    expect(await refusal('{"schemaVersion": 1, ', weights)).toMatch(/not valid JSON/);
  });

  it('refuses a vocabulary that is not the tokenizer’s', async () => {
    const outcome = await importBundleWeights(configText, weights, { tokenizerVocabSize: () => vocab() + 1 });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok)
      expect(outcome.refusal).toMatch(
        new RegExp(`model.vocabSize is ${vocab()}, but the char tokenizer of moby-dick has ${vocab() + 1} tokens`),
      );
  });
});

/**
 * The pieces the fine-tune benchmarks share (Node, tfjs wasm or cpu backend): reading the prepared data, masked-LM
 * pretraining on Moby-Dick, and a fine-tune scored on the dev split beside the majority class.
 * Needs `npm run data` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildCharTokenizer,
  contextBlindPerplexity,
  createEncoder,
  type AttentionKind,
  copyEncoder,
  defaultTrainConfig,
  encodeExamples,
  FineTuner,
  majorityBaseline,
  MlmDataSource,
  parseClassificationDataset,
  splitClassification,
  Trainer,
  type Tokenizer,
  type ClassificationDataset,
  type Encoder,
  type Pooling,
} from '../src/lib';
import { startNodeBackend } from '../src/lib/backend/testing/nodeBackends';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

export interface BenchData {
  corpus: string;
  tokenizer: Tokenizer;
  dataset: ClassificationDataset;
}

export function loadBenchData(datasetId: string): BenchData {
  const read = (file: string) => fs.readFileSync(path.join(root, 'public', 'data', file), 'utf8');
  const corpus = read('moby-dick.txt');
  return {
    corpus,
    tokenizer: buildCharTokenizer(corpus),
    dataset: parseClassificationDataset(JSON.parse(read(`${datasetId}.json`))),
  };
}

/**
 * The model the benches use: unshared learned projections, no dropout, the Moby-Dick vocabulary; the size comes
 * from --layers, --heads, --d, --ff (defaults 1, 2, 32, 64).
 */
export function benchModel(data: BenchData, attention: AttentionKind, n: number, k: number, seed: number): Encoder {
  const layers = Number(option('layers', '1'));
  return createEncoder({
    layers,
    heads: Number(option('heads', '2')),
    dModel: Number(option('d', '32')),
    dFF: Number(option('ff', '64')),
    seqLen: n,
    vocabSize: data.tokenizer.vocabSize,
    dropout: 0,
    attention,
    sharing: 'none',
    projection: 'linear',
    kPerLayer: Array.from({ length: layers }, () => k),
    seed,
  });
}

/**
 * The Node backend a bench runs on, from `--backend cpu|wasm` (default wasm: 5–8× the cpu backend here and, with
 * the app's kernel workarounds, the same numbers; the backend-parity tests check that).
 */
export async function startBenchBackend(): Promise<string> {
  const backend = option('backend', 'wasm');
  if (backend !== 'cpu' && backend !== 'wasm') throw new Error(`--backend must be cpu or wasm (got ${backend}).`);
  await startNodeBackend(backend);
  return backend;
}

/**
 * Masked-LM training of `model` in place on 90% of Moby-Dick; returns the final validation perplexity and the
 * context-blind floor on the same validation positions (below it the model reads context; above it, it need not).
 */
export async function pretrain(
  model: Encoder,
  data: BenchData,
  steps: number,
  seed: number,
): Promise<{ perplexity: number; floor: number }> {
  const ids = data.tokenizer.encode(data.corpus);
  const cut = Math.floor(ids.length * 0.9);
  const source = new MlmDataSource({
    ids: ids.subarray(0, cut),
    validationIds: ids.subarray(cut),
    tokenizer: data.tokenizer,
    seqLen: model.config.seqLen,
    batchSize: 8,
    // As the app does: at n = 16, 4 batches of 64 windows score ~600 positions, enough to compare with the floor.
    validationBatchSize: 64,
    seed,
  });
  const trainer = new Trainer(
    model,
    source,
    defaultTrainConfig({ learningRate: 5e-3, totalSteps: steps, warmupSteps: 30, evalInterval: steps, seed }),
  );
  let perplexity = NaN;
  const floor = contextBlindPerplexity(ids.subarray(0, cut), trainer.validationBatches(), data.tokenizer.vocabSize);
  try {
    for (let i = 0; i < steps; i++) {
      const report = await trainer.step();
      if (report.validation) perplexity = report.validation.perplexity;
    }
  } finally {
    trainer.dispose();
  }
  return { perplexity, floor };
}

export interface FineTuneOptions {
  steps: number;
  learningRate: number;
  batchSize: number;
  pooling: Pooling;
  seed: number;
  /** Called every 50 steps with the loss and the mean training-batch accuracy since the last call. */
  onProgress?: (step: number, loss: number, batchAccuracy: number) => void;
}

export interface FineTuneScore {
  devAccuracy: number;
  majorityAccuracy: number;
  trainCount: number;
  devCount: number;
  devTruncated: number;
  seconds: number;
}

/** Fine-tunes a copy of `model` (which is left as it is) and scores the dev split. */
export async function fineTuneScore(model: Encoder, data: BenchData, options: FineTuneOptions): Promise<FineTuneScore> {
  const { dataset, tokenizer } = data;
  const split = splitClassification(dataset.labels);
  const pick = (indices: number[]) =>
    encodeExamples(
      tokenizer,
      indices.map((i) => dataset.texts[i]),
      indices.map((i) => dataset.labels[i]),
      model.config.seqLen,
    );
  const train = pick(split.train);
  const dev = pick(split.dev);
  const encoder = copyEncoder(model);
  const tuner = new FineTuner(encoder, train, {
    pooling: options.pooling,
    classes: dataset.classes.length,
    batchSize: options.batchSize,
    totalSteps: options.steps,
    learningRate: options.learningRate,
    seed: options.seed,
  });
  try {
    const started = performance.now();
    let recent = 0;
    for (let i = 0; i < options.steps; i++) {
      const report = await tuner.step();
      recent += report.batchAccuracy;
      if (report.step % 50 === 0) {
        options.onProgress?.(report.step, report.loss, recent / 50);
        recent = 0;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const evaluation = await tuner.evaluate(dev);
    return {
      devAccuracy: evaluation.accuracy,
      majorityAccuracy: majorityBaseline(train.labels, dev.labels).accuracy,
      trainCount: train.count,
      devCount: dev.count,
      devTruncated: dev.truncated,
      seconds,
    };
  } finally {
    tuner.dispose();
    encoder.dispose();
  }
}

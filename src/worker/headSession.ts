/**
 * The head view inside the compute worker: one head's attention matrix for one masked validation sequence, the
 * tokens it is over, and its full SVD. One sequence, one forward pass, one SVD: cheap next to a spectrum analysis,
 * so it needs no progress, pool or cancelling. The SVD runs here rather than on the page because at n = 512 it
 * takes seconds (jacobiSvd.ts), which would freeze the page; the page forms P_r from the factors for each r.
 */
import * as tf from '@tensorflow/tfjs';
import type { PaddedBatch } from '../lib/data/mlmBatch';
import { jacobiSvd } from '../lib/numerics/jacobiSvd';
import { collectAttentionMatrices } from '../lib/spectra/attentionMatrices';
import { analysedModel, analysisBatches } from './analysisInputs';
import { guardGpuStep, throwIfGpuFault } from './gpuFault';
import { HEAD_SVD_MAX_WORK, type HeadAttentionRequest, type HeadAttentionResult } from './headTypes';
import { SPECTRA_SAMPLES } from './spectraTypes';
import { currentRunSummary } from './trainingSession';

/** Rejects with a readable message on a selection the model or the samples do not have. */
export async function headAttention(request: HeadAttentionRequest): Promise<HeadAttentionResult> {
  const { samples, sequence, layer, head } = request;
  if (!Number.isInteger(samples) || samples < SPECTRA_SAMPLES.min || samples > SPECTRA_SAMPLES.max) {
    throw new Error(`The sample count must be a whole number from ${SPECTRA_SAMPLES.min} to ${SPECTRA_SAMPLES.max} (got ${samples}).`);
  }
  if (!Number.isInteger(sequence) || sequence < 0 || sequence >= samples) {
    throw new Error(`Sequence ${sequence + 1} is not among the ${samples} sampled validation sequences.`);
  }
  throwIfGpuFault();
  const { model, corpus, corpusId, owned } = await analysedModel(request);
  try {
    const { config } = model;
    if (!Number.isInteger(layer) || layer < 0 || layer >= config.layers) {
      throw new Error(`The model has ${config.layers} layer${config.layers === 1 ? '' : 's'}: there is no layer ${layer + 1}.`);
    }
    if (!Number.isInteger(head) || head < 0 || head >= config.heads) {
      throw new Error(`The model has ${config.heads} head${config.heads === 1 ? '' : 's'} per layer: there is no head ${head + 1}.`);
    }
    const n = config.seqLen;
    const cols = config.attention === 'standard' ? n : config.kPerLayer[layer];
    const work = n * Math.min(n, cols) ** 2;
    if (work > HEAD_SVD_MAX_WORK) {
      throw new Error(`An ${n} × ${cols} attention matrix is larger than the head view decomposes (at most the work of 512 × 512, about 7 s here).`);
    }

    // The window the spectrum analysis of `samples` sequences calls sequence `sequence` (analysisInputs.ts).
    const { batchSize, batches } = analysisBatches(corpus, config, samples);
    const batch = batches[Math.floor(sequence / batchSize)];
    const start = (sequence % batchSize) * n;
    const single: PaddedBatch = {
      batchSize: 1,
      seqLen: n,
      tokens: batch.tokens.slice(start, start + n),
      attentionMask: batch.attentionMask.slice(start, start + n),
    };
    const attentionStart = performance.now();
    // After a lost device or a rejected kernel the head view reports the fault, not a stale matrix (gpuFault.ts).
    const matrices = await guardGpuStep(() => collectAttentionMatrices(model, single));
    const attentionMs = performance.now() - attentionStart;
    const matrix = matrices.find((m) => m.layer === layer && m.head === head);
    if (!matrix) throw new Error(`The model returned no attention for layer ${layer + 1}, head ${head + 1}.`);

    // The real (unpadded) positions, the rows collectAttentionMatrices kept.
    const real = Array.from({ length: n }, (_, i) => i).filter((i) => single.attentionMask[i] > 0);
    const decode = (id: number) => corpus.tokenizer.decode([id]);
    const svdStart = performance.now();
    const svd = jacobiSvd(matrix.data, matrix.rows, matrix.cols);
    const svdMs = performance.now() - svdStart;
    return {
      source: request.source,
      corpus: corpusId,
      tokenizer: request.source === 'trained' ? (currentRunSummary()?.spec.tokenizer ?? 'char') : 'char',
      config: { ...config, kPerLayer: [...config.kPerLayer] },
      layer,
      head,
      sequence,
      samples,
      rows: matrix.rows,
      cols: matrix.cols,
      data: matrix.data,
      svd,
      tokens: real.map((i) => decode(single.tokens[i])),
      originals: real.map((i) => decode(batch.targets[start + i])),
      predicted: real.map((i) => batch.weights[start + i] > 0),
      backend: tf.getBackend(),
      timing: { attentionMs, svdMs },
    };
  } finally {
    if (owned) model.dispose();
  }
}

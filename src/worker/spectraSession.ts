/**
 * One attention-spectrum analysis at a time inside the compute worker: pick the model (the last run's, or a
 * freshly initialised one), read back its attention on validation sequences batch by batch, and hand every
 * matrix to the SVD pool. The forward pass of the next batch overlaps the SVDs of the previous one, and at
 * most two batches of matrices are held at once.
 */
import * as tf from '@tensorflow/tfjs';
import { FLOAT32_PIPELINE, collectAttentionMatrices, type AttentionMatrix, type MatrixSpectrum } from '../lib/spectra';
import { analysedModel, analysisBatches } from './analysisInputs';
import { guardGpuStep, throwIfGpuFault } from './gpuFault';
import { createSvdPool, defaultPoolSize, type SvdPool } from './svdPool';
import {
  SPECTRA_SAMPLES,
  type SpectraEvents,
  type SpectraProgress,
  type SpectraRequest,
  type SpectraResult,
  type SpectraTiming,
} from './spectraTypes';

let pool: SvdPool | null = null;
let busy = false;
let cancelRequested = false;

/** Asks the analysis in progress to stop after the batch it is on; it then resolves with null. */
export function cancelSpectra(): void {
  if (busy) cancelRequested = true;
}

/** The pool lives as long as the worker: starting four module workers per analysis would cost more than it saves. */
function svdPool(): SvdPool {
  if (!pool || pool.size === 0) pool = createSvdPool(defaultPoolSize(self.navigator?.hardwareConcurrency));
  return pool;
}

/** Resolves with the analysis, or with null when it was cancelled (cancelSpectra) before it finished. */
export async function computeSpectra(request: SpectraRequest, events: SpectraEvents): Promise<SpectraResult | null> {
  if (busy) throw new Error('A spectrum analysis is already running; wait for it to finish.');
  const samples = request.samples;
  if (!Number.isInteger(samples) || samples < SPECTRA_SAMPLES.min || samples > SPECTRA_SAMPLES.max) {
    throw new Error(`The sample count must be a whole number from ${SPECTRA_SAMPLES.min} to ${SPECTRA_SAMPLES.max} (got ${samples}).`);
  }
  throwIfGpuFault();
  busy = true;
  cancelRequested = false;
  try {
    return await analyse(request, events);
  } finally {
    busy = false;
    cancelRequested = false;
  }
}

/**
 * Times one forward pass (one batch, as the analysis batches them) and one SVD of one of its matrices, for the
 * estimate shown before an analysis starts. The first forward compiles kernels and is not counted; the SVD runs on
 * the pool as the analysis's do. Shares the analysis's lock, so the two never overlap.
 */
export async function timeSpectra(request: SpectraRequest): Promise<SpectraTiming> {
  if (busy) throw new Error('A spectrum analysis is already running; wait for it to finish before estimating.');
  throwIfGpuFault();
  busy = true;
  try {
    const { model, corpus, owned } = await analysedModel(request);
    try {
      const { config } = model;
      const { batchSize, batches } = analysisBatches(corpus, config, request.samples);
      // Each forward between two GPU fault checks: a time measured on a lost device is no estimate (gpuFault.ts).
      const collect = () =>
        guardGpuStep(() => collectAttentionMatrices(model, batches[0], { firstSequence: 0, maxSequences: batchSize }));
      await collect();
      const forwardStart = performance.now();
      const matrices = await collect();
      const forwardMs = performance.now() - forwardStart;
      const svd = svdPool();
      const { rows, cols, data } = matrices[0];
      const svdStart = performance.now();
      await svd.run({ rows, cols, data });
      return {
        forwardMs,
        svdMs: performance.now() - svdStart,
        forwards: batches.length,
        sequencesPerForward: batchSize,
        matrices: request.samples * config.layers * config.heads,
        poolSize: svd.size,
        backend: tf.getBackend(),
      };
    } finally {
      if (owned) model.dispose();
    }
  } finally {
    busy = false;
  }
}

async function analyse(request: SpectraRequest, events: SpectraEvents): Promise<SpectraResult | null> {
  const started = performance.now();
  const progress: SpectraProgress = {
    stage: 'preparing',
    sequencesDone: 0,
    sequences: request.samples,
    matricesDone: 0,
    matrices: 0,
    message: `Loading ${request.corpus}…`,
  };
  events.progress({ ...progress });
  // A trained model reads its validation text with the tokenizer it was trained with (analysisInputs.ts).
  const { model, corpus, corpusId, owned: ownsModel } = await analysedModel(request);

  try {
    const { config } = model;
    // The masked validation batches that validation perplexity is measured on: fixed, so analyses compare.
    const { batchSize, batches } = analysisBatches(corpus, config, request.samples);
    const svd = svdPool();
    progress.stage = 'computing';
    progress.matrices = request.samples * config.layers * config.heads;
    progress.message = `Attention of ${request.samples} sequences, ${config.layers} layers × ${config.heads} heads; SVDs on ${svd.size || 'no'} worker${svd.size === 1 ? '' : 's'}${svd.size ? '' : ' (computed here)'}.`;
    events.progress({ ...progress });

    const spectra: MatrixSpectrum[] = [];
    let lastReport = 0;
    const report = (force = false) => {
      const now = performance.now();
      // Progress at most every 50 ms: a report per matrix would flood the page on big models.
      if (force || now - lastReport > 50) {
        lastReport = now;
        events.progress({ ...progress });
      }
    };
    const runSvds = (matrices: AttentionMatrix[]) =>
      Promise.all(
        matrices.map(async ({ layer, head, sequence, rows, cols, data: values }) => {
          const sigma = await svd.run({ rows, cols, data: values });
          spectra.push({ layer, head, sequence, rows, cols, sigma });
          progress.matricesDone += 1;
          report();
        }),
      );

    let attentionMs = 0;
    let inFlight: Promise<unknown> = Promise.resolve();
    let svdStart = NaN;
    for (let b = 0; b < batches.length; b++) {
      if (cancelRequested) {
        // The SVDs already handed to the pool finish first, so nothing is left running.
        await inFlight;
        return null;
      }
      const first = b * batchSize;
      const attentionStart = performance.now();
      // Between two GPU fault checks: after a lost device or a rejected kernel the analysis stops with its message.
      const matrices = await guardGpuStep(() =>
        collectAttentionMatrices(model, batches[b], {
          firstSequence: first,
          maxSequences: Math.min(batchSize, request.samples - first),
        }),
      );
      attentionMs += performance.now() - attentionStart;
      progress.sequencesDone = Math.min(request.samples, first + batchSize);
      report(true);
      await inFlight;
      if (Number.isNaN(svdStart)) svdStart = performance.now();
      inFlight = runSvds(matrices);
    }
    await inFlight;
    if (cancelRequested) return null;
    const svdMs = performance.now() - svdStart;
    spectra.sort((a, b) => a.layer - b.layer || a.head - b.head || a.sequence - b.sequence);
    progress.stage = 'done';
    progress.message = 'Done.';
    report(true);
    return {
      source: request.source,
      corpus: corpusId,
      config: { ...config, kPerLayer: [...config.kPerLayer] },
      sequences: request.samples,
      spectra,
      precision: FLOAT32_PIPELINE,
      backend: tf.getBackend(),
      poolSize: svd.size,
      timing: { totalMs: performance.now() - started, attentionMs, svdMs },
    };
  } finally {
    if (ownsModel) model.dispose();
  }
}

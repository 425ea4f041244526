/**
 * The backend-parity check: one seeded training run, small enough to repeat on every backend, whose per-step
 * losses and gradient norms must match the cpu backend's. It is what proves a backend (or a kernel replaced for
 * it) trains the same model, not merely that it runs: the tests run it on cpu, wasm and WebGPU in Node, the app
 * runs it on WebGL and WebGPU in the browser.
 *
 * The run is built so every step exercises what differs between backends: dropout 0 (tfjs draws dropout masks per
 * backend), clipping at a norm the gradients exceed on most steps (so the clip factor feeds into the update), a
 * learning rate high enough that a wrong update shows in the next loss, and both attention kinds.
 */
import * as tf from '@tensorflow/tfjs';
import { MlmDataSource, type Tokenizer } from '../data';
import { createEncoder, type AttentionKind, type ModelConfig } from '../model';
import { defaultTrainConfig } from './trainConfig';
import { Trainer } from './trainer';
import { PARITY_CLIP_NORM, PARITY_STEPS, PARITY_TOLERANCE } from './parityPlan';

export interface ParityTrajectory {
  backend: string;
  attention: AttentionKind;
  losses: number[];
  gradNorms: number[];
  /** Steps whose gradient norm exceeded the clip norm. */
  clippedSteps: number;
}

export interface ParityComparison {
  /** Largest |a − b| / |b| over the steps, b being the reference. */
  maxLossGap: number;
  maxNormGap: number;
}

export { PARITY_CLIP_NORM, PARITY_STEPS, PARITY_TOLERANCE } from './parityPlan';

export function parityModelConfig(attention: AttentionKind, vocabSize: number): ModelConfig {
  return {
    layers: 2,
    heads: 2,
    dModel: 16,
    dFF: 32,
    seqLen: 16,
    vocabSize,
    dropout: 0,
    attention,
    sharing: 'none',
    projection: 'linear',
    kPerLayer: [4, 4],
    seed: 7,
  };
}

/**
 * Trains the parity model for `steps` updates on the backend that is active now and returns what each step
 * reported. `ids` is encoded text (a few thousand characters suffice); the batches depend only on it and the seed.
 */
export async function parityTrajectory(
  attention: AttentionKind,
  ids: Int32Array,
  tokenizer: Tokenizer,
  steps = PARITY_STEPS,
  /** Called after each update with its number (1 … steps), e.g. to show progress. */
  onStep?: (step: number) => void,
): Promise<ParityTrajectory> {
  const model = createEncoder(parityModelConfig(attention, tokenizer.vocabSize));
  const data = new MlmDataSource({ ids, validationIds: ids, tokenizer, seqLen: 16, batchSize: 4, seed: 3 });
  const trainer = new Trainer(
    model,
    data,
    defaultTrainConfig({
      learningRate: 1e-2,
      warmupSteps: 2,
      totalSteps: steps,
      clipNorm: PARITY_CLIP_NORM,
      evalInterval: 0,
      seed: 5,
    }),
  );
  const trajectory: ParityTrajectory = { backend: tf.getBackend(), attention, losses: [], gradNorms: [], clippedSteps: 0 };
  try {
    for (let step = 0; step < steps; step++) {
      const report = await trainer.step();
      trajectory.losses.push(report.loss);
      trajectory.gradNorms.push(report.gradNorm);
      if (report.clipped) trajectory.clippedSteps++;
      onStep?.(step + 1);
    }
  } finally {
    trainer.dispose();
    model.dispose();
  }
  return trajectory;
}

export function compareTrajectories(candidate: ParityTrajectory, reference: ParityTrajectory): ParityComparison {
  if (candidate.losses.length !== reference.losses.length) {
    throw new Error(`The trajectories have ${candidate.losses.length} and ${reference.losses.length} steps.`);
  }
  const gap = (a: readonly number[], b: readonly number[]) =>
    Math.max(...a.map((value, i) => (Number.isFinite(value) ? Math.abs(value - b[i]) / Math.abs(b[i]) : Infinity)));
  return { maxLossGap: gap(candidate.losses, reference.losses), maxNormGap: gap(candidate.gradNorms, reference.gradNorms) };
}

export function withinParityTolerance(comparison: ParityComparison): boolean {
  return comparison.maxLossGap <= PARITY_TOLERANCE.loss && comparison.maxNormGap <= PARITY_TOLERANCE.gradNorm;
}

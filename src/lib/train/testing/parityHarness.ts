/**
 * Test-only: the backend-parity suite, run once per backend file (vitest gives each file its own tfjs). It trains
 * the parity run on the cpu backend for reference, then on `backend` with tfjs's own kernels only (no workarounds,
 * no fused kernels), where `reproduce` shows the tfjs bug the workaround exists for, then as the app runs it (both
 * installed), where losses and gradient norms must match the cpu backend's within PARITY_TOLERANCE.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerFusedKernels } from '../../backend/fusedKernels';
import { installKernelWorkarounds } from '../../backend/kernelWorkarounds';
import { startNodeBackend, webGpuErrors, type NodeBackend } from '../../backend/testing/nodeBackends';
import { buildCharTokenizer, type Tokenizer } from '../../data';
import { readMobyDick } from '../../data/testing/realCorpora';
import {
  compareTrajectories,
  parityTrajectory,
  PARITY_STEPS,
  PARITY_TOLERANCE,
  type ParityTrajectory,
} from '../backendParity';

export interface ParityContext {
  ids: Int32Array;
  tokenizer: Tokenizer;
  /** The cpu backend's trajectories, by attention kind. */
  reference: Record<'standard' | 'linformer', ParityTrajectory>;
}

export function describeBackendParity(
  backend: Exclude<NodeBackend, 'cpu'>,
  bug: { title: string; reproduce: (context: ParityContext) => Promise<void> },
): void {
  const text = readMobyDick().slice(0, 20_000);
  const tokenizer = buildCharTokenizer(text);
  const context: ParityContext = { ids: tokenizer.encode(text), tokenizer, reference: {} as ParityContext['reference'] };
  const fixedRuns: Partial<Record<'standard' | 'linformer', ParityTrajectory>> = {};

  beforeAll(async () => {
    await startNodeBackend('cpu', { workarounds: false, fusedKernels: false });
    for (const attention of ['standard', 'linformer'] as const) {
      context.reference[attention] = await parityTrajectory(attention, context.ids, tokenizer);
    }
    await startNodeBackend(backend, { workarounds: false, fusedKernels: false });
  }, 120_000);

  describe(`backend parity: ${backend} against cpu`, () => {
    it('clips on most steps of the reference run', () => {
      for (const run of Object.values(context.reference)) expect(run.clippedSteps).toBeGreaterThanOrEqual(PARITY_STEPS * 0.75);
    });

    it(`reproduces the tfjs 4.22 bug: ${bug.title}`, () => bug.reproduce(context), 60_000);

    for (const attention of ['standard', 'linformer'] as const) {
      it(`gives the cpu backend's losses and gradient norms with the workarounds and fused kernels: ${attention}`, async () => {
        installKernelWorkarounds();
        registerFusedKernels();
        webGpuErrors.length = 0;
        expect(tf.getBackend()).toBe(backend);
        const run = await parityTrajectory(attention, context.ids, tokenizer);
        fixedRuns[attention] = run;
        const gaps = compareTrajectories(run, context.reference[attention]);
        console.log(`${backend} ${attention}: loss gap ${gaps.maxLossGap.toExponential(2)}, norm gap ${gaps.maxNormGap.toExponential(2)}`);
        expect(gaps.maxLossGap).toBeLessThanOrEqual(PARITY_TOLERANCE.loss);
        expect(gaps.maxNormGap).toBeLessThanOrEqual(PARITY_TOLERANCE.gradNorm);
        expect(run.clippedSteps).toBe(context.reference[attention].clippedSteps);
        expect(webGpuErrors).toEqual([]);
      }, 60_000);
    }

    it('repeats the Linformer run bit for bit on the same backend (same seed, same kernels)', async () => {
      const first = fixedRuns.linformer;
      expect(first).toBeDefined();
      const again = await parityTrajectory('linformer', context.ids, tokenizer);
      expect(again.losses).toEqual(first!.losses);
      expect(again.gradNorms).toEqual(first!.gradNorms);
    }, 60_000);
  });
}

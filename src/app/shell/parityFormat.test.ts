import { describe, expect, it } from 'vitest';
import type { ParityCheckResult, ParityRow } from '../../lib/train/parityCheck';
import { clippedText, formatGap, formatTolerance, paritySummary, progressText } from './parityFormat';

function row(overrides: Partial<ParityRow> = {}): ParityRow {
  return {
    attention: 'standard',
    maxLossGap: 3.14e-8,
    maxNormGap: 2.06e-7,
    clippedSteps: 12,
    referenceClippedSteps: 12,
    steps: 12,
    pass: true,
    losses: [],
    referenceLosses: [],
    gradNorms: [],
    referenceGradNorms: [],
    ...overrides,
  };
}

function result(rows: ParityRow[], backendErrors: string[] = []): ParityCheckResult {
  return {
    backend: 'webgpu',
    reference: 'cpu',
    steps: 12,
    tolerance: { loss: 1e-3, gradNorm: 1e-2 },
    rows,
    backendErrors,
    pass: rows.every((r) => r.pass) && backendErrors.length === 0,
    seconds: 10,
  };
}

describe('parity check formatting', () => {
  it('writes gaps in exponent form with two significant digits and a typographic minus', () => {
    expect(formatGap(3.14159e-8)).toBe('3.1e−8');
    expect(formatGap(0.0123)).toBe('1.2e−2');
    expect(formatGap(2)).toBe('2.0e0');
    expect(formatGap(0)).toBe('0');
    expect(formatGap(Infinity)).toBe('∞');
    expect(formatGap(NaN)).toBe('not a number');
  });

  it('writes tolerances as the code does', () => {
    expect(formatTolerance(1e-3)).toBe('1e−3');
    expect(formatTolerance(1e-2)).toBe('1e−2');
  });

  it('names the reference count only when clipping differs', () => {
    expect(clippedText(row(), 'cpu')).toBe('12 of 12');
    expect(clippedText(row({ clippedSteps: 11 }), 'cpu')).toBe('11 of 12 (cpu: 12)');
  });

  it('says which run and step is training', () => {
    expect(progressText({ done: 15, total: 48, backend: 'webgl', attention: 'linformer', step: 3, steps: 12 })).toBe(
      'Linformer on webgl: step 3 of 12 (run 2 of 4)',
    );
    expect(progressText({ done: 48, total: 48, backend: 'cpu', attention: 'linformer', step: 12, steps: 12 })).toBe(
      'Linformer on cpu: step 12 of 12 (run 4 of 4)',
    );
  });

  it('sums up a pass with the largest gaps of both kinds', () => {
    const text = paritySummary(result([row(), row({ attention: 'linformer', maxLossGap: 5e-8, maxNormGap: 1e-7 })]));
    expect(text).toBe(
      'Pass: webgpu trains the same model as the cpu backend, largest gaps 5.0e−8 in losses and 2.1e−7 in gradient norms (tolerance 1e−3 and 1e−2).',
    );
  });

  it('names what failed: the kinds beyond tolerance, and errors the backend reported', () => {
    const failing = row({ attention: 'linformer', maxLossGap: 0.4, maxNormGap: NaN, pass: false });
    expect(paritySummary(result([row(), failing]))).toBe(
      'Fail: Linformer attention differs beyond the tolerance; largest gaps 4.0e−1 in losses and not a number in gradient norms (tolerance 1e−3 and 1e−2).',
    );
    expect(paritySummary(result([row()], ['Invalid ComputePipeline "AddN"', 'second']))).toBe(
      'Fail: webgpu reported 2 errors: Invalid ComputePipeline "AddN"; largest gaps 3.1e−8 in losses and 2.1e−7 in gradient norms (tolerance 1e−3 and 1e−2).',
    );
  });
});

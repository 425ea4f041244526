import { describe, expect, it } from 'vitest';
import { lowRankApproximation, rankErrors, relativeFrobeniusError } from '../../../lib/numerics/lowRank';
import { defaultSettings } from '../../settings/schema';
import { fakeHead } from './testing/fakeHead';
import {
  MAX_SHOWN,
  axisLabels,
  blockOf,
  colourDomain,
  describeHead,
  float32Floor,
  formatError,
  headRequest,
  matrixCsvRows,
  needsWindow,
  requestKey,
  shownRank,
  shownWindow,
  spectrumCsvRows,
  spectrumSeries,
  subscript,
  topShare,
  visibleToken,
} from './headViewData';

describe('the head request', () => {
  it('asks for the chosen layer, head and sequence 0-based, on the model and corpus of the settings', () => {
    const settings = { ...defaultSettings(), corpus: 'sotu' as const, seqLen: 32, attention: 'standard' as const };
    const request = headRequest(settings, 'initialised', 8, { layer: 2, head: 1, sequence: 3 });
    expect(request).toMatchObject({ source: 'initialised', corpus: 'sotu', samples: 8, layer: 1, head: 0, sequence: 2 });
    expect(request.model.seqLen).toBe(32);
    expect(requestKey(request)).toBe(requestKey(headRequest(settings, 'initialised', 8, { layer: 2, head: 1, sequence: 3 })));
    expect(requestKey(request)).not.toBe(requestKey(headRequest(settings, 'trained', 8, { layer: 2, head: 1, sequence: 3 })));
  });
});

describe('labels and windows', () => {
  it('makes whitespace visible and keeps a BPE word’s leading space', () => {
    expect(visibleToken(' ')).toBe('␣');
    expect(visibleToken(' the')).toBe('␣the');
    expect(visibleToken('\n')).toBe('↵');
    expect(visibleToken('')).toBe('∅');
    expect(visibleToken('█')).toBe('█');
    expect(subscript(128)).toBe('₁₂₈');
  });

  it('draws a small matrix whole and a large one as a window that stays inside it', () => {
    expect(shownWindow(32, 32, 5)).toEqual({ rowStart: 0, rowCount: 32, colStart: 0, colCount: 32 });
    expect(shownWindow(128, 128, 10)).toEqual({ rowStart: 9, rowCount: MAX_SHOWN, colStart: 9, colCount: MAX_SHOWN });
    expect(shownWindow(128, 128, 100)).toEqual({ rowStart: 64, rowCount: 64, colStart: 64, colCount: 64 });
    // Linformer's 128 × 8 P̄: the window moves down the queries, every compressed key stays.
    expect(shownWindow(128, 8, 30)).toEqual({ rowStart: 29, rowCount: 64, colStart: 0, colCount: 8 });
    expect(needsWindow({ rows: 64, cols: 64 })).toBe(false);
    expect(needsWindow({ rows: 128, cols: 8 })).toBe(true);
  });

  it('labels a standard P with tokens on both axes, and P̄’s columns with compressed positions', () => {
    const standard = fakeHead('call me ishmael.', 16);
    expect(axisLabels(standard, shownWindow(16, 16, 1))).toMatchObject({
      rowLabels: ['c', '█', 'l', 'l', '␣', 'm', 'e', '␣', 'i', 's', 'h', 'm', 'a', 'e', 'l', '.'],
    });
    expect(axisLabels(standard, shownWindow(16, 16, 1)).colLabels[4]).toBe('␣');
    const compressed = fakeHead('call me ishmael.', 4, 'linformer');
    expect(axisLabels(compressed, shownWindow(16, 4, 1)).colLabels).toEqual(['1', '2', '3', '4']);
    expect(describeHead(compressed)).toBe('initialised linformer (k = 4), layer 2 · head 1, sequence 3 of 8 (moby-dick, characters)');
  });
});

describe('the drawn matrices', () => {
  it('cuts blocks out of P and P_r that agree with the whole matrices', () => {
    const head = fakeHead('some years ago—never mind how long precisely', 45);
    const block = { rowStart: 3, rowCount: 5, colStart: 10, colCount: 4 };
    const values = blockOf(head.data, 45, block);
    expect(values).toHaveLength(5);
    expect(values[2][1]).toBe(head.data[(3 + 2) * 45 + 10 + 1]);
    const formed = lowRankApproximation(head.svd, 3, block);
    const whole = lowRankApproximation(head.svd, 3);
    expect(blockOf(formed, 4, { ...block, rowStart: 0, colStart: 0 })[4][3]).toBeCloseTo(whole[(3 + 4) * 45 + 10 + 3], 14);
  });

  it('colours both from 0 to P’s largest entry', () => {
    expect(colourDomain(Float32Array.of(0.1, 0.7, 0.2))).toEqual([0, Float32Array.of(0.7)[0]]);
    expect(colourDomain(new Float32Array(3))).toEqual([0, 1]);
  });

  it('writes one CSV row per drawn cell with positions and tokens', () => {
    const head = fakeHead('whale', 5);
    const block = shownWindow(5, 5, 1);
    const labels = axisLabels(head, block);
    const rows = matrixCsvRows(blockOf(head.data, 5, block), block, labels, false, 'p');
    expect(rows).toHaveLength(25);
    expect(rows[6]).toEqual({ query_position: 2, query_token: '█', key_position: 2, key_token: '█', p: head.data[6] });
    const compressed = matrixCsvRows([[0.5, 0.5]], { rowStart: 0, rowCount: 1, colStart: 0, colCount: 2 }, { rowLabels: ['a'], colLabels: ['1', '2'] }, true, 'p');
    expect(compressed[1]).toEqual({ query_position: 1, query_token: 'a', compressed_key_position: 2, p: 0.5 });
  });
});

describe('the spectrum and the error read-out', () => {
  const head = fakeHead('call me ishmael. some years ago', 31);
  const errors = rankErrors(head.svd.sigma);

  it('gives the Eckart–Young error that the drawn P_r actually has, 0 at r = n', () => {
    for (const r of [1, 4, 16, 31]) {
      expect(relativeFrobeniusError(head.data, lowRankApproximation(head.svd, r))).toBeCloseTo(errors[r], 6);
    }
    expect(errors[31]).toBe(0);
    expect(formatError(errors[31])).toBe('0');
    expect(formatError(0.012345)).toBe('0.0123');
    expect(formatError(2.5e-6)).toBe('2.50e-6');
  });

  it('plots σᵢ/σ₁ and the rank-i error against i, marks r, and the float32 floor when it is in range', () => {
    const series = spectrumSeries(head.svd.sigma, errors, 5);
    expect(series.map((s) => s.id)).toEqual(['sigma', 'error', 'rank-marker']);
    expect(series[0].points[0]).toEqual({ x: 1, y: 1 });
    expect(series[1].points[4]).toEqual({ x: 5, y: errors[5] });
    expect(series[2].points.map((p) => p.x)).toEqual([5, 5]);
    // A rank-1-like spectrum (a fresh model's) falls below the float32 floor, which is then drawn.
    const flat = Float64Array.of(1, 1e-9, 1e-10);
    expect(spectrumSeries(flat, rankErrors(flat), 1).map((s) => s.id)).toContain('float32-floor');
    expect(float32Floor(flat)).toBeCloseTo(16 * 2 ** -24, 12);
    expect(spectrumSeries(new Float64Array(3), new Float64Array(4), 1)).toEqual([]);
  });

  it('exports every singular value with its error and the chosen rank', () => {
    const rows = spectrumCsvRows(head.svd.sigma, errors, 2);
    expect(rows).toHaveLength(31);
    expect(rows[1]).toMatchObject({ index: 2, rank_i_relative_error: errors[2], chosen_rank: 1 });
    expect(rows[0].chosen_rank).toBe(0);
  });

  it('clamps the rank to the matrix and reads the share of Σσ at r', () => {
    expect(shownRank(40, 31)).toBe(31);
    expect(shownRank(0, 31)).toBe(1);
    expect(topShare(Float64Array.of(3, 1), 1)).toBe(0.75);
    expect(topShare(head.svd.sigma, 31)).toBeCloseTo(1, 12);
  });
});

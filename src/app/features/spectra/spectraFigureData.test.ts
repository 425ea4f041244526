import { describe, expect, it } from 'vitest';
import { summarizeHead, type HeadSummary } from '../../../lib/spectra';
import {
  atKHeatmapData,
  cumulativeSeries,
  curveCsvRows,
  decimalsFor,
  describeResult,
  headCsvRows,
  noiseFromIndex,
  sharedDomain,
} from './spectraFigureData';
import type { SpectraResult } from '../../../worker/spectraTypes';

const float64 = { entries: 'float64', gram: 'float64' } as const;

function summaries(): HeadSummary[] {
  return [
    summarizeHead(0, 0, [new Float64Array([3, 1, 0, 0])], 2, float64),
    summarizeHead(0, 1, [new Float64Array([1, 1, 1, 1])], 2, float64),
    summarizeHead(1, 0, [new Float64Array([1, 1e-12, 0, 0])], 2, float64),
  ];
}

describe('spectrum figure data', () => {
  it('draws a curve per head at 1-based indices, coloured by layer, with markers at k and where noise starts', () => {
    const series = cumulativeSeries(summaries(), 2);
    expect(series.map((s) => s.name)).toEqual([
      'layer 1 · head 1',
      'layer 1 · head 2',
      'layer 2 · head 1',
      'k = 2',
      'float32 noise from here',
    ]);
    expect(series[0].points).toEqual([
      { x: 1, y: 0.75 },
      { x: 2, y: 1 },
      { x: 3, y: 1 },
      { x: 4, y: 1 },
    ]);
    expect(series[0].colour).toBe(series[1].colour);
    expect(series[2].colour).not.toBe(series[0].colour);
    expect(series[3].points).toEqual([
      { x: 2, y: 0.25 },
      { x: 2, y: 1 },
    ]);
    // Layer 2's σ₂ = 1e-12 is below the float64 Gram floor: the noise starts at index 2 (1-based).
    expect(noiseFromIndex(summaries())).toBe(1);
    expect(series[4].points.map((p) => p.x)).toEqual([2, 2]);
    // No k marker when k lies past the curves.
    expect(cumulativeSeries(summaries(), 9).some((s) => s.name.startsWith('k ='))).toBe(false);
  });

  it('prints enough decimals to tell the heatmap values apart', () => {
    expect(decimalsFor([0.5, 1])).toBe(3);
    expect(decimalsFor([0.9998, 1])).toBe(5);
    expect(decimalsFor([1 - 1e-9, 1])).toBe(6);
    expect(decimalsFor(undefined)).toBe(3);
  });

  it('fills a layers × heads grid and a shared colour range', () => {
    const data = atKHeatmapData(summaries(), 2, 2);
    expect(data.rowLabels).toEqual(['layer 1', 'layer 2']);
    expect(data.values).toEqual([
      [1, 0.5],
      [1, null],
    ]);
    expect(sharedDomain([summaries()])).toEqual([0.5, 1]);
    expect(sharedDomain([[]])).toBeUndefined();
  });

  it('exports every curve point and every head with full precision', () => {
    const rows = curveCsvRows(summaries());
    expect(rows).toHaveLength(12);
    expect(rows[1]).toEqual({ layer: 1, head: 1, index: 2, mean_normalised_cumulative: 1 });
    const heads = headCsvRows(summaries(), 2);
    expect(heads[1]).toMatchObject({ layer: 1, head: 2, k: 2, cumulative_at_k: 0.5, effective_rank: expect.closeTo(4, 10) });
    expect(heads[1].rank_k_relative_error).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('labels a snapshot by source, attention kind and size', () => {
    const result = {
      source: 'trained',
      config: { attention: 'linformer', kPerLayer: [8, 8], seqLen: 32, layers: 2, heads: 2 },
    } as unknown as SpectraResult;
    expect(describeResult(result)).toBe('trained linformer (k = 8), n = 32, 2×2');
  });
});

import { describe, expect, it } from 'vitest';
import { summarizeHead, type HeadSummary } from '../../../lib/spectra';
import { referenceCurves } from '../../../lib/spectra/referenceSpectra';
import {
  atKHeatmapData,
  cumulativeSeries,
  curveCsvRows,
  decimalsFor,
  describeResult,
  headCsvRows,
  heatmapScale,
  noiseFromIndex,
  RANDOM_REFERENCE_NAME,
  REFERENCE_COLOUR,
  referenceShape,
  sharedDomain,
  shownIndex,
  spectrumLength,
  UNIFORM_REFERENCE_NAME,
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
  it('draws a curve per head at 1-based indices, coloured by layer, with markers at i and where noise starts', () => {
    const series = cumulativeSeries(summaries(), 2);
    expect(series.map((s) => s.name)).toEqual([
      'layer 1 · head 1',
      'layer 1 · head 2',
      'layer 2 · head 1',
      'i = 2',
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
    // No index marker when i lies past the curves.
    expect(cumulativeSeries(summaries(), 9).some((s) => s.name.startsWith('i ='))).toBe(false);
  });

  it('adds the two reference curves, dashed in one neutral colour, and stretches the markers down to them', () => {
    const references = referenceCurves(4, 4, { draws: 2 });
    const series = cumulativeSeries(summaries(), 2, references);
    const named = (name: string) => series.find((s) => s.name === name);
    const uniform = named(UNIFORM_REFERENCE_NAME);
    const random = named(RANDOM_REFERENCE_NAME);
    expect(uniform).toMatchObject({ dashed: true, colour: REFERENCE_COLOUR });
    expect(random).toMatchObject({ dashed: true, colour: REFERENCE_COLOUR });
    expect(uniform?.points).toEqual([1, 2, 3, 4].map((x) => ({ x, y: 1 })));
    expect(random?.points.map((p) => p.y)).toEqual(Array.from(references.randomSoftmax));
    // Heads' curves keep their layer colours, apart from the references'.
    expect(series.filter((s) => s.colour === REFERENCE_COLOUR)).toHaveLength(2);
    const marker = named('i = 2');
    expect(marker?.points[0].y).toBe(Math.min(0.25, references.randomSoftmax[0]));
    // Nothing to compare with, nothing drawn.
    expect(cumulativeSeries([], 2, references)).toEqual([]);
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

  it('fits the colour scale to the results shown, or fixes it to [0, 1], printing the decimals the values need', () => {
    // Two fresh-model-like results a hair apart: a fitted scale stretches 0.9977 and 0.9979 to opposite colours.
    const near = (share: number) => [{ ...summaries()[0], cumulativeAtK: share }];
    const lists = [near(0.9977), near(0.9979)];
    const fitted = heatmapScale('fit', lists);
    expect(fitted.domain?.[0]).toBeCloseTo(0.9977, 12);
    expect(fitted.domain?.[1]).toBeCloseTo(0.9979, 12);
    expect(fitted.note).toBe('Colours span the values of both results shown, so small differences look large.');
    const fixed = heatmapScale('fixed', lists);
    expect(fixed.domain).toEqual([0, 1]);
    expect(fixed.note).toBe('Colours run from 0 to 1.');
    // The cells still print enough decimals to tell the two apart.
    expect(fixed.decimals).toBe(fitted.decimals);
    expect(fixed.decimals).toBeGreaterThanOrEqual(4);
    // The fixed bar's ticks (0, 0.2, …, 1) need one decimal; a fitted bar's need the cells'.
    expect(fixed.barDecimals).toBe(1);
    expect(fitted.barDecimals).toBe(fitted.decimals);
    expect(heatmapScale('fit', [near(0.5)]).note).toBe('Colours span the values shown, so small differences look large.');
    // Nothing shown yet: no fitted range, and the fixed one stays [0, 1].
    expect(heatmapScale('fit', [[]])).toEqual({ domain: undefined, decimals: 3, barDecimals: 3, note: expect.any(String) });
    expect(heatmapScale('fixed', [[]]).domain).toEqual([0, 1]);
  });

  it('exports every curve point, the references after the heads, and every head with full precision', () => {
    expect(curveCsvRows(summaries())).toHaveLength(12);
    const references = referenceCurves(4, 4, { draws: 1 });
    const rows = curveCsvRows(summaries(), references);
    expect(rows).toHaveLength(12 + 2 * 4);
    expect(rows[1]).toEqual({ curve: 'head', layer: 1, head: 1, index: 2, mean_normalised_cumulative: 1 });
    expect(rows[12]).toEqual({ curve: UNIFORM_REFERENCE_NAME, layer: null, head: null, index: 1, mean_normalised_cumulative: 1 });
    expect(rows[16]).toEqual({
      curve: RANDOM_REFERENCE_NAME,
      layer: null,
      head: null,
      index: 1,
      mean_normalised_cumulative: references.randomSoftmax[0],
    });
    const heads = headCsvRows(summaries(), 2);
    expect(heads[1]).toMatchObject({ layer: 1, head: 2, i: 2, top_i_share: 0.5, effective_rank: expect.closeTo(4, 10) });
    expect(heads[1].rank_i_relative_error).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('knows how many values a snapshot has, its shape, and clamps the index to them', () => {
    const sigma = (length: number) => new Float64Array(length).fill(1);
    const result = {
      spectra: [
        { layer: 0, head: 0, sequence: 0, rows: 30, cols: 8, sigma: sigma(8) },
        { layer: 1, head: 0, sequence: 0, rows: 32, cols: 4, sigma: sigma(4) },
      ],
    } as unknown as SpectraResult;
    expect(spectrumLength(result)).toBe(8);
    expect(referenceShape(result)).toEqual({ rows: 32, cols: 8 });
    expect(referenceShape({ spectra: [] } as unknown as SpectraResult)).toBeNull();
    expect(shownIndex(32, 8)).toEqual({ index: 8, clamped: true });
    expect(shownIndex(5, 8)).toEqual({ index: 5, clamped: false });
    expect(shownIndex(8, 8)).toEqual({ index: 8, clamped: false });
    // Nothing shown yet: the index stays as chosen.
    expect(shownIndex(32, 0)).toEqual({ index: 32, clamped: false });
  });

  it('labels a snapshot by source, attention kind and size', () => {
    const result = {
      source: 'trained',
      config: { attention: 'linformer', kPerLayer: [8, 8], seqLen: 32, layers: 2, heads: 2 },
    } as unknown as SpectraResult;
    expect(describeResult(result)).toBe('trained linformer (k = 8), n = 32, 2×2');
  });
});

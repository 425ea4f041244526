import { describe, expect, it } from 'vitest';
import { heatmapLayout, type HeatmapLayoutInput } from './heatmapLayout';

const input = (overrides: Partial<HeatmapLayoutInput> = {}): HeatmapLayoutInput => ({
  width: 600,
  titleBottom: 20,
  rowLabels: ['layer 1', 'layer 2'],
  colLabels: ['head 1', 'head 2', 'head 3'],
  rowTitle: 'layer',
  valueLabel: 'share',
  barTicks: ['0.2', '0.4'],
  showMissing: false,
  ...overrides,
});

describe('heatmapLayout', () => {
  it('fills the grid to the width left by the row labels and the colour bar, one cell per label', () => {
    const layout = heatmapLayout(input());
    expect(layout.gridWidth).toBeCloseTo(3 * layout.cellWidth);
    expect(layout.gridHeight).toBeCloseTo(2 * layout.cellHeight);
    expect(layout.left + layout.gridWidth).toBeLessThan(600);
    expect(layout.rotate).toBe(false);
    expect([layout.rowStride, layout.colStride]).toEqual([1, 1]);
  });

  it('makes square cells when asked, and turns and thins column labels that would overlap', () => {
    const labels = Array.from({ length: 64 }, (_, i) => `token ${i}`);
    const layout = heatmapLayout(input({ rowLabels: labels, colLabels: labels, cellHeight: 'square' }));
    expect(layout.cellHeight).toBeCloseTo(layout.cellWidth);
    expect(layout.rotate).toBe(true);
    expect(layout.colStride).toBeGreaterThan(1);
    expect(layout.rowStride).toBeGreaterThan(1);
  });

  it('adds the caption’s lines and the missing-cell key to the height', () => {
    const plain = heatmapLayout(input());
    const captioned = heatmapLayout(input({ caption: 'A caption long enough to wrap. '.repeat(6) }));
    expect(captioned.captionLines.length).toBeGreaterThan(1);
    expect(captioned.height).toBeGreaterThan(plain.height);
    const tallBar = heatmapLayout(input({ rowLabels: [], showMissing: true }));
    expect(tallBar.bodyHeight).toBeGreaterThanOrEqual(tallBar.barHeight + 24);
  });
});

import { describe, expect, it } from 'vitest';
import { PAPER_TABLE_3, paperMemorySaving, paperSpeedup, type PaperGrid } from './paperReference';

describe('paper Table 3', () => {
  it('looks up known cells', () => {
    expect(paperSpeedup(512, 128)).toBe(1.5);
    expect(paperSpeedup(4096, 1024)).toBe(2.2);
    expect(paperSpeedup(8192, 128)).toBe(5.5);
    expect(paperSpeedup(65536, 2048)).toBe(7.9);
    expect(paperMemorySaving(512, 256)).toBe(1.5);
    expect(paperMemorySaving(16384, 2048)).toBe(8);
    expect(paperMemorySaving(32768, 512)).toBe(36);
    expect(paperMemorySaving(65536, 128)).toBe(60);
  });

  it('returns null for blank cells and for lengths outside the table', () => {
    expect(paperSpeedup(512, 512)).toBeNull();
    expect(paperSpeedup(2048, 2048)).toBeNull();
    expect(paperMemorySaving(1024, 2048)).toBeNull();
    expect(paperSpeedup(1000, 128)).toBeNull();
    expect(paperMemorySaving(512, 64)).toBeNull();
  });

  it('is blank exactly where k ≥ n, and falls with k and rises with n elsewhere', () => {
    // A transcription check: the paper's grids are monotone in both directions.
    const check = (grid: PaperGrid) => {
      grid.ns.forEach((n, row) => {
        expect(grid.values[row]).toHaveLength(grid.ks.length);
        grid.ks.forEach((k, column) => {
          const value = grid.values[row][column];
          expect(value === null).toBe(k >= n);
          if (value === null) return;
          const right = grid.values[row][column + 1];
          if (right != null) expect(right).toBeLessThanOrEqual(value);
          if (row > 0) expect(grid.values[row - 1][column] ?? 0).toBeLessThanOrEqual(value);
        });
      });
    };
    check(PAPER_TABLE_3.speedup);
    check(PAPER_TABLE_3.memorySaving);
  });

  it('says where the figures come from', () => {
    expect(PAPER_TABLE_3.source).toMatch(/V100/);
    expect(PAPER_TABLE_3.source).toMatch(/12-layer/);
    expect(PAPER_TABLE_3.source).toMatch(/layerwise sharing/);
    expect(PAPER_TABLE_3.source).toMatch(/not a measurement of this machine/);
  });
});

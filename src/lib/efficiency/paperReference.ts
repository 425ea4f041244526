/**
 * The Linformer paper's own efficiency figures (Table 3), kept as data so the UI can set them beside
 * what this machine measures. They are a reference from other hardware, never a stand-in for a measurement.
 */

export interface PaperGrid {
  /** Sequence lengths, one per row. */
  ns: readonly number[];
  /** Projected lengths, one per column. */
  ks: readonly number[];
  /** values[row][column]; null where the paper reports nothing (k ≥ n, which saves nothing). */
  values: readonly (readonly (number | null)[])[];
}

export interface PaperTable3 {
  source: string;
  speedup: PaperGrid;
  memorySaving: PaperGrid;
}

const NS = [512, 1024, 2048, 4096, 8192, 16384, 32768, 65536] as const;
const KS = [128, 256, 512, 1024, 2048] as const;
const _ = null;

export const PAPER_TABLE_3: PaperTable3 = {
  source:
    'Linformer paper (Wang et al., 2020, arXiv 2006.04768), Table 3: inference time and memory of a 12-layer ' +
    'Linformer with layerwise sharing against a Transformer, measured on one 16 GB V100 GPU at the largest ' +
    'batch that fits. Speed-up is the ratio of times; memory saving is the ratio of the largest batch sizes. ' +
    'A reference from other hardware and a larger model, not a measurement of this machine.',
  speedup: {
    ns: NS,
    ks: KS,
    values: [
      [1.5, 1.3, _, _, _],
      [1.7, 1.6, 1.3, _, _],
      [2.6, 2.4, 2.1, 1.3, _],
      [3.4, 3.2, 2.8, 2.2, 1.3],
      [5.5, 5.0, 4.4, 3.5, 2.1],
      [8.6, 7.8, 7.0, 5.6, 3.3],
      [13, 12, 11, 8.8, 5.0],
      [20, 18, 16, 14, 7.9],
    ],
  },
  memorySaving: {
    ns: NS,
    ks: KS,
    values: [
      [1.7, 1.5, _, _, _],
      [3.0, 2.9, 1.8, _, _],
      [6.1, 5.6, 3.6, 2.0, _],
      [14, 13, 8.3, 4.3, 2.3],
      [28, 26, 17, 8.5, 4.5],
      [56, 48, 32, 16, 8],
      [56, 48, 36, 18, 16],
      [60, 52, 40, 20, 18],
    ],
  },
};

/** The paper's speed-up at (n, k), or null where it has none (a blank cell, or n or k not in the table). */
export function paperSpeedup(n: number, k: number): number | null {
  return lookup(PAPER_TABLE_3.speedup, n, k);
}

/** The paper's memory saving at (n, k), or null where it has none. */
export function paperMemorySaving(n: number, k: number): number | null {
  return lookup(PAPER_TABLE_3.memorySaving, n, k);
}

function lookup(grid: PaperGrid, n: number, k: number): number | null {
  const row = grid.ns.indexOf(n);
  const column = grid.ks.indexOf(k);
  if (row < 0 || column < 0) return null;
  return grid.values[row][column];
}

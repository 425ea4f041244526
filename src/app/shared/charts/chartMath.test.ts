import { scaleLinear, scaleLog } from 'd3';
import { describe, expect, it } from 'vitest';
import {
  byteTickValues,
  decimateLine,
  contrastRatio,
  estimateTextWidth,
  findNearest,
  gridCellAt,
  isPlottable,
  labelStride,
  layoutLegend,
  logTickValues,
  moveCursor,
  moveGridCursor,
  paddedDomain,
  plottableExtent,
  projector,
  relativeLuminance,
  textColourOn,
  wrapInTwo,
  wrapText,
} from './chartMath';

describe('plottable values and domains', () => {
  it('skips NaN and infinities, and non-positive values on a log axis', () => {
    expect([1, NaN, Infinity, -Infinity, 0, -2].map((v) => isPlottable(v, 'linear'))).toEqual([
      true,
      false,
      false,
      false,
      true,
      true,
    ]);
    expect([1, 0, -2, null, undefined].map((v) => isPlottable(v, 'log'))).toEqual([true, false, false, false, false]);
    expect(plottableExtent([3, NaN, -1, Infinity, 7], 'linear')).toEqual([-1, 7]);
    expect(plottableExtent([3, -1, 0, 7], 'log')).toEqual([3, 7]);
    expect(plottableExtent([NaN], 'linear')).toBeNull();
  });

  it('gives placeholder domains for empty data and widens a single value around itself', () => {
    expect(paddedDomain(null, 'linear')).toEqual([0, 1]);
    expect(paddedDomain(null, 'log')).toEqual([1, 10]);
    expect(paddedDomain(null, 'linear', { min: 0, max: 50 })).toEqual([0, 50]);
    expect(paddedDomain([5, 5], 'linear')).toEqual([4.5, 5.5]);
    expect(paddedDomain([0, 0], 'linear')).toEqual([-1, 1]);
    const [lo, hi] = paddedDomain([100, 100], 'log');
    expect(Math.sqrt(lo * hi)).toBeCloseTo(100, 9);
    expect(hi / lo).toBeCloseTo(10, 9);
  });

  it('pads linear domains by a fraction of the span and log domains by a fraction of the decades', () => {
    expect(paddedDomain([0, 10], 'linear', { padding: 0.1 })).toEqual([-1, 11]);
    const [lo, hi] = paddedDomain([10, 1000], 'log', { padding: 0.05 });
    expect(Math.log10(lo)).toBeCloseTo(0.9, 12);
    expect(Math.log10(hi)).toBeCloseTo(3.1, 12);
  });

  it('keeps fixed ends and pads only the free end', () => {
    // The padding is 10% of the shown span: 0…10 gets 1 at the top; 2…20 gets 1.8 at the bottom.
    expect(paddedDomain([2, 10], 'linear', { min: 0, padding: 0.1 })).toEqual([0, 11]);
    const [lo, hi] = paddedDomain([2, 10], 'linear', { max: 20, padding: 0.1 });
    expect(lo).toBeCloseTo(0.2, 12);
    expect(hi).toBe(20);
    // A fixed end that cannot sit on a log axis is ignored rather than breaking the scale.
    expect(paddedDomain([10, 100], 'log', { min: 0, padding: 0 })).toEqual([10, 100]);
  });
});

describe('logTickValues', () => {
  it('uses powers of ten over many decades', () => {
    expect(logTickValues([1, 1e6], 7)).toEqual([1, 10, 100, 1000, 1e4, 1e5, 1e6]);
  });

  it('uses the densest mantissa set that fits', () => {
    // 64…4096: 1–9 per decade gives 13 ticks, too many for 8; 1-2-5 gives 5.
    expect(logTickValues([64, 4096], 8)).toEqual([100, 200, 500, 1000, 2000]);
    expect(logTickValues([1, 100], 20)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  });

  it('skips decades when even powers of ten are too many', () => {
    const ticks = logTickValues([1, 1e12], 5);
    expect(ticks.length).toBeLessThanOrEqual(5);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    for (const t of ticks) expect(Number.isInteger(Math.log10(t))).toBe(true);
  });

  it('falls back to linear ticks inside a single decade', () => {
    const ticks = logTickValues([64, 90], 5);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    for (const t of ticks) {
      expect(t).toBeGreaterThanOrEqual(64);
      expect(t).toBeLessThanOrEqual(90);
    }
  });

  it('returns nothing for a domain a log axis cannot show', () => {
    expect(logTickValues([0, 10], 5)).toEqual([]);
  });
});

describe('byteTickValues', () => {
  it('puts log ticks on powers of two, thinned to every m-th so they fit', () => {
    // 1e6…1e9 bytes holds 2^20…2^29: ten powers, so every second one.
    expect(byteTickValues([1e6, 1e9], 'log', 6)).toEqual([2 ** 20, 2 ** 22, 2 ** 24, 2 ** 26, 2 ** 28]);
    expect(byteTickValues([1000, 5000], 'log', 6)).toEqual([1024, 2048, 4096]);
  });

  it('puts linear ticks on nice multiples of the largest binary unit', () => {
    const mib = 2 ** 20;
    expect(byteTickValues([0, 1000 * mib], 'linear', 6)).toEqual([0, 200, 400, 600, 800, 1000].map((t) => t * mib));
    expect(byteTickValues([0, 800], 'linear', 5)).toEqual([0, 200, 400, 600, 800]);
  });
});

describe('findNearest', () => {
  it('agrees with a brute-force search over sorted distances', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 500;
    const series = [0, 1, 2].map(() => {
      const sx = Array.from({ length: 70 }, rand);
      const sy = Array.from({ length: 70 }, rand);
      return { sx, sy };
    });
    const all = series.flatMap((s, seriesIndex) =>
      s.sx.map((x, pointIndex) => ({ seriesIndex, pointIndex, x, y: s.sy[pointIndex] })),
    );
    for (let trial = 0; trial < 20; trial += 1) {
      const px = rand();
      const py = rand();
      const expected = [...all].sort((a, b) => Math.hypot(a.x - px, a.y - py) - Math.hypot(b.x - px, b.y - py))[0];
      expect(findNearest(series, px, py)).toEqual({
        seriesIndex: expected.seriesIndex,
        pointIndex: expected.pointIndex,
      });
    }
  });

  it('skips undrawn (NaN) points and returns null beyond the radius or with no points', () => {
    const series = [{ sx: [NaN, 100], sy: [0, 100] }];
    expect(findNearest(series, 0, 0)).toEqual({ seriesIndex: 0, pointIndex: 1 });
    expect(findNearest(series, 0, 0, 50)).toBeNull();
    expect(findNearest(series, 90, 100, 50)).toEqual({ seriesIndex: 0, pointIndex: 1 });
    expect(findNearest([], 0, 0)).toBeNull();
  });
});

describe('projector', () => {
  it('matches d3 scales on linear and log axes and gives NaN off-axis', () => {
    const lin = scaleLinear().domain([-2, 8]).range([300, 0]);
    const log = scaleLog().domain([64, 4096]).range([0, 500]);
    const p = projector('linear', [-2, 8], [300, 0]);
    const q = projector('log', [64, 4096], [0, 500]);
    for (const v of [-2, 0, 3.3, 8, 12]) expect(p(v)).toBeCloseTo(lin(v), 9);
    for (const v of [64, 100, 512, 4096, 10000]) expect(q(v)).toBeCloseTo(log(v), 9);
    expect(q(0)).toBeNaN();
    expect(p(Infinity)).toBeNaN();
    // A degenerate domain maps to the middle of the range rather than dividing by zero.
    expect(projector('linear', [5, 5], [0, 100])(5)).toBe(50);
  });
});

describe('moveCursor', () => {
  const xs = [[0, 10, 20, 30], [], [5, 25]];

  it('starts at the first point of the first non-empty series', () => {
    expect(moveCursor(xs, null, 'ArrowRight')).toEqual({ seriesIndex: 0, pointIndex: 0 });
    expect(moveCursor([[], [1]], null, 'ArrowLeft')).toEqual({ seriesIndex: 1, pointIndex: 0 });
    expect(moveCursor([[], []], null, 'ArrowLeft')).toBeNull();
  });

  it('steps along a series and stops at its ends', () => {
    expect(moveCursor(xs, { seriesIndex: 0, pointIndex: 1 }, 'ArrowRight')).toEqual({ seriesIndex: 0, pointIndex: 2 });
    expect(moveCursor(xs, { seriesIndex: 0, pointIndex: 3 }, 'ArrowRight')).toEqual({ seriesIndex: 0, pointIndex: 3 });
    expect(moveCursor(xs, { seriesIndex: 0, pointIndex: 0 }, 'ArrowLeft')).toEqual({ seriesIndex: 0, pointIndex: 0 });
    expect(moveCursor(xs, { seriesIndex: 0, pointIndex: 1 }, 'End')).toEqual({ seriesIndex: 0, pointIndex: 3 });
    expect(moveCursor(xs, { seriesIndex: 0, pointIndex: 2 }, 'Home')).toEqual({ seriesIndex: 0, pointIndex: 0 });
  });

  it('switches series past empty ones, landing on the nearest x, and wraps around', () => {
    // From x = 30 in series 0, down skips empty series 1 and lands on x = 25 in series 2.
    expect(moveCursor(xs, { seriesIndex: 0, pointIndex: 3 }, 'ArrowDown')).toEqual({ seriesIndex: 2, pointIndex: 1 });
    expect(moveCursor(xs, { seriesIndex: 2, pointIndex: 0 }, 'ArrowDown')).toEqual({ seriesIndex: 0, pointIndex: 0 });
    expect(moveCursor(xs, { seriesIndex: 0, pointIndex: 1 }, 'ArrowUp')).toEqual({ seriesIndex: 2, pointIndex: 0 });
  });
});

describe('grid cursor and hit test', () => {
  it('maps a position to its cell and rejects positions outside the grid', () => {
    expect(gridCellAt(0, 0, 10, 20, 3, 4)).toEqual({ row: 0, col: 0 });
    expect(gridCellAt(39.9, 59.9, 10, 20, 3, 4)).toEqual({ row: 2, col: 3 });
    expect(gridCellAt(40, 10, 10, 20, 3, 4)).toBeNull();
    expect(gridCellAt(5, 60, 10, 20, 3, 4)).toBeNull();
    expect(gridCellAt(-1, 5, 10, 20, 3, 4)).toBeNull();
  });

  it('moves within the grid and clamps at its edges', () => {
    expect(moveGridCursor(null, 'ArrowDown', 3, 4)).toEqual({ row: 0, col: 0 });
    expect(moveGridCursor({ row: 0, col: 0 }, 'ArrowUp', 3, 4)).toEqual({ row: 0, col: 0 });
    expect(moveGridCursor({ row: 1, col: 1 }, 'ArrowDown', 3, 4)).toEqual({ row: 2, col: 1 });
    expect(moveGridCursor({ row: 1, col: 1 }, 'End', 3, 4)).toEqual({ row: 1, col: 3 });
    expect(moveGridCursor({ row: 5, col: 9 }, 'ArrowLeft', 3, 4)).toEqual({ row: 2, col: 2 });
    expect(moveGridCursor(null, 'ArrowDown', 0, 4)).toBeNull();
  });
});

describe('labelStride', () => {
  it('draws every label when they fit and thins them just enough when they do not', () => {
    expect(labelStride(20, 13)).toBe(1);
    expect(labelStride(13, 13)).toBe(1);
    expect(labelStride(7, 13)).toBe(2);
    expect(labelStride(4, 13)).toBe(4);
    expect(labelStride(0, 13)).toBe(1);
  });
});

describe('text layout', () => {
  it('wraps words so every line fits, keeping all words in order', () => {
    const text = 'normalized cumulative singular value at the 128th largest singular value, averaged over sentences';
    const lines = wrapText(text, 200, 12);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(estimateTextWidth(l, 12)).toBeLessThanOrEqual(200);
    expect(lines.join(' ')).toBe(text);
  });

  it('wraps a turned title into at most two lines, the most even pair when two do not fit the space', () => {
    const roomy = wrapInTwo('sequence length n (tokens)', 136, 12);
    expect(roomy.lines).toEqual(['sequence length n', '(tokens)']);
    expect(roomy.width).toBeLessThanOrEqual(136);
    // 18 px of room (one short row) fits no word: two even lines, and the width the caller must make room for.
    const tight = wrapInTwo('sequence length n', 18, 12);
    expect(tight.lines).toEqual(['sequence', 'length n']);
    expect(tight.width).toBe(estimateTextWidth('sequence', 12));
    expect(wrapInTwo('layer', 18, 12).lines).toEqual(['layer']);
  });

  it('lays legend items out in rows no wider than the space', () => {
    const { slots, rows } = layoutLegend([100, 100, 100, 50], 250, 10);
    expect(slots).toEqual([
      { x: 0, row: 0 },
      { x: 110, row: 0 },
      { x: 0, row: 1 },
      { x: 110, row: 1 },
    ]);
    expect(rows).toBe(2);
    expect(layoutLegend([], 250, 10).rows).toBe(0);
  });
});

describe('colour contrast', () => {
  it('matches the WCAG definitions at the extremes', () => {
    expect(relativeLuminance(255, 255, 255)).toBeCloseTo(1, 12);
    expect(relativeLuminance(0, 0, 0)).toBe(0);
    expect(contrastRatio(1, 0)).toBeCloseTo(21, 12);
    // Mid grey #777777 has luminance ≈ 0.184 (WCAG: 4.48:1 against white).
    expect(contrastRatio(relativeLuminance(0x77, 0x77, 0x77), 1)).toBeCloseTo(4.48, 2);
  });

  it('puts black text on light cells and white text on dark ones', () => {
    // Ends of viridis: #fde725 (yellow) and #440154 (deep purple).
    expect(textColourOn(relativeLuminance(0xfd, 0xe7, 0x25))).toBe('#000000');
    expect(textColourOn(relativeLuminance(0x44, 0x01, 0x54))).toBe('#ffffff');
  });
});

describe('decimateLine', () => {
  it('keeps every point when each has its own pixel column', () => {
    expect(decimateLine([0, 1, 2, 3], [5, 6, 5, 6])).toEqual([0, 1, 2, 3]);
  });

  it('keeps first, last, lowest and highest of each column, in order, and the same envelope', () => {
    let seed = 3;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const n = 20_000;
    const sx = Array.from({ length: n }, (_v, i) => (i / n) * 300);
    const sy = Array.from({ length: n }, () => rand() * 200);
    const kept = decimateLine(sx, sy);
    expect(kept.length).toBeLessThanOrEqual(4 * 300);
    expect(kept).toEqual([...kept].sort((a, b) => a - b));
    // Reference: per column extremes and ends computed directly.
    const columns = new Map<number, number[]>();
    sx.forEach((x, i) => columns.set(Math.floor(x), [...(columns.get(Math.floor(x)) ?? []), i]));
    const keptSet = new Set(kept);
    for (const indices of columns.values()) {
      const ys = indices.map((i) => sy[i]);
      const keptYs = indices.filter((i) => keptSet.has(i)).map((i) => sy[i]);
      expect(Math.min(...keptYs)).toBe(Math.min(...ys));
      expect(Math.max(...keptYs)).toBe(Math.max(...ys));
      expect(keptSet.has(indices[0]) && keptSet.has(indices[indices.length - 1])).toBe(true);
    }
  });

  it('turns undrawable points into single gap markers', () => {
    expect(decimateLine([0, 0.2, 0.4, NaN, 1, 1.5, 2], [1, 2, 3, 4, NaN, 6, 7])).toEqual([0, 2, -1, 5, 6]);
    expect(decimateLine([NaN, 1], [1, 1])).toEqual([1]);
  });
});

/**
 * Pure helpers behind the charts: which values can be plotted, axis domains and ticks, nearest-point search,
 * keyboard cursor steps, text size estimates and legend layout. No DOM here, so all of it is tested in Node.
 */
import { ticks as linearTicks } from 'd3';

export type ScaleKind = 'linear' | 'log';

/** A value can be drawn on an axis when it is finite and, on a log axis, positive. */
export function isPlottable(value: number | null | undefined, kind: ScaleKind): value is number {
  return typeof value === 'number' && Number.isFinite(value) && (kind === 'linear' || value > 0);
}

/** [min, max] of the plottable values, or null when there are none. */
export function plottableExtent(values: Iterable<number | null | undefined>, kind: ScaleKind): [number, number] | null {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!isPlottable(v, kind)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : null;
}

export interface DomainOptions {
  /** Fixed lower end (e.g. 0 for a loss axis); overrides the data. */
  min?: number;
  /** Fixed upper end; overrides the data. */
  max?: number;
  /** Fraction of the span added at each free end so points do not sit on the frame. */
  padding?: number;
}

/**
 * The axis domain for a data extent. Empty data gets a placeholder ([0, 1] or [1, 10]) so axes still draw;
 * a single value is widened so it lands mid-axis; on a log axis padding is applied in decades. Padding is a
 * fraction of the shown span (fixed ends included), so it looks the same whatever the axis covers.
 */
export function paddedDomain(
  extent: [number, number] | null,
  kind: ScaleKind,
  options: DomainOptions = {},
): [number, number] {
  const padding = options.padding ?? 0.05;
  const fixedMin = isPlottable(options.min, kind) ? options.min : undefined;
  const fixedMax = isPlottable(options.max, kind) ? options.max : undefined;
  if (extent === null) {
    // Placeholder axes for "no data yet"; fixed ends still apply when they leave a valid range.
    const [a, b] = kind === 'log' ? [1, 10] : [0, 1];
    const lo = fixedMin ?? a;
    const hi = fixedMax ?? b;
    return lo < hi ? [lo, hi] : [a, b];
  }
  let [lo, hi] = extent;
  if (fixedMin !== undefined) lo = fixedMin;
  if (fixedMax !== undefined) hi = fixedMax;
  if (lo > hi) [lo, hi] = [hi, lo];

  if (kind === 'log') {
    let a = Math.log10(lo);
    let b = Math.log10(hi);
    if (a === b) {
      a -= 0.5;
      b += 0.5;
    } else {
      const pad = (b - a) * padding;
      if (fixedMin === undefined) a -= pad;
      if (fixedMax === undefined) b += pad;
    }
    return [fixedMin ?? 10 ** a, fixedMax ?? 10 ** b];
  }

  if (lo === hi) {
    const half = Math.abs(lo) * 0.1 || 1;
    return [fixedMin ?? lo - half, fixedMax ?? hi + half];
  }
  const pad = (hi - lo) * padding;
  return [fixedMin ?? lo - pad, fixedMax ?? hi + pad];
}

/** Mantissa sets for log ticks, densest first: 1–9, then 1-2-5, then 1-3, then powers of ten only. */
const LOG_MANTISSAS: ReadonlyArray<readonly number[]> = [[1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 5], [1, 3], [1]];

/**
 * Tick values for a log axis with at most `maxCount` ticks: the densest of 1–9 / 1-2-5 / 1-3 / 10ᵏ per decade
 * that fits, then every m-th decade. A domain narrower than a decade falls back to linear ticks, which stay
 * readable there (64…90 has no power-of-ten landmarks).
 */
export function logTickValues(domain: [number, number], maxCount: number): number[] {
  const [lo, hi] = domain[0] <= domain[1] ? domain : [domain[1], domain[0]];
  if (!(lo > 0) || !Number.isFinite(hi)) return [];
  const first = Math.floor(Math.log10(lo));
  const last = Math.ceil(Math.log10(hi));
  // Tolerance for floating error at the ends (10 ** 2 computed as 99.99999999999999).
  const inDomain = (v: number) => v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12);
  const decadeTicks = (mantissas: readonly number[], stride: number) => {
    const out: number[] = [];
    for (let e = first; e <= last; e += 1) {
      if (stride > 1 && ((e % stride) + stride) % stride !== 0) continue;
      for (const m of mantissas) {
        const v = Number((m * 10 ** e).toPrecision(12));
        if (inDomain(v)) out.push(v);
      }
    }
    return out;
  };
  const limit = Math.max(2, maxCount);
  for (const mantissas of LOG_MANTISSAS) {
    const values = decadeTicks(mantissas, 1);
    if (values.length <= limit) {
      // Fewer than two landmarks means the domain is inside one decade: linear ticks say more.
      return values.length >= 2 ? values : linearTicks(lo, hi, limit);
    }
  }
  for (let stride = 2; ; stride += 1) {
    const values = decadeTicks([1], stride);
    if (values.length <= limit) return values;
  }
}

/** Linear tick values (d3's 1-2-5 nice steps), re-exported so both axis kinds come from one place. */
export function linearTickValues(domain: [number, number], maxCount: number): number[] {
  return linearTicks(domain[0], domain[1], Math.max(2, maxCount));
}

export function tickValues(domain: [number, number], kind: ScaleKind, maxCount: number): number[] {
  return kind === 'log' ? logTickValues(domain, maxCount) : linearTickValues(domain, maxCount);
}

/**
 * Tick values for byte quantities, on binary landmarks so labels read "1 MiB, 4 MiB, 16 MiB" rather than
 * "954 KiB": on a log axis powers of two (every m-th), on a linear axis nice steps of the largest 1024ⁿ unit.
 */
export function byteTickValues(domain: [number, number], kind: ScaleKind, maxCount: number): number[] {
  const [lo, hi] = domain[0] <= domain[1] ? domain : [domain[1], domain[0]];
  const limit = Math.max(2, maxCount);
  if (kind === 'linear') {
    const largest = Math.max(Math.abs(lo), Math.abs(hi));
    const unit = largest >= 1024 ? 1024 ** Math.floor(Math.log(largest) / Math.log(1024)) : 1;
    return linearTicks(lo / unit, hi / unit, limit).map((t) => t * unit);
  }
  if (!(lo > 0) || !Number.isFinite(hi)) return [];
  const first = Math.ceil(Math.log2(lo) - 1e-9);
  const last = Math.floor(Math.log2(hi) + 1e-9);
  if (last < first) return logTickValues([lo, hi], limit);
  for (const stride of [1, 2, 3, 4, 5, 10, 20, 30, 40, 50, 60]) {
    const values: number[] = [];
    for (let e = Math.ceil(first / stride) * stride; e <= last; e += stride) values.push(2 ** e);
    // Too few binary landmarks (a narrow domain) reads better with decimal ones.
    if (values.length <= limit) return values.length >= 2 || stride > 1 ? values : logTickValues([lo, hi], limit);
  }
  return [2 ** first, 2 ** last];
}

/** Ticks for an axis: binary landmarks for bytes, otherwise decimal ones. */
export function axisTickValues(domain: [number, number], kind: ScaleKind, maxCount: number, bytes: boolean): number[] {
  return bytes ? byteTickValues(domain, kind, maxCount) : tickValues(domain, kind, maxCount);
}

/** Screen positions of one series' points; NaN marks a point that is not drawn. */
export interface ScreenSeries {
  sx: ArrayLike<number>;
  sy: ArrayLike<number>;
}

/**
 * The drawn point nearest to (px, py) in screen space, as series and point index, or null when none lies within
 * `maxDistance` pixels. A linear scan over typed arrays: 40 000 points take well under a millisecond.
 */
export function findNearest(
  series: readonly ScreenSeries[],
  px: number,
  py: number,
  maxDistance = Infinity,
): { seriesIndex: number; pointIndex: number } | null {
  let best: { seriesIndex: number; pointIndex: number } | null = null;
  let bestSq = maxDistance * maxDistance;
  series.forEach(({ sx, sy }, seriesIndex) => {
    for (let i = 0; i < sx.length; i += 1) {
      const dx = sx[i] - px;
      const dy = sy[i] - py;
      const d = dx * dx + dy * dy;
      // NaN distances (undrawn points) fail this comparison and are skipped.
      if (d <= bestSq) {
        bestSq = d;
        best = { seriesIndex, pointIndex: i };
      }
    }
  });
  return best;
}

/**
 * value → pixel for a linear or log axis as one multiply-add (in log space for log axes). The charts project every
 * point of every series each frame; d3's general-purpose scale objects cost several times more per call.
 * Values the axis cannot show give NaN.
 */
export function projector(
  kind: ScaleKind,
  domain: [number, number],
  range: [number, number],
): (value: number) => number {
  const f = kind === 'log' ? Math.log : (v: number) => v;
  const d0 = f(domain[0]);
  const d1 = f(domain[1]);
  const slope = d1 === d0 ? 0 : (range[1] - range[0]) / (d1 - d0);
  const offset = d1 === d0 ? (range[0] + range[1]) / 2 : range[0];
  const base = d1 === d0 ? 0 : d0;
  return kind === 'log'
    ? (v) => (v > 0 && Number.isFinite(v) ? offset + (Math.log(v) - base) * slope : NaN)
    : (v) => (Number.isFinite(v) ? offset + (v - base) * slope : NaN);
}

export interface SeriesCursor {
  seriesIndex: number;
  pointIndex: number;
}

export type CursorKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End';

/**
 * Keyboard cursor over the points of several series. Left/right step along a series, Home/End jump to its ends;
 * up/down move to the previous/next series that has points, landing on the point nearest in x.
 * `xs[s]` are the x positions (any monotone unit) of series s's visible points, in drawing order.
 */
export function moveCursor(
  xs: ReadonlyArray<readonly number[]>,
  cursor: SeriesCursor | null,
  key: CursorKey,
): SeriesCursor | null {
  const nonEmpty = xs.map((s, i) => (s.length > 0 ? i : -1)).filter((i) => i >= 0);
  if (nonEmpty.length === 0) return null;
  if (cursor === null || !(xs[cursor.seriesIndex]?.length > 0)) return { seriesIndex: nonEmpty[0], pointIndex: 0 };
  const { seriesIndex } = cursor;
  const count = xs[seriesIndex].length;
  const pointIndex = Math.min(Math.max(cursor.pointIndex, 0), count - 1);
  switch (key) {
    case 'ArrowLeft':
      return { seriesIndex, pointIndex: Math.max(0, pointIndex - 1) };
    case 'ArrowRight':
      return { seriesIndex, pointIndex: Math.min(count - 1, pointIndex + 1) };
    case 'Home':
      return { seriesIndex, pointIndex: 0 };
    case 'End':
      return { seriesIndex, pointIndex: count - 1 };
    case 'ArrowUp':
    case 'ArrowDown': {
      const at = nonEmpty.indexOf(seriesIndex);
      const step = key === 'ArrowDown' ? 1 : -1;
      const target = nonEmpty[(at + step + nonEmpty.length) % nonEmpty.length];
      const x = xs[seriesIndex][pointIndex];
      let nearest = 0;
      xs[target].forEach((tx, i) => {
        if (Math.abs(tx - x) < Math.abs(xs[target][nearest] - x)) nearest = i;
      });
      return { seriesIndex: target, pointIndex: nearest };
    }
  }
}

/**
 * Width of `text` in pixels at `fontSize`, estimated from character classes. Layout must not depend on
 * measuring rendered text (absent in jsdom, and a forced reflow per label in browsers); this errs on the wide side.
 */
export function estimateTextWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) {
    if (/[il.,:;'|!\s()[\]]/.test(ch)) em += 0.32;
    else if (/[mwMW@%]/.test(ch)) em += 0.9;
    else if (/[A-Z0-9]/.test(ch)) em += 0.64;
    else em += 0.56;
  }
  return em * fontSize;
}

/** Greedy word wrap into lines no wider than `maxWidth` (estimated); a single long word gets its own line. */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && estimateTextWidth(candidate, fontSize) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A title set along a short side (a heatmap's row title, turned): wrapped to `maxWidth`, but never into more than two
 * lines; when it needs more, it is split into the two most even lines instead. `width` is the widest line's
 * estimate, so the caller can make the side long enough for it.
 */
export function wrapInTwo(text: string, maxWidth: number, fontSize: number): { lines: string[]; width: number } {
  const widest = (lines: readonly string[]) => Math.max(0, ...lines.map((l) => estimateTextWidth(l, fontSize)));
  const wrapped = wrapText(text, maxWidth, fontSize);
  if (wrapped.length <= 2) return { lines: wrapped, width: widest(wrapped) };
  const words = text.split(/\s+/).filter(Boolean);
  let best = { lines: [words.join(' ')], width: estimateTextWidth(words.join(' '), fontSize) };
  for (let cut = 1; cut < words.length; cut += 1) {
    const lines = [words.slice(0, cut).join(' '), words.slice(cut).join(' ')];
    const width = widest(lines);
    if (width < best.width) best = { lines, width };
  }
  return best;
}

export interface LegendSlot {
  x: number;
  row: number;
}

/**
 * Places legend items left to right, wrapping to a new row when the next one would pass `maxWidth`.
 * Each item is `itemWidth(i)` wide; items are separated by `gap`.
 */
export function layoutLegend(
  widths: readonly number[],
  maxWidth: number,
  gap: number,
): { slots: LegendSlot[]; rows: number } {
  const slots: LegendSlot[] = [];
  let x = 0;
  let row = 0;
  for (const w of widths) {
    if (x > 0 && x + w > maxWidth) {
      row += 1;
      x = 0;
    }
    slots.push({ x, row });
    x += w + gap;
  }
  return { slots, rows: widths.length === 0 ? 0 : row + 1 };
}

/** WCAG relative luminance of an sRGB colour given as 0–255 channels. */
export function relativeLuminance(r: number, g: number, b: number): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG contrast ratio between two luminances. */
export function contrastRatio(l1: number, l2: number): number {
  const [hi, lo] = l1 >= l2 ? [l1, l2] : [l2, l1];
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white text, whichever contrasts more with a cell of the given luminance. */
export function textColourOn(luminance: number): '#000000' | '#ffffff' {
  return contrastRatio(luminance, 0) >= contrastRatio(luminance, 1) ? '#000000' : '#ffffff';
}

/**
 * The grid cell under (px, py), measured from the grid's top-left corner, or null outside the grid.
 * Cells are `cellWidth` × `cellHeight`; rows go down, columns go right.
 */
export function gridCellAt(
  px: number,
  py: number,
  cellWidth: number,
  cellHeight: number,
  rows: number,
  cols: number,
): { row: number; col: number } | null {
  if (!(cellWidth > 0 && cellHeight > 0) || px < 0 || py < 0) return null;
  const col = Math.floor(px / cellWidth);
  const row = Math.floor(py / cellHeight);
  return row < rows && col < cols ? { row, col } : null;
}

/**
 * Every how many cells a label is drawn so that labels `needed` px apart do not overlap on cells `cellSize` px
 * apart: 1 when they fit, else the smallest stride that spaces them far enough (an attention matrix over 64
 * tokens, say, labels every other one).
 */
export function labelStride(cellSize: number, needed: number): number {
  if (!(cellSize > 0) || cellSize >= needed) return 1;
  return Math.ceil(needed / cellSize);
}

/** Moves a grid cursor with arrow/Home/End keys, clamped to the grid; starts at the top-left cell. */
export function moveGridCursor(
  cursor: { row: number; col: number } | null,
  key: CursorKey,
  rows: number,
  cols: number,
): { row: number; col: number } | null {
  if (rows <= 0 || cols <= 0) return null;
  if (cursor === null) return { row: 0, col: 0 };
  const clamp = (v: number, n: number) => Math.min(n - 1, Math.max(0, v));
  const row = clamp(cursor.row, rows);
  const col = clamp(cursor.col, cols);
  switch (key) {
    case 'ArrowLeft':
      return { row, col: clamp(col - 1, cols) };
    case 'ArrowRight':
      return { row, col: clamp(col + 1, cols) };
    case 'ArrowUp':
      return { row: clamp(row - 1, rows), col };
    case 'ArrowDown':
      return { row: clamp(row + 1, rows), col };
    case 'Home':
      return { row, col: 0 };
    case 'End':
      return { row, col: cols - 1 };
  }
}

/**
 * Thins a polyline to what can differ on screen: per pixel column it keeps the first, last, lowest and highest
 * point (in their original order), so the drawn envelope is unchanged while 100 000 training steps become a few
 * thousand vertices. `sx`/`sy` are screen positions with NaN for points that cannot be drawn; those become a gap
 * marker (-1) so the line still breaks there. Returns indices into the input.
 */
export function decimateLine(sx: ArrayLike<number>, sy: ArrayLike<number>): number[] {
  const out: number[] = [];
  let column = NaN;
  let first = -1;
  let last = -1;
  let low = -1;
  let high = -1;
  const flush = () => {
    if (first < 0) return;
    // Ascending index order keeps the path's direction; a Set drops repeats when one point plays several roles.
    for (const i of [...new Set([first, low, high, last])].sort((a, b) => a - b)) out.push(i);
    first = -1;
  };
  for (let i = 0; i < sx.length; i += 1) {
    const x = sx[i];
    const y = sy[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      flush();
      if (out.length > 0 && out[out.length - 1] !== -1) out.push(-1);
      column = NaN;
      continue;
    }
    const c = Math.floor(x);
    if (c !== column) {
      flush();
      column = c;
      first = last = low = high = i;
      continue;
    }
    last = i;
    // Screen y grows downwards; "low" and "high" only need to be the two extremes.
    if (y < sy[low]) low = i;
    if (y > sy[high]) high = i;
  }
  flush();
  if (out[out.length - 1] === -1) out.pop();
  return out;
}

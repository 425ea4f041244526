/**
 * The drawn layers of a line chart (legend, grid lines, series with their spreads and markers): keyed d3 joins
 * that reuse DOM nodes between frames. lineChart.ts owns the layout, scales and hover; these only draw.
 */
import { area, line, select, symbol, symbolsFill, type Selection } from 'd3';
import { decimateLine, estimateTextWidth, isPlottable, layoutLegend, wrapText, type ScaleKind } from './chartMath';
import type { LegendKeyEntry, LinePoint, LineSeries } from './lineChartTypes';
import { FONT_SIZE, PAD, TITLE_FONT_SIZE, setLines, theme } from './svgFrame';

type G = Selection<SVGGElement, unknown, null, undefined>;

/** A series as the last draw saw it: its key, colour and the screen position of every point. */
export interface PreparedSeries {
  key: string;
  index: number;
  series: LineSeries;
  colour: string;
  /** How many points can be drawn on both axes. */
  visibleCount: number;
  /** Screen positions of every point from the last draw; NaN where a point is not drawn. */
  sx: Float64Array;
  sy: Float64Array;
  showMarkers: boolean;
}

export const LEGEND_ROW = 18;
export const LEGEND_SWATCH = 24;
const MARKER_AREA = 42;
/** Stands in for dropped undrawable points in a thinned line, so the line still breaks there. */
const GAP: LinePoint = { x: NaN, y: NaN };

/** Indices of the points drawn in the last frame (those with a screen position). */
export function visibleIndices(p: PreparedSeries): number[] {
  const out: number[] = [];
  for (let i = 0; i < p.sx.length; i += 1) if (!Number.isNaN(p.sx[i])) out.push(i);
  return out;
}

/** Markers cycle through d3's filled symbols so overlapping series differ by shape as well as colour. */
export function markerPath(seriesIndex: number, size = MARKER_AREA): string {
  return symbol(symbolsFill[seriesIndex % symbolsFill.length], size)() ?? '';
}

/** Legend key entries as the legend draws them: series with no points, in the key's order. */
export function legendKeyItems(entries: readonly LegendKeyEntry[]): PreparedSeries[] {
  return entries.map((entry, index) => ({
    key: `legend-key-${index}`,
    index,
    series: { name: entry.name, points: [], colour: entry.colour, dashed: entry.dashed, dash: entry.dash },
    colour: entry.colour,
    visibleCount: 0,
    sx: new Float64Array(0),
    sy: new Float64Array(0),
    showMarkers: false,
  }));
}

/** Where a legend entry goes (relative to the legend) and its name's lines. */
export interface LegendPlace {
  x: number;
  y: number;
  lines: string[];
}

/**
 * Legend entries left to right in rows no wider than `width`; a name too long for the figure (a phone) wraps
 * onto more lines instead of running off its edge, and its row grows to hold them. `height`: the whole legend.
 */
export function layoutLegendEntries(
  items: readonly PreparedSeries[],
  width: number,
): { places: LegendPlace[]; height: number } {
  const room = width - 2 * PAD;
  const lines = items.map((p) => wrapText(p.series.name, room - LEGEND_SWATCH - 6, FONT_SIZE));
  const widths = lines.map((ls) => LEGEND_SWATCH + 6 + Math.max(0, ...ls.map((l) => estimateTextWidth(l, FONT_SIZE))));
  const { slots, rows } = layoutLegend(widths, room, 16);
  const rowLines = Array.from({ length: rows }, () => 1);
  slots.forEach((slot, i) => (rowLines[slot.row] = Math.max(rowLines[slot.row], lines[i].length)));
  const rowTop = rowLines.map((_n, row) => rowLines.slice(0, row).reduce((sum, n) => sum + n, 0) * LEGEND_ROW);
  return {
    places: slots.map((slot, i) => ({ x: slot.x, y: rowTop[slot.row], lines: lines[i] })),
    height: rowLines.reduce((sum, n) => sum + n, 0) * LEGEND_ROW,
  };
}

/** `titleBottom`: the baseline of the chart title's last line; the legend starts under it. */
export function drawLegend(
  legend: G,
  items: PreparedSeries[],
  places: LegendPlace[],
  titleBottom = PAD + TITLE_FONT_SIZE,
): void {
  legend.attr('transform', `translate(${PAD},${titleBottom + 10})`);
  const entries = legend
    .selectAll<SVGGElement, PreparedSeries>('g.legend-entry')
    .data(items, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'legend-entry');
      g.append('line').attr('x1', 0).attr('x2', LEGEND_SWATCH).attr('y1', 9).attr('y2', 9);
      g.append('path')
        .attr('class', 'legend-marker')
        .attr('transform', `translate(${LEGEND_SWATCH / 2},9)`);
      g.append('text')
        .attr('x', LEGEND_SWATCH + 6)
        .attr('y', 13)
        .style('fill', theme.fg);
      return g;
    })
    .attr('transform', (_d, i) => `translate(${places[i].x},${places[i].y})`);
  entries
    .select('line')
    .style('stroke', (d) => d.colour)
    .style('stroke-width', 2)
    .style('stroke-dasharray', (d) => d.series.dash ?? (d.series.dashed ? '5 3' : null));
  entries
    .select<SVGPathElement>('path.legend-marker')
    .attr('d', (d) => (d.series.markers ? markerPath(d.index) : null))
    .style('fill', (d) => d.colour)
    .style('stroke', theme.panel);
  entries.select<SVGTextElement>('text').each(function (_d, i) {
    setLines(select(this), places[i].lines, LEGEND_SWATCH + 6, LEGEND_ROW);
  });
}

export function drawGrid(layer: G, positions: number[], direction: 'horizontal' | 'vertical', length: number): void {
  layer
    .selectAll<SVGLineElement, number>('line')
    .data(positions)
    .join('line')
    .attr('x1', (p) => (direction === 'horizontal' ? 0 : p))
    .attr('x2', (p) => (direction === 'horizontal' ? length : p))
    .attr('y1', (p) => (direction === 'horizontal' ? p : 0))
    .attr('y2', (p) => (direction === 'horizontal' ? p : length))
    .style('stroke', theme.border)
    .style('stroke-opacity', direction === 'horizontal' ? 0.8 : 0.45);
}

export function drawSeries(
  seriesLayer: G,
  prepared: readonly PreparedSeries[],
  x: (v: number) => number,
  y: (v: number) => number,
  xKind: ScaleKind,
  yKind: ScaleKind,
  plotWidth: number,
): void {
  const drawable = (p: LinePoint) => isPlottable(p.x, xKind) && isPlottable(p.y, yKind);
  // Long streams (per-step metrics) are thinned to what differs per pixel column before building paths.
  const pathPoints = (d: PreparedSeries): LinePoint[] => {
    const points = d.series.points;
    if (points.length <= 2 * plotWidth) return points as LinePoint[];
    return decimateLine(d.sx, d.sy).map((i) => (i < 0 ? GAP : points[i]));
  };
  const hasSpread = (p: LinePoint) => isPlottable(p.x, xKind) && isPlottable(p.lo, yKind) && isPlottable(p.hi, yKind);
  const linePath = line<LinePoint>()
    .defined(drawable)
    .x((p) => x(p.x))
    .y((p) => y(p.y));
  const bandPath = area<LinePoint>()
    .defined(hasSpread)
    .x((p) => x(p.x))
    .y0((p) => y(p.lo as number))
    .y1((p) => y(p.hi as number));

  const groups = seriesLayer
    .selectAll<SVGGElement, PreparedSeries>('g.series')
    .data(prepared, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'series');
      g.append('path').attr('class', 'series-band');
      g.append('path').attr('class', 'series-line');
      g.append('path').attr('class', 'series-bars');
      g.append('g').attr('class', 'series-markers');
      return g;
    })
    .attr('data-series', (d) => d.series.name)
    .order();

  groups
    .select('path.series-band')
    .attr('d', (d) => (d.series.spread === 'band' ? linePathOrNull(bandPath(pathPoints(d))) : null))
    .style('fill', (d) => d.colour)
    .style('fill-opacity', 0.18)
    .style('stroke', 'none');
  groups
    .select('path.series-line')
    .attr('d', (d) => linePathOrNull(linePath(pathPoints(d))))
    .style('fill', 'none')
    .style('stroke', (d) => d.colour)
    .style('stroke-width', (d) => (d.series.dashed ? 1.6 : 2))
    .style('stroke-dasharray', (d) => d.series.dash ?? (d.series.dashed ? '6 4' : null))
    .style('stroke-linejoin', 'round')
    .style('stroke-linecap', 'round');
  groups
    .select('path.series-bars')
    .attr('d', (d) => {
      if (d.series.spread === 'band') return null;
      const segments: string[] = [];
      for (const p of d.series.points) {
        if (!hasSpread(p)) continue;
        const sx = x(p.x);
        const lo = y(p.lo as number);
        const hi = y(p.hi as number);
        segments.push(`M${sx},${lo}V${hi}M${sx - 3},${lo}h6M${sx - 3},${hi}h6`);
      }
      return segments.length > 0 ? segments.join('') : null;
    })
    .style('fill', 'none')
    .style('stroke', (d) => d.colour)
    .style('stroke-width', 1.3);
  groups
    .select<SVGGElement>('g.series-markers')
    .selectAll<SVGPathElement, [number, number]>('path')
    .data((d) => (d.showMarkers ? visibleIndices(d).map((i): [number, number] => [d.sx[i], d.sy[i]]) : []))
    .join('path')
    .attr('class', 'series-marker')
    .attr('transform', ([sx, sy]) => `translate(${sx},${sy})`);
  // Shape and colour are per series, so they are set on the group's markers in one pass.
  groups.each(function (d) {
    select(this)
      .select('g.series-markers')
      .selectAll('path')
      .attr('d', markerPath(d.index))
      .style('fill', d.colour)
      .style('stroke', theme.panel)
      .style('stroke-width', 1);
  });
}

function linePathOrNull(path: string | null): string | null {
  return path && path.length > 0 ? path : null;
}

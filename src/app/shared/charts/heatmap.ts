/**
 * Rows × columns heatmap (layers × heads for attention spectra, n × k for the speed-up grid) drawn with d3 into
 * a caller's <svg>: a sequential colour scale with a colour bar, optional value text per cell, hatched cells for
 * missing values, hover and keyboard read-out, and a caption. Same lifecycle as the line chart. Where each part
 * goes is heatmapLayout.ts's; this file draws it and handles the read-out.
 */
import {
  axisRight,
  color,
  interpolateBlues,
  interpolateCividis,
  interpolateMagma,
  interpolateViridis,
  scaleLinear,
  scaleLog,
  select,
  type ScaleContinuousNumeric,
} from 'd3';
import {
  estimateTextWidth,
  gridCellAt,
  isPlottable,
  moveGridCursor,
  paddedDomain,
  plottableExtent,
  relativeLuminance,
  textColourOn,
  axisTickValues,
  type ScaleKind,
} from './chartMath';
import { BAR_GAP, BAR_WIDTH, CAPTION_LINE, LABEL_ANGLE, ROW_TITLE_LINE, heatmapLayout } from './heatmapLayout';
import { MISSING_TEXT, formatterFor, type FormatName, type NumberFormatter } from '../format/format';
import { hoverReporter, openChartFrame } from './chartLifecycle';
import { FONT_SIZE, PAD, appendCursor, appendLabel, setLines, theme, uniqueId } from './svgFrame';

export interface HeatmapData {
  rowLabels: readonly string[];
  colLabels: readonly string[];
  /** values[row][col]; null (or NaN, ±Infinity, ≤ 0 on a log colour scale) is drawn as a hatched cell, keyed MISSING_TEXT ("—"). */
  values: ReadonlyArray<ReadonlyArray<number | null>>;
}

export type HeatmapPalette = 'viridis' | 'cividis' | 'magma' | 'blues';

export interface HeatmapOptions {
  title: string;
  description?: string;
  /** Axis titles, e.g. "layer" and "head", or "sequence length n (tokens)" and "projected length k". */
  rowTitle: string;
  colTitle: string;
  /** What the colour encodes, with unit, e.g. "speed-up (×)"; titles the colour bar and the read-out. */
  valueLabel: string;
  /** Linear (default) or log colour scale; log suits ratios such as speed-ups. */
  colourScale?: ScaleKind;
  /** Fixed colour domain (e.g. [0, 1] for fractions); default: the data's range. */
  domain?: [number, number];
  palette?: HeatmapPalette;
  /** Print each value in its cell when it fits (default true). */
  showValues?: boolean;
  format?: FormatName | NumberFormatter;
  /** The colour bar's tick labels, when they need fewer digits than the cells (a fixed [0, 1] bar); default `format`. */
  barFormat?: FormatName | NumberFormatter;
  /** A sentence or two under the figure, kept in exports. */
  caption?: string;
  width?: number;
  /** Cell height; default follows the cell width. 'square': equal to the cell width (a matrix over positions). */
  cellHeight?: number | 'square';
  onHover?: (hover: HeatmapHover | null) => void;
}

export interface HeatmapHover {
  row: number;
  col: number;
  rowLabel: string;
  colLabel: string;
  /** null for a missing cell. */
  value: number | null;
}

export interface HeatmapHandle {
  update(data: HeatmapData): void;
  setOptions(patch: Partial<HeatmapOptions>): void;
  flush(): void;
  destroy(): void;
}

interface Cell {
  key: string;
  row: number;
  col: number;
  value: number | null;
}

const PALETTES: Record<HeatmapPalette, (t: number) => string> = {
  viridis: interpolateViridis,
  cividis: interpolateCividis,
  magma: interpolateMagma,
  blues: interpolateBlues,
};

const MIN_WIDTH = 300;

export function createHeatmap(svgElement: SVGSVGElement, initialOptions: HeatmapOptions): HeatmapHandle {
  const emptyData: HeatmapData = { rowLabels: [], colLabels: [], values: [] };
  const frame = openChartFrame(svgElement, initialOptions, emptyData, {
    className: 'heatmap',
    minWidth: MIN_WIDTH,
  });
  const { svg, root } = frame;
  const hatchId = uniqueId('heatmap-hatch');
  const gradientId = uniqueId('heatmap-gradient');

  const defs = root.append('defs');
  const hatch = defs
    .append('pattern')
    .attr('id', hatchId)
    .attr('patternUnits', 'userSpaceOnUse')
    .attr('width', 6)
    .attr('height', 6)
    .attr('patternTransform', 'rotate(45)');
  hatch.append('rect').attr('width', 6).attr('height', 6).style('fill', theme.panel);
  hatch
    .append('line')
    .attr('x1', 0)
    .attr('y1', 0)
    .attr('x2', 0)
    .attr('y2', 6)
    .style('stroke', theme.border)
    .style('stroke-width', 3);
  const gradient = defs
    .append('linearGradient')
    .attr('id', gradientId)
    .attr('x1', 0)
    .attr('y1', 1)
    .attr('x2', 0)
    .attr('y2', 0);

  const grid = root.append('g').attr('class', 'grid');
  const cellsLayer = grid.append('g').attr('class', 'cells');
  const rowLabelsLayer = grid.append('g').attr('class', 'row-labels');
  const colLabelsLayer = grid.append('g').attr('class', 'col-labels');
  const rowTitle = appendLabel(grid, 'axis-title axis-title-row', { rotate: -90 });
  const colTitle = appendLabel(grid, 'axis-title axis-title-col');
  const emptyNote = appendLabel(grid, 'empty-note', { muted: true });
  const cursor = appendCursor(grid, 'rect');
  const colourBar = root.append('g').attr('class', 'colour-bar');
  const barRect = colourBar.append('rect').attr('width', BAR_WIDTH).style('stroke', theme.border);
  const barAxis = colourBar.append('g').attr('class', 'axis colour-axis');
  const barTitle = appendLabel(colourBar, 'colour-title', { rotate: 90 });
  const missingKey = colourBar.append('g').attr('class', 'missing-key');
  missingKey
    .append('rect')
    .attr('width', BAR_WIDTH)
    .attr('height', BAR_WIDTH)
    .style('fill', `url(#${hatchId})`)
    .style('stroke', theme.border);
  missingKey
    .append('text')
    .attr('x', BAR_WIDTH + 6)
    .attr('y', BAR_WIDTH - 2)
    .style('fill', theme.fg)
    .text(MISSING_TEXT);
  const captionText = root.append('text').attr('class', 'caption').style('fill', theme.muted);

  let geometry = { left: 0, top: 0, cellWidth: 0, cellHeight: 0, rows: 0, cols: 0, height: 0 };
  let selected: { row: number; col: number; via: 'mouse' | 'keyboard' } | null = null;
  const report = hoverReporter<HeatmapHover>(
    (a, b) => a.row === b.row && a.col === b.col && a.value === b.value,
    (next) => frame.options.onHover?.(next),
  );

  /** A cell's value, or null when it cannot be coloured on the current scale. */
  function valueAt(row: number, col: number): number | null {
    const { options, data } = frame;
    const v = data.values[row]?.[col];
    return isPlottable(v, options.colourScale ?? 'linear') ? v : null;
  }

  function draw(): void {
    const { options, data } = frame;
    const kind = options.colourScale ?? 'linear';
    const width = frame.width;
    const rows = data.rowLabels.length;
    const cols = data.colLabels.length;
    const format = formatterFor(options.format);
    const barFormat = options.barFormat === undefined ? format : formatterFor(options.barFormat);

    const cells: Cell[] = [];
    for (let r = 0; r < rows; r += 1) {
      for (let c = 0; c < cols; c += 1) cells.push({ key: `${r}:${c}`, row: r, col: c, value: valueAt(r, c) });
    }
    const extent = plottableExtent(
      cells.map((cell) => cell.value),
      kind,
    );
    const domain = options.domain ?? paddedDomain(extent, kind, { padding: 0 });
    const colourOf = (kind === 'log' ? scaleLog() : scaleLinear()).domain(domain).range([0, 1]).clamp(true);
    const interpolate = PALETTES[options.palette ?? 'viridis'];
    const fill = (v: number) => interpolate(colourOf(v));

    const barScale = (kind === 'log' ? scaleLog() : scaleLinear()).domain(domain) as ScaleContinuousNumeric<
      number,
      number
    >;
    const showMissing = extent !== null && hasMissing(cells);
    const layout = heatmapLayout({
      width,
      titleBottom: frame.titleBottom,
      rowLabels: data.rowLabels,
      colLabels: data.colLabels,
      rowTitle: options.rowTitle,
      valueLabel: options.valueLabel,
      caption: options.caption,
      cellHeight: options.cellHeight,
      barTicks: axisTickValues(domain, kind, 6, options.format === 'bytes').map(barFormat),
      showMissing,
    });
    const { top, left, gridWidth, cellWidth, cellHeight, gridHeight, rotate, colLabelBand } = layout;
    const { rowStride, colStride, barHeight, bodyHeight, captionLines, height, rowTitleFit } = layout;
    svg.attr('viewBox', `0 0 ${width} ${height}`);
    geometry = { left, top, cellWidth, cellHeight, rows, cols, height };

    grid.attr('transform', `translate(${left},${top})`);
    cellsLayer
      .selectAll<SVGGElement, Cell>('g.cell')
      .data(cells, (d) => d.key)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'cell');
        g.append('rect');
        g.append('text').attr('text-anchor', 'middle').attr('dominant-baseline', 'central');
        return g;
      })
      .attr('data-row', (d) => d.row)
      .attr('data-col', (d) => d.col)
      .attr('transform', (d) => `translate(${d.col * cellWidth},${d.row * cellHeight})`)
      .each(function (d) {
        const g = select(this);
        const cellFill = d.value === null ? `url(#${hatchId})` : fill(d.value);
        g.select('rect')
          .attr('width', cellWidth)
          .attr('height', cellHeight)
          .attr('data-missing', d.value === null ? 'true' : null)
          .style('fill', cellFill)
          .style('stroke', theme.panel)
          .style('stroke-width', 1);
        if (options.showValues === false) {
          // No value text: skip formatting, measuring and parsing colours, which dominate redraws of a grid of
          // thousands of cells (a 64 × 64 attention matrix redrawn on every step of a slider).
          g.select('text').text('');
          return;
        }
        const text = d.value === null ? '' : format(d.value);
        const fits = estimateTextWidth(text, FONT_SIZE - 1) < cellWidth - 4 && cellHeight >= 14;
        const show = fits && text !== '';
        const rgb = d.value === null ? null : color(cellFill)?.rgb();
        g.select('text')
          .attr('x', cellWidth / 2)
          .attr('y', cellHeight / 2)
          .style('font-size', `${FONT_SIZE - 1}px`)
          .style('fill', rgb ? textColourOn(relativeLuminance(rgb.r, rgb.g, rgb.b)) : theme.fg)
          .text(show ? text : '');
      });

    rowLabelsLayer
      .selectAll<SVGTextElement, string>('text')
      .data(data.rowLabels)
      .join('text')
      .attr('x', -6)
      .attr('y', (_d, i) => (i + 0.5) * cellHeight)
      .attr('text-anchor', 'end')
      .attr('dominant-baseline', 'central')
      .style('fill', theme.fg)
      .text((d, i) => (i % rowStride === 0 ? d : ''));
    colLabelsLayer
      .selectAll<SVGTextElement, string>('text')
      .data(data.colLabels)
      .join('text')
      .attr('text-anchor', rotate ? 'end' : 'middle')
      .attr('transform', (_d, i) => {
        const x = (i + 0.5) * cellWidth;
        const y = gridHeight + (rotate ? 8 : FONT_SIZE + 4);
        return rotate ? `translate(${x},${y}) rotate(-${LABEL_ANGLE})` : `translate(${x},${y})`;
      })
      .style('fill', theme.fg)
      .text((d, i) => (i % colStride === 0 ? d : ''));
    rowTitle.attr('x', -gridHeight / 2).attr('y', -left + PAD + FONT_SIZE);
    setLines(rowTitle, rowTitleFit.lines, -gridHeight / 2, ROW_TITLE_LINE);
    colTitle
      .attr('x', (cols > 0 ? cols * cellWidth : gridWidth) / 2)
      .attr('y', gridHeight + colLabelBand + FONT_SIZE + 4)
      .text(options.colTitle);
    emptyNote
      .attr('x', gridWidth / 2)
      .attr('y', gridHeight / 2)
      .style('display', () => (cells.length > 0 ? 'none' : null))
      .text('no data yet');

    drawColourBar(
      kind,
      domain,
      interpolate,
      barScale,
      barHeight,
      left + gridWidth + BAR_GAP,
      top,
      barFormat,
      showMissing,
    );

    captionText
      .attr('transform', `translate(${PAD},${top + bodyHeight + 10})`)
      .selectAll('tspan')
      .data(captionLines)
      .join('tspan')
      .attr('x', 0)
      .attr('y', (_d, i) => (i + 1) * CAPTION_LINE - 3)
      .text((d) => d);

    if (selected && (selected.row >= rows || selected.col >= cols)) selected = null;
    showSelection();
  }

  function hasMissing(cells: readonly Cell[]): boolean {
    return cells.some((cell) => cell.value === null);
  }

  function drawColourBar(
    kind: ScaleKind,
    domain: [number, number],
    interpolate: (t: number) => string,
    scale: ScaleContinuousNumeric<number, number>,
    barHeight: number,
    x: number,
    y: number,
    format: NumberFormatter,
    showMissing: boolean,
  ): void {
    const { options } = frame;
    colourBar.attr('transform', `translate(${x},${y})`);
    // Stops are even along the bar; on a log scale the bar axis is log too, so colour and tick positions agree.
    const stops = Array.from({ length: 11 }, (_v, i) => i / 10);
    gradient
      .selectAll('stop')
      .data(stops)
      .join('stop')
      .attr('offset', (t) => `${t * 100}%`)
      .attr('stop-color', (t) => interpolate(t));
    barRect.attr('height', barHeight).style('fill', `url(#${gradientId})`);
    scale.range([barHeight, 0]);
    const ticks = axisTickValues(domain, kind, Math.max(2, Math.floor(barHeight / 28)), options.format === 'bytes');
    barAxis
      .attr('transform', `translate(${BAR_WIDTH},0)`)
      .call(
        axisRight(scale)
          .tickValues(ticks)
          .tickFormat((v) => format(Number(v)))
          .tickSizeOuter(0),
      )
      .attr('font-size', null)
      .attr('font-family', null)
      .style('color', theme.muted);
    barAxis.select('.domain').remove();
    barAxis.selectAll('.tick text').style('fill', theme.fg);
    const tickWidth = Math.max(0, ...ticks.map((t) => estimateTextWidth(format(t), FONT_SIZE)));
    barTitle
      .attr('x', barHeight / 2)
      .attr('y', -(BAR_WIDTH + 8 + tickWidth + 10))
      .text(options.valueLabel);
    missingKey
      .attr('transform', `translate(0,${barHeight + 10})`)
      .style('display', () => (showMissing ? null : 'none'));
  }

  function showSelection(): void {
    const { options, data } = frame;
    const { left, top, cellWidth, cellHeight, rows, cols, height } = geometry;
    if (!selected || selected.row >= rows || selected.col >= cols) {
      cursor.style('display', 'none');
      frame.hideTooltip();
      report(null);
      return;
    }
    const { row, col } = selected;
    const value = valueAt(row, col);
    const format = formatterFor(options.format);
    cursor
      .attr('x', col * cellWidth + 1)
      .attr('y', row * cellHeight + 1)
      .attr('width', Math.max(0, cellWidth - 2))
      .attr('height', Math.max(0, cellHeight - 2))
      .style('display', null);
    frame.showTooltip(
      [
        { text: `${options.rowTitle}: ${data.rowLabels[row]}` },
        { text: `${options.colTitle}: ${data.colLabels[col]}` },
        { text: `${options.valueLabel}: ${value === null ? MISSING_TEXT : format(value)}`, bold: true },
      ],
      left + (col + 1) * cellWidth,
      top + row * cellHeight + cellHeight / 2,
      height,
    );
    report({ row, col, rowLabel: data.rowLabels[row], colLabel: data.colLabels[col], value });
  }

  return frame.start(draw, {
    pointerAt(vx, vy) {
      const { left, top, cellWidth, cellHeight, rows, cols } = geometry;
      const cell = gridCellAt(vx - left, vy - top, cellWidth, cellHeight, rows, cols);
      if (cell) selected = { ...cell, via: 'mouse' };
      else if (selected?.via === 'mouse') selected = null;
      showSelection();
    },
    stepCursor(key) {
      const next = moveGridCursor(selected, key, geometry.rows, geometry.cols);
      selected = next ? { ...next, via: 'keyboard' } : null;
      showSelection();
    },
    readoutSource: () => selected?.via ?? null,
    clearReadout() {
      selected = null;
      showSelection();
    },
  });
}

/**
 * Multi-series line chart drawn with d3 into a caller's <svg>. Plain data in; knows nothing of tfjs, React or
 * stores. Create once, then call `update(series)` as often as data arrives: redraws coalesce to one per animation
 * frame, and DOM nodes are reused between frames (keyed joins), so streaming metrics stay cheap.
 */
import { axisBottom, axisLeft, scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3';
import {
  estimateTextWidth,
  findNearest,
  isPlottable,
  moveCursor,
  paddedDomain,
  projector,
  axisTickValues,
  wrapText,
  type ScaleKind,
} from './chartMath';
import { formatterFor } from '../format/format';
import { hoverReporter, openChartFrame } from './chartLifecycle';
import { readoutLines } from './lineReadout';
import {
  drawGrid,
  drawLegend,
  drawSeries,
  layoutLegendEntries,
  legendKeyItems,
  visibleIndices,
  type PreparedSeries,
} from './lineChartLayers';
import { FONT_SIZE, PAD, appendCursor, appendLabel, seriesColour, setLines, theme, uniqueId } from './svgFrame';

import type { AxisSpec, LineChartHandle, LineChartOptions, LineHover, LineSeries } from './lineChartTypes';

export type {
  AxisSpec,
  LegendKeyEntry,
  LineChartHandle,
  LineChartOptions,
  LineHover,
  LinePoint,
  LineSeries,
} from './lineChartTypes';

type NumericScale = ScaleContinuousNumeric<number, number>;

const DEFAULT_HEIGHT = 360;
const MIN_WIDTH = 280;
const HOVER_RADIUS = 80;
/** The empty note keeps this far from the plot's sides (and so from the y axis and its ticks). */
const EMPTY_INSET = 12;
const EMPTY_LINE = FONT_SIZE + 4;

function axisTitle(axis: AxisSpec): string {
  return axis.unit ? `${axis.label} (${axis.unit})` : axis.label;
}

function makeScale(kind: ScaleKind, domain: [number, number], range: [number, number]): NumericScale {
  return (kind === 'log' ? scaleLog() : scaleLinear()).domain(domain).range(range);
}

export function createLineChart(svgElement: SVGSVGElement, initialOptions: LineChartOptions): LineChartHandle {
  const frame = openChartFrame<readonly LineSeries[], LineChartOptions>(svgElement, initialOptions, [], {
    className: 'line-chart',
    minWidth: MIN_WIDTH,
  });
  const { svg, root } = frame;
  const clipId = uniqueId('line-clip');

  // The skeleton is built once; draw() only updates it.
  const clipRect = root.append('defs').append('clipPath').attr('id', clipId).append('rect');
  const legend = root.append('g').attr('class', 'legend');
  const plot = root.append('g').attr('class', 'plot');
  const gridY = plot.append('g').attr('class', 'grid grid-y');
  const gridX = plot.append('g').attr('class', 'grid grid-x');
  const xAxis = plot.append('g').attr('class', 'axis axis-x');
  const yAxis = plot.append('g').attr('class', 'axis axis-y');
  const xLabel = appendLabel(plot, 'axis-title axis-title-x');
  const yLabel = appendLabel(plot, 'axis-title axis-title-y', { rotate: -90 });
  const seriesLayer = plot.append('g').attr('class', 'series-layer').attr('clip-path', `url(#${clipId})`);
  // A halo in the panel colour keeps the note readable where grid lines cross it.
  const emptyNote = appendLabel(plot, 'empty-note', { muted: true })
    .style('paint-order', 'stroke')
    .style('stroke', theme.panel)
    .style('stroke-width', '4px')
    .style('stroke-linejoin', 'round');
  const cursor = appendCursor(plot, 'circle').attr('r', 6);

  // State from the last draw, used by hover and keyboard handling between draws.
  let prepared: PreparedSeries[] = [];
  let margin = { left: 0, top: 0, right: 0, bottom: 0 };
  let plotSize = { width: 0, height: 0 };
  let hover: { seriesIndex: number; pointIndex: number; via: 'mouse' | 'keyboard' } | null = null;
  let lastPointer: [number, number] | null = null;
  const report = hoverReporter<LineHover>(
    (a, b) => a.seriesIndex === b.seriesIndex && a.pointIndex === b.pointIndex && a.x === b.x && a.y === b.y,
    (next) => frame.options.onHover?.(next),
  );

  function draw(): void {
    const { options, data } = frame;
    const width = frame.width;
    const height = options.height ?? DEFAULT_HEIGHT;
    const xKind = options.x.scale ?? 'linear';
    const yKind = options.y.scale ?? 'linear';
    svg.attr('viewBox', `0 0 ${width} ${height}`);

    // Which points can be drawn at all, per series.
    const seen = new Map<string, number>();
    prepared = data.map((series, index) => {
      const base = series.id ?? series.name;
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      let visibleCount = 0;
      for (const p of series.points) {
        if (isPlottable(p.x, xKind) && isPlottable(p.y, yKind)) visibleCount += 1;
      }
      return {
        key: count === 0 ? base : `${base}#${count}`,
        index,
        series,
        colour: series.colour ?? seriesColour(index),
        visibleCount,
        sx: new Float64Array(series.points.length),
        sy: new Float64Array(series.points.length),
        // A lone point has no line to show it, so it always gets a marker.
        showMarkers: series.markers === true || visibleCount === 1,
      };
    });

    // Legend rows decide how much room the plot has at the top.
    const legendItems = options.legend === false ? [] : options.legendKey ? legendKeyItems(options.legendKey) : prepared;
    const legendLayout = layoutLegendEntries(legendItems, width);
    const top = frame.titleBottom + 10 + legendLayout.height + 8;
    const bottom = 50;
    const plotHeight = Math.max(40, height - top - bottom);

    // Domains take every drawable value, including spread ends, so error bars are never clipped.
    let [xMin, xMax, yMin, yMax] = [Infinity, -Infinity, Infinity, -Infinity];
    for (const p of prepared) {
      for (const point of p.series.points) {
        if (!isPlottable(point.x, xKind) || !isPlottable(point.y, yKind)) continue;
        xMin = Math.min(xMin, point.x);
        xMax = Math.max(xMax, point.x);
        yMin = Math.min(yMin, point.y);
        yMax = Math.max(yMax, point.y);
        for (const end of [point.lo, point.hi]) {
          if (!isPlottable(end, yKind)) continue;
          yMin = Math.min(yMin, end);
          yMax = Math.max(yMax, end);
        }
      }
    }
    const xExtent: [number, number] | null = xMin <= xMax ? [xMin, xMax] : null;
    const yExtent: [number, number] | null = yMin <= yMax ? [yMin, yMax] : null;
    const xDomain = paddedDomain(xExtent, xKind, { min: options.x.min, max: options.x.max, padding: 0.03 });
    const yDomain = paddedDomain(yExtent, yKind, { min: options.y.min, max: options.y.max });
    const fx = formatterFor(options.x.format);
    const fy = formatterFor(options.y.format);
    const inside = (domain: [number, number]) => (v: number) => v >= domain[0] && v <= domain[1];
    const yTicks = options.y.ticks
      ? options.y.ticks.filter(inside(yDomain))
      : axisTickValues(yDomain, yKind, Math.max(2, Math.floor(plotHeight / 40)), options.y.format === 'bytes');
    const yTickWidth = Math.max(0, ...yTicks.map((t) => estimateTextWidth(fy(t), FONT_SIZE)));
    const left = PAD + FONT_SIZE + 10 + yTickWidth + 8;
    const right = PAD + 14;
    const plotWidth = Math.max(40, width - left - right);
    const xTicks = options.x.ticks
      ? options.x.ticks.filter(inside(xDomain))
      : axisTickValues(xDomain, xKind, Math.max(2, Math.floor(plotWidth / 70)), options.x.format === 'bytes');
    margin = { left, top, right, bottom };
    plotSize = { width: plotWidth, height: plotHeight };

    const x = makeScale(xKind, xDomain, [0, plotWidth]);
    const y = makeScale(yKind, yDomain, [plotHeight, 0]);
    // Every point is projected once per draw; paths, markers, hover and keyboard all reuse these positions.
    const px = projector(xKind, xDomain, [0, plotWidth]);
    const py = projector(yKind, yDomain, [plotHeight, 0]);
    for (const p of prepared) {
      p.series.points.forEach((point, i) => {
        const sx = px(point.x);
        const sy = py(point.y);
        const drawn = !Number.isNaN(sx) && !Number.isNaN(sy);
        p.sx[i] = drawn ? sx : NaN;
        p.sy[i] = drawn ? sy : NaN;
      });
    }

    plot.attr('transform', `translate(${left},${top})`);
    clipRect
      .attr('x', -8)
      .attr('y', -8)
      .attr('width', plotWidth + 16)
      .attr('height', plotHeight + 16);

    drawLegend(legend, legendItems, legendLayout.places, frame.titleBottom);
    drawGrid(
      gridY,
      yTicks.map((t) => y(t)),
      'horizontal',
      plotWidth,
    );
    drawGrid(
      gridX,
      xTicks.map((t) => x(t)),
      'vertical',
      plotHeight,
    );

    xAxis.attr('transform', `translate(0,${plotHeight})`).call(
      axisBottom(x)
        .tickValues(xTicks)
        .tickFormat((v) => fx(Number(v)))
        .tickSizeOuter(0),
    );
    yAxis.call(
      axisLeft(y)
        .tickValues(yTicks)
        .tickFormat((v) => fy(Number(v)))
        .tickSizeOuter(0),
    );
    for (const axis of [xAxis, yAxis]) {
      // d3's axis hard-codes a 10px sans-serif font; inherit the figure's instead. Lines and text use currentColor.
      axis.attr('font-size', null).attr('font-family', null).style('color', theme.muted);
      axis.selectAll('.tick text').style('fill', theme.fg);
    }
    xLabel
      .attr('x', plotWidth / 2)
      .attr('y', plotHeight + 40)
      .text(axisTitle(options.x));
    yLabel
      .attr('x', -plotHeight / 2)
      .attr('y', -left + PAD + FONT_SIZE)
      .text(axisTitle(options.y));

    // The empty note is wrapped to the plot's width and centred in it, so a long hint never runs over an axis.
    const hasData = prepared.some((p) => p.visibleCount > 0);
    const emptyLines = wrapText(options.emptyText ?? 'no data yet', plotWidth - 2 * EMPTY_INSET, FONT_SIZE);
    emptyNote
      .attr('x', plotWidth / 2)
      .attr('y', plotHeight / 2 - ((emptyLines.length - 1) * EMPTY_LINE) / 2)
      .style('display', () => (hasData ? 'none' : null));
    setLines(emptyNote, emptyLines, plotWidth / 2, EMPTY_LINE);

    drawSeries(seriesLayer, prepared, px, py, xKind, yKind, plotWidth);
    refreshHover();
  }

  /** Re-evaluates the read-out after a redraw (data moved under a still mouse) or an input event. */
  function refreshHover(): void {
    if (hover?.via === 'mouse' && lastPointer) {
      const nearest = findNearest(prepared, lastPointer[0], lastPointer[1], HOVER_RADIUS);
      hover = nearest ? { seriesIndex: nearest.seriesIndex, pointIndex: nearest.pointIndex, via: 'mouse' } : null;
    } else if (hover?.via === 'keyboard') {
      const still = !Number.isNaN(prepared[hover.seriesIndex]?.sx[hover.pointIndex] ?? NaN);
      if (!still) hover = null;
    }
    showHover();
  }

  function showHover(): void {
    const { options } = frame;
    const target = hover ? prepared[hover.seriesIndex] : undefined;
    const point = hover && target ? target.series.points[hover.pointIndex] : undefined;
    const screen = hover && target ? { sx: target.sx[hover.pointIndex], sy: target.sy[hover.pointIndex] } : undefined;
    if (!hover || !target || !point || !screen || Number.isNaN(screen.sx)) {
      cursor.style('display', 'none');
      frame.hideTooltip();
      report(null);
      return;
    }
    const { lines, hasSpread } = readoutLines(options, target, point);
    cursor.attr('cx', screen.sx).attr('cy', screen.sy).style('display', null);
    frame.showTooltip(lines, margin.left + screen.sx, margin.top + screen.sy, options.height ?? DEFAULT_HEIGHT);
    report({
      seriesIndex: hover.seriesIndex,
      pointIndex: hover.pointIndex,
      series: target.series.name,
      x: point.x,
      y: point.y,
      ...(hasSpread ? { lo: point.lo as number, hi: point.hi as number } : {}),
    });
  }

  return frame.start(draw, {
    pointerAt(vx, vy) {
      const px = vx - margin.left;
      const py = vy - margin.top;
      const slack = 8;
      const inPlot = px >= -slack && py >= -slack && px <= plotSize.width + slack && py <= plotSize.height + slack;
      lastPointer = inPlot ? [px, py] : null;
      if (!inPlot) {
        if (hover?.via === 'mouse') hover = null;
        showHover();
        return;
      }
      hover = { seriesIndex: -1, pointIndex: -1, via: 'mouse' };
      refreshHover();
    },
    pointerLeft() {
      lastPointer = null;
    },
    stepCursor(key) {
      // The cursor works in indices of *visible* points; hover stores indices into series.points.
      const visible = prepared.map(visibleIndices);
      const current =
        hover && hover.seriesIndex >= 0 && visible[hover.seriesIndex]
          ? {
              seriesIndex: hover.seriesIndex,
              pointIndex: Math.max(0, visible[hover.seriesIndex].indexOf(hover.pointIndex)),
            }
          : null;
      const xs = prepared.map((p, s) => visible[s].map((i) => p.sx[i]));
      const next = moveCursor(xs, current, key);
      hover = next
        ? { seriesIndex: next.seriesIndex, pointIndex: visible[next.seriesIndex][next.pointIndex], via: 'keyboard' }
        : null;
      showHover();
    },
    readoutSource: () => hover?.via ?? null,
    clearReadout() {
      hover = null;
      showHover();
    },
  });
}

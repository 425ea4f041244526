/**
 * The line chart's data and option types, in a module of their own so that the chart and its layers and read-out
 * share them without importing each other.
 */
import type { ScaleKind } from './chartMath';
import type { FormatName, NumberFormatter } from '../format/format';

export interface LinePoint {
  x: number;
  y: number;
  /** Lower end of the spread at this point (min or first quartile), drawn as an error bar or band. */
  lo?: number | null;
  /** Upper end of the spread (max or third quartile). */
  hi?: number | null;
}

export interface LineSeries {
  /** Stable identity across updates (defaults to the name); lets the chart reuse this series' DOM nodes. */
  id?: string;
  /** Shown in the legend and the read-out. */
  name: string;
  /** In drawing order (normally increasing x). NaN, ±Infinity, and values ≤ 0 on a log axis break the line. */
  points: readonly LinePoint[];
  /** Any CSS colour; defaults to the theme's --series-(i+1). */
  colour?: string;
  /** Dashed stroke, for theory and reference lines. */
  dashed?: boolean;
  /**
   * A stroke-dasharray of its own (e.g. "8 3 2 3"), drawn on the line and its legend entry in place of `dashed`'s
   * pattern: tells apart series that share a colour (the heads of one layer), in exports too.
   */
  dash?: string;
  /** Draw a marker at each point (shape differs per series, so series stay apart in greyscale). */
  markers?: boolean;
  /** How lo/hi are drawn: vertical error bars (default) or a shaded band. */
  spread?: 'bars' | 'band';
}

/** One entry of a legend key: a line swatch in `colour`, solid unless `dash` or `dashed` says otherwise. */
export interface LegendKeyEntry {
  name: string;
  colour: string;
  dashed?: boolean;
  dash?: string;
}

export interface AxisSpec {
  /** What the axis measures, e.g. "sequence length n" (the unit goes in `unit`). */
  label: string;
  /** Unit shown in the axis title "label (unit)" and after read-out values, e.g. "tokens", "ms". */
  unit?: string;
  scale?: ScaleKind;
  /** Fixed ends of the axis; omitted ends follow the data. */
  min?: number;
  max?: number;
  /** Tick and read-out formatting (default: compact SI). */
  format?: FormatName | NumberFormatter;
  /** Explicit tick positions (e.g. powers of two for n); those outside the domain are dropped. */
  ticks?: readonly number[];
}

export interface LineChartOptions {
  title: string;
  /** Longer text for screen readers (<desc>). */
  description?: string;
  x: AxisSpec;
  y: AxisSpec;
  /** viewBox width before the first resize measurement (and in environments without ResizeObserver). */
  width?: number;
  height?: number;
  /** Hide the legend (e.g. a single series). Default: shown. */
  legend?: boolean;
  /**
   * Legend entries to draw instead of one per series: a key for many series that vary along two factors (colour by
   * layer, dash by head), which one entry per series would make too long.
   */
  legendKey?: readonly LegendKeyEntry[];
  /** Shown over empty axes. */
  emptyText?: string;
  /** Name of the spread in the read-out, e.g. "IQR" or "min–max". */
  spreadLabel?: string;
  /** Called when the read-out point changes (hover or keyboard), with null when it is cleared. */
  onHover?: (hover: LineHover | null) => void;
}

export interface LineHover {
  seriesIndex: number;
  /** Index into that series' `points`. */
  pointIndex: number;
  series: string;
  x: number;
  y: number;
  lo?: number;
  hi?: number;
}

export interface LineChartHandle {
  /** Replace the data; the redraw happens on the next animation frame (calls within a frame coalesce). */
  update(series: readonly LineSeries[]): void;
  /** Change options (axis scales, labels, title); redraws on the next frame. */
  setOptions(patch: Partial<LineChartOptions>): void;
  /** Draw a pending update now. */
  flush(): void;
  /** Remove everything the chart added to the <svg> and stop listening. */
  destroy(): void;
}

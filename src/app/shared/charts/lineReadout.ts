/**
 * The text of a line chart's read-out for one point: the series, both coordinates with their units, and the
 * spread when the point has one. Whole numbers are shown whole (n = 1024, not 1.02k) and other values with one
 * more digit than the axis ticks.
 */
import { isPlottable } from './chartMath';
import { formatCompact, formatterFor, type NumberFormatter } from '../format/format';
import type { AxisSpec, LineChartOptions, LinePoint } from './lineChartTypes';
import type { PreparedSeries } from './lineChartLayers';
import type { TooltipLine } from './svgFrame';

function readoutFormatter(axis: AxisSpec): NumberFormatter {
  if (axis.format !== undefined) return formatterFor(axis.format);
  return (v) => (Number.isInteger(v) && Math.abs(v) < 1e7 ? String(v) : formatCompact(v, 4));
}

function withUnit(text: string, unit: string | undefined): string {
  return unit ? `${text} ${unit}` : text;
}

export function readoutLines(
  options: LineChartOptions,
  target: PreparedSeries,
  point: LinePoint,
): { lines: TooltipLine[]; hasSpread: boolean } {
  const rx = readoutFormatter(options.x);
  const ry = readoutFormatter(options.y);
  const yKind = options.y.scale ?? 'linear';
  const lines: TooltipLine[] = [
    { text: target.series.name, bold: true, swatch: target.colour },
    { text: `${options.x.label} = ${withUnit(rx(point.x), options.x.unit)}` },
    { text: `${options.y.label} = ${withUnit(ry(point.y), options.y.unit)}` },
  ];
  const hasSpread = isPlottable(point.lo, yKind) && isPlottable(point.hi, yKind);
  if (hasSpread) {
    lines.push({
      text: `${options.spreadLabel ?? 'range'} ${ry(point.lo as number)}–${withUnit(ry(point.hi as number), options.y.unit)}`,
    });
  }
  return { lines, hasSpread };
}

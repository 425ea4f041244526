/** Figure primitives: d3 charts that take plain data and draw SVG, plus export and number formatting. */
export { createLineChart } from './lineChart';
export type { AxisSpec, LineChartHandle, LineChartOptions, LineHover, LinePoint, LineSeries } from './lineChart';
export { createHeatmap } from './heatmap';
export type { HeatmapData, HeatmapHandle, HeatmapHover, HeatmapOptions, HeatmapPalette } from './heatmap';
export {
  downloadBlob,
  downloadCsv,
  downloadPng,
  downloadSvg,
  sanitizeFileName,
  svgToPngBlob,
  svgToString,
  toCsv,
} from './exportFigure';
export type { CsvValue, SvgExportOptions } from './exportFigure';
export { MISSING_TEXT, formatBytes, formatCompact, formatMs, formatPercent, formatTick, formatterFor } from './format';
export type { FormatName, NumberFormatter } from './format';
export type { ScaleKind } from './chartMath';

/** Figure primitives: d3 charts that take plain data and draw SVG. Export is in ../export, formatting in ../format. */
export { createLineChart } from './lineChart';
export type {
  AxisSpec,
  LegendKeyEntry,
  LineChartHandle,
  LineChartOptions,
  LineHover,
  LinePoint,
  LineSeries,
} from './lineChart';
export { createHeatmap } from './heatmap';
export type { HeatmapData, HeatmapHandle, HeatmapHover, HeatmapOptions, HeatmapPalette } from './heatmap';
export type { ScaleKind } from './chartMath';
export { seriesColour } from './svgFrame';

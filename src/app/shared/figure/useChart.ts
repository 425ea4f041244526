/**
 * React glue for the chart primitives: create the chart once per <svg>, push data on change, destroy on
 * unmount. The charts redraw at most once per animation frame however often data changes; the returned
 * flush draws a pending update now, so an export shows what is on screen.
 */
import { useEffect, useRef, type RefObject } from 'react';
import {
  createHeatmap,
  createLineChart,
  type HeatmapData,
  type HeatmapOptions,
  type LineChartOptions,
  type LineSeries,
} from '../charts';

/** The part of a chart handle the glue uses; line charts and heatmaps both have it. */
interface Chart<O, D> {
  setOptions(options: O): void;
  update(data: D): void;
  flush(): void;
  destroy(): void;
}

function useChart<O, D>(
  svg: RefObject<SVGSVGElement | null>,
  create: (svg: SVGSVGElement, options: O) => Chart<O, D>,
  options: O,
  data: D,
): () => void {
  const chart = useRef<Chart<O, D> | null>(null);
  // Created with the first options; later ones arrive through setOptions.
  const initial = useRef(options);
  useEffect(() => {
    if (!svg.current) return;
    chart.current = create(svg.current, initial.current);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [svg, create]);
  useEffect(() => chart.current?.setOptions(options), [options]);
  useEffect(() => chart.current?.update(data), [data]);
  return () => chart.current?.flush();
}

export function useLineChart(
  svg: RefObject<SVGSVGElement | null>,
  options: LineChartOptions,
  series: readonly LineSeries[],
): () => void {
  return useChart(svg, createLineChart, options, series);
}

export function useHeatmap(
  svg: RefObject<SVGSVGElement | null>,
  options: HeatmapOptions,
  data: HeatmapData,
): () => void {
  return useChart(svg, createHeatmap, options, data);
}

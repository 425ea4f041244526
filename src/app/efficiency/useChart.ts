/**
 * React glue for the chart primitives: create the chart once per <svg>, push data on change, destroy on
 * unmount. The charts redraw at most once per animation frame however often data changes.
 */
import { useEffect, useRef, type RefObject } from 'react';
import {
  createHeatmap,
  createLineChart,
  type HeatmapData,
  type HeatmapHandle,
  type HeatmapOptions,
  type LineChartHandle,
  type LineChartOptions,
  type LineSeries,
} from '../charts';

export function useLineChart(
  svg: RefObject<SVGSVGElement | null>,
  options: LineChartOptions,
  series: readonly LineSeries[],
) {
  const chart = useRef<LineChartHandle | null>(null);
  const initial = useRef(options);
  useEffect(() => {
    if (!svg.current) return;
    chart.current = createLineChart(svg.current, initial.current);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [svg]);
  useEffect(() => chart.current?.setOptions(options), [options]);
  useEffect(() => chart.current?.update(series), [series]);
}

export function useHeatmap(svg: RefObject<SVGSVGElement | null>, options: HeatmapOptions, data: HeatmapData) {
  const chart = useRef<HeatmapHandle | null>(null);
  const initial = useRef(options);
  useEffect(() => {
    if (!svg.current) return;
    chart.current = createHeatmap(svg.current, initial.current);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [svg]);
  useEffect(() => chart.current?.setOptions(options), [options]);
  useEffect(() => chart.current?.update(data), [data]);
}

/**
 * The one binding of a chart factory to React, used by every figure: create the chart once per <svg>, hand it
 * new options and data, destroy it on unmount. The data is either a value computed during render, or a
 * `ChartSource` the chart reads outside React's render path (for streams such as a training run's metrics, which
 * change every step): the hook subscribes, and rebuilds the data at most once per animation frame. The returned
 * flush draws anything pending now, so an export shows what is on screen.
 */
import { useCallback, useEffect, useRef, type RefObject } from 'react';

/** What every chart handle offers (line charts and heatmaps alike). */
export interface ChartHandle<Options, Data> {
  setOptions(options: Partial<Options>): void;
  update(data: Data): void;
  flush(): void;
  destroy(): void;
}

export type ChartFactory<Options, Data> = (svg: SVGSVGElement, options: Options) => ChartHandle<Options, Data>;

/** Data read from stores outside render: `read` builds it, `subscribe` says when to build it again. */
export interface ChartSource<Data> {
  read(): Data;
  subscribe(onChange: () => void): () => void;
}

function isSource<Data>(data: Data | ChartSource<Data>): data is ChartSource<Data> {
  return typeof data === 'object' && data !== null && 'read' in data && 'subscribe' in data;
}

/**
 * Binds `create` to the <svg> behind `svg`. Pass options and a value (or source) whose identity changes only when
 * they do (useMemo), since each change is handed to the chart.
 */
export function useChart<Options, Data>(
  svg: RefObject<SVGSVGElement | null>,
  create: ChartFactory<Options, Data>,
  options: Options,
  data: Data | ChartSource<Data>,
): () => void {
  const chart = useRef<ChartHandle<Options, Data> | null>(null);
  const flushPending = useRef<() => void>(() => {});
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
  useEffect(() => {
    if (!isSource(data)) {
      chart.current?.update(data);
      return;
    }
    let frame = 0;
    const build = () => {
      frame = 0;
      chart.current?.update(data.read());
    };
    build();
    const unsubscribe = data.subscribe(() => {
      frame ||= requestAnimationFrame(build);
    });
    flushPending.current = () => {
      if (frame) {
        cancelAnimationFrame(frame);
        build();
      }
    };
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
      flushPending.current = () => {};
    };
  }, [data]);
  return useCallback(() => {
    flushPending.current();
    chart.current?.flush();
  }, []);
}

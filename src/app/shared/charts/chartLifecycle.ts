/**
 * The lifecycle both chart factories share: the caller's <svg> prepared as a figure with its visible title, the
 * chart's current options, data and layout width, redraws coalesced to one per frame, width tracking, mouse and
 * keyboard read-out wiring, the read-out tooltip, and the handle (update, setOptions, flush, destroy) that undoes
 * all of it. Each chart keeps only its drawing and what a pointer position or cursor key means for its read-out.
 */
import { select, type Selection } from 'd3';
import { wrapText, type CursorKey } from './chartMath';
import {
  EXPORT_OMIT_ATTR,
  PAD,
  TITLE_FONT_SIZE,
  clientToViewBox,
  createFrameScheduler,
  drawTooltip,
  observeWidth,
  prepareSvgRoot,
  setLines,
  theme,
  type SvgRootOptions,
  type TooltipLine,
} from './svgFrame';

export interface ChartFrameOptions extends SvgRootOptions {
  /** viewBox width before the first resize measurement. */
  width?: number;
}

export interface ChartHandle<D, O> {
  update(data: D): void;
  setOptions(patch: Partial<O>): void;
  flush(): void;
  destroy(): void;
}

/** What put the read-out up; the mouse leaving clears only a mouse read-out, blur only a keyboard one. */
export type ReadoutSource = 'mouse' | 'keyboard';

/** The chart-specific half of interaction: the frame turns DOM events into these calls. */
export interface ChartInput {
  /** The pointer moved to (x, y) in viewBox units. */
  pointerAt(x: number, y: number): void;
  /** The pointer left the figure (called before a mouse read-out is cleared). */
  pointerLeft?(): void;
  /** An arrow key, Home or End moved the keyboard cursor. */
  stepCursor(key: CursorKey): void;
  /** Where the read-out on show came from; null when none is shown. */
  readoutSource(): ReadoutSource | null;
  /** Hide the read-out. */
  clearReadout(): void;
}

export interface ChartFrameLayout {
  /** Class of the chart's root <g>. */
  className: string;
  /** Narrowest layout, however narrow the figure is displayed. */
  minWidth: number;
}

export interface ChartFrame<D, O extends ChartFrameOptions> {
  svg: Selection<SVGSVGElement, unknown, null, undefined>;
  /** Everything the chart draws goes in here; destroy() removes it. */
  root: Selection<SVGGElement, unknown, null, undefined>;
  options: O;
  data: D;
  /** Layout width in viewBox units (follows the rendered width where ResizeObserver exists). */
  width: number;
  /** Baseline of the title's last line: a title too long for a narrow figure wraps, and the chart starts below it. */
  titleBottom: number;
  /** Shows the read-out box by (x, y), kept inside the figure (`height`: its current viewBox height). */
  showTooltip(lines: readonly TooltipLine[], x: number, y: number, height: number): void;
  hideTooltip(): void;
  /** Wires input, draws once and hands back the chart's handle. Call once, after building the skeleton. */
  start(draw: () => void, input: ChartInput): ChartHandle<D, O>;
}

/** viewBox width when the options give none; one default for every figure, so they line up in a column. */
const DEFAULT_WIDTH = 640;
/** Line height of a wrapped title, and the width factor of its bold face over the regular one wrapText assumes. */
const TITLE_LINE = TITLE_FONT_SIZE + 4;
const BOLD_WIDTH = 1.15;
const CURSOR_KEYS: readonly string[] = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'];

export function openChartFrame<D, O extends ChartFrameOptions>(
  svgElement: SVGSVGElement,
  initialOptions: O,
  initialData: D,
  layout: ChartFrameLayout,
): ChartFrame<D, O> {
  const restoreRoot = prepareSvgRoot(svgElement, initialOptions);
  const svg = select(svgElement);
  const root = svg.append('g').attr('class', layout.className);
  const title = root
    .append('text')
    .attr('class', 'chart-title')
    .attr('x', PAD)
    .attr('y', PAD + TITLE_FONT_SIZE)
    .style('font-size', `${TITLE_FONT_SIZE}px`)
    .style('font-weight', '600')
    .style('fill', theme.fg);
  // Appended by start(), after the chart's skeleton, so the read-out box sits on top of everything.
  let tooltip: Selection<SVGGElement, unknown, null, undefined> | null = null;
  const frame: ChartFrame<D, O> = {
    svg,
    root,
    options: initialOptions,
    data: initialData,
    width: Math.max(layout.minWidth, initialOptions.width ?? DEFAULT_WIDTH),
    titleBottom: PAD + TITLE_FONT_SIZE,
    showTooltip(lines, x, y, height) {
      if (tooltip) drawTooltip(tooltip, lines, x, y, { left: 2, top: 2, right: frame.width - 2, bottom: height - 2 });
    },
    hideTooltip() {
      if (tooltip) drawTooltip(tooltip, [], 0, 0, { left: 0, top: 0, right: 0, bottom: 0 });
    },
    start,
  };

  /** One line when the title fits the figure's width (most do), else wrapped lines; sets titleBottom. */
  function drawTitle(): void {
    const lines = wrapText(frame.options.title, frame.width - 2 * PAD, TITLE_FONT_SIZE * BOLD_WIDTH);
    setLines(title, lines, PAD, TITLE_LINE);
    frame.titleBottom = PAD + TITLE_FONT_SIZE + Math.max(0, lines.length - 1) * TITLE_LINE;
  }

  function start(chartDraw: () => void, input: ChartInput): ChartHandle<D, O> {
    tooltip = root
      .append('g')
      .attr('class', 'chart-tooltip')
      .attr(EXPORT_OMIT_ATTR, 'omit')
      .attr('aria-live', 'polite')
      .style('pointer-events', 'none');
    const draw = () => {
      drawTitle();
      chartDraw();
    };
    const onMouseMove = (event: MouseEvent) => {
      const [vx, vy] = clientToViewBox(svgElement, event.clientX, event.clientY);
      input.pointerAt(vx, vy);
    };
    const onMouseLeave = () => {
      input.pointerLeft?.();
      if (input.readoutSource() === 'mouse') input.clearReadout();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        input.clearReadout();
        return;
      }
      if (!CURSOR_KEYS.includes(event.key)) return;
      event.preventDefault();
      input.stepCursor(event.key as CursorKey);
    };
    const onBlur = () => {
      if (input.readoutSource() === 'keyboard') input.clearReadout();
    };
    svgElement.addEventListener('mousemove', onMouseMove);
    svgElement.addEventListener('mouseleave', onMouseLeave);
    svgElement.addEventListener('keydown', onKeyDown);
    svgElement.addEventListener('blur', onBlur);

    const scheduler = createFrameScheduler(draw);
    const stopObserving = observeWidth(svgElement, (measured) => {
      const next = Math.max(layout.minWidth, measured);
      if (next !== frame.width) {
        frame.width = next;
        scheduler.request();
      }
    });
    draw();

    return {
      update(data) {
        frame.data = data;
        scheduler.request();
      },
      setOptions(patch) {
        frame.options = { ...frame.options, ...patch };
        if (patch.width !== undefined) frame.width = Math.max(layout.minWidth, patch.width);
        if (patch.title !== undefined) {
          svgElement.setAttribute('aria-label', patch.title);
          const titleElement = svgElement.querySelector(':scope > title');
          if (titleElement) titleElement.textContent = patch.title;
        }
        scheduler.request();
      },
      flush() {
        scheduler.flush();
      },
      destroy() {
        scheduler.cancel();
        stopObserving();
        svgElement.removeEventListener('mousemove', onMouseMove);
        svgElement.removeEventListener('mouseleave', onMouseLeave);
        svgElement.removeEventListener('keydown', onKeyDown);
        svgElement.removeEventListener('blur', onBlur);
        frame.root.remove();
        restoreRoot();
      },
    };
  }

  return frame;
}

/**
 * Wraps a chart's onHover callback so it hears only changes: redraws under a still read-out repeat the same
 * hover, and `same` decides what counts as the same one.
 */
export function hoverReporter<H>(
  same: (a: H, b: H) => boolean,
  notify: (hover: H | null) => void,
): (hover: H | null) => void {
  let last: H | null = null;
  return (next) => {
    const unchanged = next === last || (next !== null && last !== null && same(next, last));
    last = next;
    if (!unchanged) notify(next);
  };
}

/**
 * DOM plumbing shared by the line chart and the heatmap: theme colours (CSS variables with fallbacks), the
 * once-per-frame redraw scheduler, the SVG root's accessibility and responsive width, pointer coordinates in
 * viewBox units, the hover tooltip box, and the skeleton pieces both charts build the same way.
 */
import type { Selection } from 'd3';
import { estimateTextWidth } from './chartMath';

/**
 * Colours are CSS variables so figures follow the light/dark theme live; each carries the light-theme value as a
 * fallback so a chart still renders on a page without src/styles.css. They are set as inline *styles*
 * (presentation attributes do not accept var()).
 */
export const theme = {
  fg: 'var(--fg, #1d2126)',
  muted: 'var(--muted, #5b6470)',
  border: 'var(--border, #d9dde3)',
  panel: 'var(--panel, #ffffff)',
  accent: 'var(--accent, #1f5fa8)',
} as const;

const SERIES_FALLBACKS = ['#1f77b4', '#d95f02', '#2ca02c', '#9467bd', '#8c564b', '#d6338a', '#0e8c99', '#b8860b'];
export const SERIES_COLOUR_COUNT = SERIES_FALLBACKS.length;

/** The i-th categorical colour (cycles after eight). */
export function seriesColour(index: number): string {
  const i = ((index % SERIES_COLOUR_COUNT) + SERIES_COLOUR_COUNT) % SERIES_COLOUR_COUNT;
  return `var(--series-${i + 1}, ${SERIES_FALLBACKS[i]})`;
}

export const FONT_SIZE = 12;
export const TITLE_FONT_SIZE = 14;
/** Outer margin of a figure, in viewBox units. */
export const PAD = 10;
/** Elements only meaningful on screen (tooltip, focus cursor) carry this; exportFigure drops them. */
export const EXPORT_OMIT_ATTR = 'data-export';

let idCounter = 0;
/** A document-unique id for clip paths, patterns and gradients (several charts share one page). */
export function uniqueId(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

export interface FrameScheduler {
  /** Ask for a redraw on the next animation frame; repeated requests within a frame coalesce. */
  request(): void;
  /** Draw now if a redraw is pending (tests, export, or a caller that needs the DOM current). */
  flush(): void;
  /** Drop a pending redraw. */
  cancel(): void;
}

/** Coalesces redraw requests to at most one per animation frame (a timer where rAF is missing, as in Node). */
export function createFrameScheduler(draw: () => void): FrameScheduler {
  let cancelPending: (() => void) | null = null;
  const run = () => {
    cancelPending = null;
    draw();
  };
  return {
    request() {
      if (cancelPending) return;
      if (typeof requestAnimationFrame === 'function') {
        const handle = requestAnimationFrame(run);
        cancelPending = () => cancelAnimationFrame(handle);
      } else {
        const handle = setTimeout(run, 16);
        cancelPending = () => clearTimeout(handle);
      }
    },
    flush() {
      if (!cancelPending) return;
      cancelPending();
      run();
    },
    cancel() {
      cancelPending?.();
      cancelPending = null;
    },
  };
}

export interface SvgRootOptions {
  title: string;
  description?: string;
}

/**
 * Prepares a caller's <svg> as a figure: accessible name (<title>, aria-label), optional <desc>, focusable for
 * keyboard read-outs, full container width with height following the viewBox aspect ratio. Returns a function
 * that restores the attributes it changed and removes what it added.
 */
export function prepareSvgRoot(svg: SVGSVGElement, options: SvgRootOptions): () => void {
  const touched = ['role', 'aria-label', 'tabindex', 'preserveAspectRatio', 'viewBox', 'style', 'aria-roledescription'];
  const saved = new Map(touched.map((name) => [name, svg.getAttribute(name)]));
  svg.setAttribute('role', 'figure');
  svg.setAttribute('aria-label', options.title);
  svg.setAttribute('tabindex', '0');
  svg.setAttribute('preserveAspectRatio', 'xMinYMin meet');
  svg.style.width = '100%';
  svg.style.height = 'auto';
  svg.style.display = 'block';
  svg.style.fontFamily = "system-ui, -apple-system, 'Segoe UI', sans-serif";
  svg.style.fontSize = `${FONT_SIZE}px`;
  svg.style.color = theme.fg;
  // No inline outline: the page's :focus-visible ring (styles.css) must show as soon as Tab reaches the figure,
  // before an arrow key draws the read-out's own cursor inside the plot.

  const ns = 'http://www.w3.org/2000/svg';
  const title = document.createElementNS(ns, 'title');
  title.textContent = options.title;
  const added: Element[] = [title];
  svg.insertBefore(title, svg.firstChild);
  if (options.description) {
    const desc = document.createElementNS(ns, 'desc');
    desc.textContent = options.description;
    title.after(desc);
    added.push(desc);
  }
  return () => {
    for (const el of added) el.remove();
    for (const [name, value] of saved) {
      if (value === null) svg.removeAttribute(name);
      else svg.setAttribute(name, value);
    }
  };
}

/**
 * Calls `onWidth` with the SVG's rendered width whenever it changes, so the viewBox can match it and text keeps
 * its nominal size instead of scaling with the figure. No-op where ResizeObserver is missing (jsdom, Node).
 */
export function observeWidth(svg: SVGSVGElement, onWidth: (width: number) => void): () => void {
  if (typeof ResizeObserver !== 'function') return () => {};
  const observer = new ResizeObserver((entries) => {
    const width = entries[entries.length - 1]?.contentRect.width ?? 0;
    if (width > 0) onWidth(Math.round(width));
  });
  observer.observe(svg);
  return () => observer.disconnect();
}

/** Client (page) coordinates → the SVG's viewBox coordinates, whatever size the figure is displayed at. */
export function clientToViewBox(svg: SVGSVGElement, clientX: number, clientY: number): [number, number] {
  const ctm = typeof svg.getScreenCTM === 'function' ? svg.getScreenCTM() : null;
  if (ctm && typeof DOMPoint === 'function') {
    const p = new DOMPoint(clientX, clientY).matrixTransform(ctm.inverse());
    return [p.x, p.y];
  }
  // Without a CTM (jsdom) scale the bounding box to the viewBox; a zero-sized box means 1:1.
  const rect = svg.getBoundingClientRect();
  const box = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  const scaleX = rect.width > 0 && box[2] > 0 ? box[2] / rect.width : 1;
  const scaleY = rect.height > 0 && box[3] > 0 ? box[3] / rect.height : 1;
  return [(clientX - rect.left) * scaleX + (box[0] || 0), (clientY - rect.top) * scaleY + (box[1] || 0)];
}

type G = Selection<SVGGElement, unknown, null, undefined>;

/** A middle-anchored text (axis title, empty-data note), turned by `rotate` degrees; its text is set on each draw. */
export function appendLabel(parent: G, className: string, look: { rotate?: number; muted?: boolean } = {}) {
  const text = parent.append('text').attr('class', className).attr('text-anchor', 'middle');
  if (look.rotate !== undefined) text.attr('transform', `rotate(${look.rotate})`);
  return text.style('fill', look.muted ? theme.muted : theme.fg);
}

type Text = Selection<SVGTextElement, unknown, null, undefined>;

/**
 * Sets a <text>'s content to `lines`: a single line as plain text (as most labels are), more as <tspan>s that all
 * start at `x`, each `lineHeight` below the one before (the first sits on the text's own y).
 */
export function setLines(text: Text, lines: readonly string[], x: number, lineHeight: number): void {
  if (lines.length <= 1) {
    text.text(lines[0] ?? '');
    return;
  }
  text
    .text(null)
    .selectAll('tspan')
    .data(lines)
    .join('tspan')
    .attr('x', x)
    .attr('dy', (_d, i) => (i === 0 ? 0 : lineHeight))
    .text((d) => d);
}

/** The hidden outline that marks the read-out's point or cell; screen-only, so exports leave it out. */
export function appendCursor<K extends 'circle' | 'rect'>(parent: G, shape: K) {
  return parent
    .append(shape)
    .attr('class', 'hover-cursor')
    .attr(EXPORT_OMIT_ATTR, 'omit')
    .style('fill', 'none')
    .style('stroke', theme.fg)
    .style('stroke-width', 2)
    .style('pointer-events', 'none')
    .style('display', 'none');
}

export interface TooltipLine {
  text: string;
  bold?: boolean;
  /** A colour swatch drawn before the text (series colour). */
  swatch?: string;
}

export interface Bounds {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const TOOLTIP_PAD = 6;
const TOOLTIP_LINE = 16;

/**
 * Draws (or hides, with no lines) a boxed multi-line read-out next to (x, y), flipped to the other side when it
 * would leave `bounds`. Drawn inside the SVG so it needs no positioned HTML container from the caller.
 */
export function drawTooltip(layer: G, lines: readonly TooltipLine[], x: number, y: number, bounds: Bounds): void {
  layer.selectAll('*').remove();
  if (lines.length === 0) {
    layer.style('display', 'none');
    return;
  }
  layer.style('display', null);
  const swatchWidth = (line: TooltipLine) => (line.swatch ? 14 : 0);
  const width =
    Math.max(...lines.map((l) => swatchWidth(l) + estimateTextWidth(l.text, FONT_SIZE) * (l.bold ? 1.08 : 1))) +
    2 * TOOLTIP_PAD;
  const height = lines.length * TOOLTIP_LINE + 2 * TOOLTIP_PAD - 2;
  const gap = 12;
  let left = x + gap;
  if (left + width > bounds.right) left = x - gap - width;
  left = Math.max(bounds.left, Math.min(left, bounds.right - width));
  let top = y - gap - height;
  if (top < bounds.top) top = y + gap;
  top = Math.max(bounds.top, Math.min(top, bounds.bottom - height));

  const g = layer.append('g').attr('transform', `translate(${left},${top})`);
  g.append('rect')
    .attr('width', width)
    .attr('height', height)
    .attr('rx', 4)
    .style('fill', theme.panel)
    .style('stroke', theme.border)
    .style('fill-opacity', 0.96);
  lines.forEach((line, i) => {
    const baseline = TOOLTIP_PAD + i * TOOLTIP_LINE + 12;
    if (line.swatch) {
      g.append('rect')
        .attr('x', TOOLTIP_PAD)
        .attr('y', baseline - 9)
        .attr('width', 10)
        .attr('height', 10)
        .style('fill', line.swatch);
    }
    g.append('text')
      .attr('x', TOOLTIP_PAD + swatchWidth(line))
      .attr('y', baseline)
      .style('fill', theme.fg)
      .style('font-weight', () => (line.bold ? '600' : null))
      .text(line.text);
  });
}

// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { createLineChart, type LineChartHandle, type LineChartOptions, type LineSeries } from './lineChart';

const SVG_NS = 'http://www.w3.org/2000/svg';
let handle: LineChartHandle | null = null;

function mount(options: Partial<LineChartOptions> = {}): { svg: SVGSVGElement; chart: LineChartHandle } {
  document.body.innerHTML = '';
  const svg = document.createElementNS(SVG_NS, 'svg');
  document.body.append(svg);
  const chart = createLineChart(svg, {
    title: 'Validation perplexity',
    x: { label: 'updates' },
    y: { label: 'validation perplexity' },
    width: 600,
    height: 320,
    ...options,
  });
  handle = chart;
  return { svg, chart };
}

function texts(svg: SVGSVGElement, selector: string): string[] {
  return Array.from(svg.querySelectorAll(selector)).map((el) => el.textContent ?? '');
}

/** Translation of an element's transform="translate(x,y)". */
function translation(el: Element | null): [number, number] {
  const match = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(el?.getAttribute('transform') ?? '');
  if (!match) throw new Error('element has no translate transform');
  return [Number(match[1]), Number(match[2])];
}

const series: LineSeries[] = [
  { name: 'Transformer', points: [0, 1, 2, 3, 4].map((i) => ({ x: i * 100, y: 60 - i * 5 })) },
  { name: 'Linformer k=64', markers: true, points: [0, 1, 2, 3, 4].map((i) => ({ x: i * 100, y: 70 - i * 4 })) },
  {
    name: 'theory',
    dashed: true,
    points: [
      { x: 0, y: 40 },
      { x: 400, y: 40 },
    ],
  },
];

afterEach(() => {
  handle?.destroy();
  handle = null;
});

describe('createLineChart', () => {
  it('draws one line per series, markers only where asked, and a legend entry per series', () => {
    const { svg, chart } = mount();
    chart.update(series);
    chart.flush();
    expect(svg.querySelectorAll('path.series-line[d]')).toHaveLength(3);
    expect(svg.querySelectorAll('g.series path.series-marker')).toHaveLength(5);
    expect(texts(svg, 'g.legend-entry text')).toEqual(['Transformer', 'Linformer k=64', 'theory']);
    const dashed = svg.querySelectorAll<SVGPathElement>('path.series-line')[2];
    expect(dashed.style.strokeDasharray).not.toBe('');
    expect(svg.querySelectorAll<SVGPathElement>('path.series-line')[0].style.strokeDasharray).toBe('');
  });

  it('labels axes with units, ticks within the data, and names the figure for assistive technology', () => {
    const { svg, chart } = mount({ y: { label: 'time', unit: 'ms' } });
    chart.update(series);
    chart.flush();
    expect(texts(svg, '.axis-title-y')).toEqual(['time (ms)']);
    expect(texts(svg, '.axis-x .tick text')).toEqual(['0', '50', '100', '150', '200', '250', '300', '350', '400']);
    expect(svg.getAttribute('aria-label')).toBe('Validation perplexity');
    expect(svg.querySelector(':scope > title')?.textContent).toBe('Validation perplexity');
    expect(svg.getAttribute('viewBox')).toBe('0 0 600 320');
  });

  it('draws log-log axes with power-of-ten ticks and skips values a log axis cannot show', () => {
    const { svg, chart } = mount({ x: { label: 'n', scale: 'log' }, y: { label: 'time', scale: 'log' } });
    chart.update([
      {
        name: 'a',
        markers: true,
        points: [
          { x: 10, y: 1 },
          { x: 100, y: 10 },
          { x: 1000, y: 100 },
          { x: 0, y: 5 },
          { x: 50, y: -1 },
        ],
      },
    ]);
    chart.flush();
    expect(texts(svg, '.axis-x .tick text')).toEqual(['10', '20', '50', '100', '200', '500', '1000']);
    expect(svg.querySelectorAll('path.series-marker')).toHaveLength(3);
  });

  it('breaks the line at NaN and Infinity instead of joining across them', () => {
    const { svg, chart } = mount();
    chart.update([
      {
        name: 'loss',
        points: [
          { x: 0, y: 5 },
          { x: 1, y: 4 },
          { x: 2, y: NaN },
          { x: 3, y: 3 },
          { x: 4, y: 2 },
          { x: 5, y: Infinity },
        ],
      },
    ]);
    chart.flush();
    const d = svg.querySelector('path.series-line')?.getAttribute('d') ?? '';
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d).not.toMatch(/NaN|Infinity/);
  });

  it('shows "no data yet" over empty axes and hides it once data arrives', () => {
    const { svg, chart } = mount();
    const note = svg.querySelector<SVGTextElement>('.empty-note');
    expect(note?.textContent).toBe('no data yet');
    expect(note?.style.display).toBe('');
    expect(svg.querySelectorAll('.axis-x .tick').length).toBeGreaterThan(1);
    chart.update([{ name: 'one', points: [{ x: 3, y: 7 }] }]);
    chart.flush();
    expect(note?.style.display).toBe('none');
    // A lone point has no line segment, so it gets a marker to be visible at all.
    expect(svg.querySelectorAll('path.series-marker')).toHaveLength(1);
  });

  it('draws error bars for spreads, and a band when asked', () => {
    const { svg, chart } = mount();
    chart.update([
      {
        name: 'bars',
        points: [
          { x: 1, y: 5, lo: 4, hi: 6 },
          { x: 2, y: 6, lo: 5, hi: 8 },
          { x: 3, y: 7 },
        ],
      },
      {
        name: 'band',
        spread: 'band',
        points: [
          { x: 1, y: 2, lo: 1, hi: 3 },
          { x: 2, y: 3, lo: 2, hi: 4 },
        ],
      },
    ]);
    chart.flush();
    const bars = svg.querySelectorAll('path.series-bars')[0].getAttribute('d') ?? '';
    // Each spread is a stem plus two caps: three moves per point with lo and hi.
    expect(bars.match(/M/g)).toHaveLength(6);
    expect(svg.querySelectorAll('path.series-band')[1].getAttribute('d')).toBeTruthy();
    expect(svg.querySelectorAll('path.series-bars')[1].getAttribute('d')).toBeNull();
  });

  it('thins a long stream to a few vertices per pixel column, keeping its extremes', () => {
    const { svg, chart } = mount();
    const points = Array.from({ length: 20_000 }, (_v, i) => ({ x: i, y: i === 12_345 ? 99 : Math.sin(i / 50) }));
    chart.update([{ name: 'loss', points }]);
    chart.flush();
    const d = svg.querySelector('path.series-line')?.getAttribute('d') ?? '';
    const vertices = d
      .split(/[ML]/)
      .filter(Boolean)
      .map((v) => v.split(',').map(Number));
    const plotWidth = 600;
    expect(vertices.length).toBeLessThan(4 * plotWidth);
    expect(vertices.length).toBeGreaterThan(plotWidth / 2);
    // The one spike survives: the highest vertex lies where the y axis puts 99, interpolated between two tick
    // values and their grid lines (d3 nudges tick marks by half a pixel for crisp lines; grid lines are exact).
    const gridYs = Array.from(svg.querySelectorAll('.grid-y line')).map((l) => Number(l.getAttribute('y1')));
    const ticks = Array.from(svg.querySelectorAll('.axis-y .tick')).map((t, i) => ({
      value: Number(t.textContent?.replace('\u2212', '-')),
      y: gridYs[i],
    }));
    const [a, b] = [ticks[0], ticks[ticks.length - 1]];
    const yOf99 = a.y + ((99 - a.value) / (b.value - a.value)) * (b.y - a.y);
    // d3 writes path coordinates to three decimals.
    expect(Math.min(...vertices.map(([, y]) => y))).toBeCloseTo(yOf99, 2);
  });

  it('coalesces updates: only the last data of a frame is drawn', () => {
    const { svg, chart } = mount();
    chart.update([
      {
        name: 'first',
        points: [
          { x: 0, y: 0 },
          { x: 1, y: 1 },
        ],
      },
    ]);
    chart.update([
      {
        name: 'second',
        points: [
          { x: 0, y: 0 },
          { x: 1, y: 1 },
        ],
      },
    ]);
    chart.flush();
    expect(texts(svg, 'g.legend-entry text')).toEqual(['second']);
  });

  it('reads out the point nearest the mouse, with spread and units', () => {
    const hovers: Array<string | null> = [];
    const { svg, chart } = mount({
      x: { label: 'sequence length n', unit: 'tokens' },
      y: { label: 'time', unit: 'ms' },
      spreadLabel: 'IQR',
      onHover: (h) => hovers.push(h ? `${h.series}@${h.x}` : null),
    });
    chart.update([
      {
        name: 'standard',
        markers: true,
        points: [
          { x: 512, y: 10, lo: 9, hi: 12 },
          { x: 1024, y: 40, lo: 38, hi: 45 },
        ],
      },
      {
        name: 'linformer',
        markers: true,
        points: [
          { x: 512, y: 5 },
          { x: 1024, y: 9 },
        ],
      },
    ]);
    chart.flush();
    // jsdom has no layout, so client coordinates equal viewBox coordinates: plot offset + marker position.
    const plotOffset = translation(svg.querySelector('g.plot'));
    const marker = svg.querySelectorAll('g.series')[0].querySelectorAll('path.series-marker')[1];
    const [mx, my] = translation(marker);
    svg.dispatchEvent(
      new MouseEvent('mousemove', { clientX: plotOffset[0] + mx + 3, clientY: plotOffset[1] + my - 2, bubbles: true }),
    );
    const readout = texts(svg, '.chart-tooltip text');
    expect(readout).toEqual(['standard', 'sequence length n = 1024 tokens', 'time = 40 ms', 'IQR 38–45 ms']);
    svg.dispatchEvent(new MouseEvent('mouseleave'));
    expect(texts(svg, '.chart-tooltip text')).toEqual([]);
    expect(hovers).toEqual(['standard@1024', null]);
  });

  it('moves a read-out cursor with the keyboard', () => {
    const { svg, chart } = mount();
    chart.update(series);
    chart.flush();
    expect(svg.getAttribute('tabindex')).toBe('0');
    const press = (key: string) => svg.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    press('ArrowRight');
    expect(texts(svg, '.chart-tooltip text')).toEqual(['Transformer', 'updates = 0', 'validation perplexity = 60']);
    press('ArrowRight');
    press('ArrowDown');
    expect(texts(svg, '.chart-tooltip text')).toEqual([
      'Linformer k=64',
      'updates = 100',
      'validation perplexity = 66',
    ]);
    press('Escape');
    expect(texts(svg, '.chart-tooltip text')).toEqual([]);
  });

  it('removes everything it added on destroy', () => {
    const { svg, chart } = mount({ description: 'desc' });
    svg.setAttribute('class', 'mine');
    chart.update(series);
    chart.flush();
    chart.destroy();
    handle = null;
    expect(svg.childNodes).toHaveLength(0);
    expect(svg.getAttribute('role')).toBeNull();
    expect(svg.getAttribute('class')).toBe('mine');
  });
});

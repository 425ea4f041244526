// @vitest-environment jsdom
import { color } from 'd3';
import { afterEach, describe, expect, it } from 'vitest';
import { createHeatmap, type HeatmapHandle, type HeatmapOptions } from './heatmap';

const SVG_NS = 'http://www.w3.org/2000/svg';
let handle: HeatmapHandle | null = null;

function mount(options: Partial<HeatmapOptions> = {}): { svg: SVGSVGElement; chart: HeatmapHandle } {
  document.body.innerHTML = '';
  const svg = document.createElementNS(SVG_NS, 'svg');
  document.body.append(svg);
  const chart = createHeatmap(svg, {
    title: 'Spectrum mass at σ128',
    rowTitle: 'layer',
    colTitle: 'head',
    valueLabel: 'cumulative σ (fraction)',
    width: 640,
    ...options,
  });
  handle = chart;
  return { svg, chart };
}

const data = {
  rowLabels: ['1', '2', '3'],
  colLabels: ['h1', 'h2', 'h3', 'h4'],
  values: [
    [0.5, 0.6, 0.7, 0.8],
    [0.55, null, 0.75, 0.85],
    [0.6, 0.7, 0.8, 0.95],
  ],
};

function cell(svg: SVGSVGElement, row: number, col: number): SVGGElement {
  const el = svg.querySelector<SVGGElement>(`g.cell[data-row="${row}"][data-col="${col}"]`);
  if (!el) throw new Error(`no cell ${row},${col}`);
  return el;
}

function hex(cssColour: string): string | undefined {
  return color(cssColour)?.formatHex();
}

afterEach(() => {
  handle?.destroy();
  handle = null;
});

describe('createHeatmap', () => {
  it('draws one cell per row and column with labels and titles', () => {
    const { svg, chart } = mount({ caption: 'Higher layers keep more mass in fewer singular values.' });
    chart.update(data);
    chart.flush();
    expect(svg.querySelectorAll('g.cell')).toHaveLength(12);
    expect(Array.from(svg.querySelectorAll('.row-labels text')).map((t) => t.textContent)).toEqual(['1', '2', '3']);
    expect(Array.from(svg.querySelectorAll('.col-labels text')).map((t) => t.textContent)).toEqual([
      'h1',
      'h2',
      'h3',
      'h4',
    ]);
    expect(svg.querySelector('.axis-title-row')?.textContent).toBe('layer');
    expect(svg.querySelector('.colour-title')?.textContent).toBe('cumulative σ (fraction)');
    expect(svg.querySelector('.caption')?.textContent).toContain('Higher layers');
  });

  it('colours the maximum with the top of viridis and the minimum with its bottom, with readable text', () => {
    const { svg, chart } = mount();
    chart.update(data);
    chart.flush();
    // Viridis runs from #440154 (t = 0) to #fde725 (t = 1).
    const max = cell(svg, 2, 3);
    expect(hex(max.querySelector('rect')?.style.fill ?? '')).toBe('#fde725');
    expect(hex(cell(svg, 0, 0).querySelector('rect')?.style.fill ?? '')).toBe('#440154');
    expect(max.querySelector('text')?.textContent).toBe('0.95');
    expect(hex(max.querySelector('text')?.style.fill ?? '')).toBe('#000000');
    expect(hex(cell(svg, 0, 0).querySelector('text')?.style.fill ?? '')).toBe('#ffffff');
  });

  it('uses a fixed domain when given, so colours are comparable across figures', () => {
    const { svg, chart } = mount({ domain: [0, 1] });
    chart.update(data);
    chart.flush();
    expect(hex(cell(svg, 2, 3).querySelector('rect')?.style.fill ?? '')).not.toBe('#fde725');
    const ticks = Array.from(svg.querySelectorAll('.colour-axis .tick text')).map((t) => t.textContent);
    expect(ticks[0]).toBe('0');
    expect(ticks[ticks.length - 1]).toBe('1');
  });

  it('labels the colour bar with its own format when given, the cells keeping theirs', () => {
    const { svg, chart } = mount({ domain: [0, 1], format: (v) => v.toFixed(5), barFormat: (v) => v.toFixed(1) });
    chart.update(data);
    chart.flush();
    const ticks = Array.from(svg.querySelectorAll('.colour-axis .tick text')).map((t) => t.textContent);
    expect(ticks[0]).toBe('0.0');
    expect(ticks[ticks.length - 1]).toBe('1.0');
    expect(cell(svg, 0, 0).querySelector('text')?.textContent).toMatch(/^\d\.\d{5}$/);
  });

  it('hatches missing cells and shows the missing-value key', () => {
    const { svg, chart } = mount();
    chart.update(data);
    chart.flush();
    const missing = cell(svg, 1, 1).querySelector('rect');
    expect(missing?.getAttribute('data-missing')).toBe('true');
    expect(missing?.style.fill).toMatch(/^url\(/);
    expect(cell(svg, 1, 1).querySelector('text')?.textContent).toBe('');
    expect(svg.querySelectorAll('rect[data-missing]')).toHaveLength(1);
    expect((svg.querySelector('.missing-key') as SVGGElement).style.display).toBe('');
    expect(svg.querySelector('.missing-key text')?.textContent).toBe('—');
  });

  it('reads out row, column and value under the mouse, and the missing-value mark for a missing cell', () => {
    const hovers: Array<number | null | 'none'> = [];
    const { svg, chart } = mount({ onHover: (h) => hovers.push(h ? h.value : 'none') });
    chart.update(data);
    chart.flush();
    const [gx, gy] = (
      /translate\(([\d.]+),([\d.]+)\)/.exec(svg.querySelector('g.grid')?.getAttribute('transform') ?? '') ?? []
    )
      .slice(1)
      .map(Number);
    const cellBox = cell(svg, 1, 1).querySelector('rect') as SVGRectElement;
    const w = Number(cellBox.getAttribute('width'));
    const h = Number(cellBox.getAttribute('height'));
    const moveTo = (row: number, col: number) =>
      svg.dispatchEvent(new MouseEvent('mousemove', { clientX: gx + (col + 0.5) * w, clientY: gy + (row + 0.5) * h }));
    moveTo(2, 3);
    const lines = () => Array.from(svg.querySelectorAll('.chart-tooltip text')).map((t) => t.textContent);
    expect(lines()).toEqual(['layer: 3', 'head: h4', 'cumulative σ (fraction): 0.95']);
    moveTo(1, 1);
    expect(lines()).toEqual(['layer: 2', 'head: h2', 'cumulative σ (fraction): —']);
    expect(hovers).toEqual([0.95, null]);
  });

  it('moves a cell cursor with the arrow keys', () => {
    const { svg, chart } = mount();
    chart.update(data);
    chart.flush();
    const press = (key: string) => svg.dispatchEvent(new KeyboardEvent('keydown', { key }));
    press('ArrowDown');
    press('ArrowDown');
    press('ArrowRight');
    expect(Array.from(svg.querySelectorAll('.chart-tooltip text')).map((t) => t.textContent)).toEqual([
      'layer: 2',
      'head: h2',
      'cumulative σ (fraction): —',
    ]);
  });

  it('treats non-positive values as missing on a log colour scale', () => {
    const { svg, chart } = mount({ colourScale: 'log' });
    chart.update({ rowLabels: ['a'], colLabels: ['x', 'y', 'z'], values: [[0.5, 0, 20]] });
    chart.flush();
    expect(svg.querySelectorAll('rect[data-missing]')).toHaveLength(1);
    expect(hex(cell(svg, 0, 2).querySelector('rect')?.style.fill ?? '')).toBe('#fde725');
  });
});

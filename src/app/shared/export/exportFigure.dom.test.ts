// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { svgToString } from './exportFigure';
import { createLineChart, type LineChartHandle } from '../charts/lineChart';

const SVG_NS = 'http://www.w3.org/2000/svg';
let handle: LineChartHandle | null = null;

afterEach(() => {
  handle?.destroy();
  handle = null;
  document.documentElement.removeAttribute('style');
});

function renderChart(): SVGSVGElement {
  document.body.innerHTML = '';
  // The page's theme variables, as src/styles.css would define them.
  document.documentElement.style.setProperty('--panel', '#fafafa');
  document.documentElement.style.setProperty('--fg', '#222222');
  document.documentElement.style.setProperty('--series-1', '#123456');
  const svg = document.createElementNS(SVG_NS, 'svg');
  document.body.append(svg);
  handle = createLineChart(svg, { title: 'Export me', x: { label: 'x' }, y: { label: 'y' }, width: 500, height: 300 });
  handle.update([
    {
      name: 'a',
      markers: true,
      points: [
        { x: 1, y: 2 },
        { x: 2, y: 3 },
      ],
    },
  ]);
  handle.flush();
  // Leave a read-out on screen: it must not end up in the file.
  svg.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight' }));
  return svg;
}

describe('svgToString', () => {
  it('produces a standalone SVG with namespace, size, background, and no CSS variables', () => {
    const svg = renderChart();
    expect(svg.querySelector('.chart-tooltip text')).not.toBeNull();
    const text = svgToString(svg);
    expect(text.startsWith('<?xml')).toBe(true);
    expect(text).not.toContain('var(');
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    expect(root.namespaceURI).toBe(SVG_NS);
    expect(root.getAttribute('width')).toBe('500');
    expect(root.getAttribute('height')).toBe('300');
    const background = Array.from(root.children).find((el) => el.tagName === 'rect');
    expect(background?.getAttribute('fill')).toBe('#fafafa');
    // The background sits after <title> and before everything drawn.
    expect(root.children[0].tagName).toBe('title');
    expect(root.children[1]).toBe(background);
    // Series colour resolved from the page's variable; on-screen-only parts dropped.
    const line = root.querySelector('path.series-line');
    expect(line?.getAttribute('style')).toMatch(/stroke:\s*(#123456|rgb\(18, 52, 86\))/);
    expect(root.querySelector('.chart-tooltip')).toBeNull();
    expect(root.querySelector('.hover-cursor')).toBeNull();
    expect(root.getAttribute('tabindex')).toBeNull();
    // The live figure is untouched.
    expect(svg.querySelector('.chart-tooltip text')).not.toBeNull();
  });

  it('can leave the background transparent', () => {
    const svg = renderChart();
    const doc = new DOMParser().parseFromString(svgToString(svg, { background: null }), 'image/svg+xml');
    expect(Array.from(doc.documentElement.children).some((el) => el.tagName === 'rect')).toBe(false);
  });
});

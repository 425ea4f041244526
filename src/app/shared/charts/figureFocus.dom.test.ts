// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { createHeatmap } from './heatmap';
import { createLineChart } from './lineChart';

const SVG_NS = 'http://www.w3.org/2000/svg';

afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

function svgElement(): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  document.body.append(svg);
  return svg;
}

// The ring itself comes from styles.css (svg[role='figure']:focus-visible), which jsdom does not load here:
// e2e/layout.spec.ts tabs to a figure in Chromium and reads its computed outline.
describe('a figure reached by Tab keeps a visible focus outline', () => {
  it('line charts and heatmaps set no inline outline, which would hide the page’s focus ring', () => {
    const line = svgElement();
    createLineChart(line, { title: 'Loss', x: { label: 'step' }, y: { label: 'loss' }, width: 400, height: 240 });
    const heat = svgElement();
    createHeatmap(heat, { title: 'Top-i share', rowTitle: 'layer', colTitle: 'head', valueLabel: 'share' });
    for (const svg of [line, heat]) {
      expect(svg.getAttribute('role')).toBe('figure');
      expect(svg.getAttribute('tabindex')).toBe('0');
      expect(svg.style.outline).toBe('');
      expect(svg.style.outlineStyle).toBe('');
    }
  });
});

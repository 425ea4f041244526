/**
 * The preset's figure as an SVG file, drawn by the app's own line chart (src/app/shared/charts) in a jsdom
 * document and exported with the app's svgToString, so the README figure is the figure the app shows.
 */
import { JSDOM } from 'jsdom';
import type { LineSeries } from '../../src/app/shared/charts';

export async function figureSvg(title: string, description: string, series: readonly LineSeries[]): Promise<string> {
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  const globals = globalThis as unknown as Record<string, unknown>;
  const saved = new Map(
    ['window', 'document', 'getComputedStyle', 'XMLSerializer', 'navigator'].map((name) => [name, globals[name]]),
  );
  Object.defineProperty(globalThis, 'window', { value: dom.window, configurable: true, writable: true });
  Object.defineProperty(globalThis, 'navigator', { value: dom.window.navigator, configurable: true, writable: true });
  globals.document = dom.window.document;
  globals.getComputedStyle = dom.window.getComputedStyle.bind(dom.window);
  globals.XMLSerializer = dom.window.XMLSerializer;
  try {
    // Imported only now: d3 and the chart read the document globals when they draw.
    const { createLineChart } = await import('../../src/app/shared/charts/lineChart');
    const { svgToString } = await import('../../src/app/shared/export/exportFigure');
    const svg = dom.window.document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    dom.window.document.body.append(svg);
    const chart = createLineChart(svg, {
      title,
      description,
      x: { label: 'training step' },
      y: { label: 'validation perplexity', scale: 'log' },
      width: 720,
      height: 400,
      spreadLabel: 'min–max over seeds',
    });
    chart.update(series);
    chart.flush();
    const text = svgToString(svg);
    chart.destroy();
    return text;
  } finally {
    for (const [name, value] of saved)
      Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  }
}

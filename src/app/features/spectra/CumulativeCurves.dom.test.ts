// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { summarizeHead, type HeadSummary } from '../../../lib/spectra';
import { referenceCurves } from '../../../lib/spectra/referenceSpectra';
import { CumulativeCurves } from './CumulativeCurves';
import { HEAD_DASHES } from './spectraFigureData';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const float64 = { entries: 'float64', gram: 'float64' } as const;
let container: HTMLDivElement;
let root: Root;

/** Two layers of three heads, each head's spectrum different. */
function summaries(): HeadSummary[] {
  const out: HeadSummary[] = [];
  for (let layer = 0; layer < 2; layer++) {
    for (let head = 0; head < 3; head++) {
      out.push(summarizeHead(layer, head, [new Float64Array([3 + head + layer, 1, 0.5, 0])], 2, float64));
    }
  }
  return out;
}

function draw(): SVGSVGElement {
  act(() =>
    root.render(
      createElement(CumulativeCurves, {
        summaries: summaries(),
        index: 2,
        label: 'test',
        layers: 2,
        references: referenceCurves(4, 4),
        shape: { rows: 4, cols: 4 },
      }),
    ),
  );
  // useChart draws on the next animation frame; the export's flush draws now, as here.
  const svg = container.querySelector('svg')!;
  return svg;
}

const flushFrames = () => act(() => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined))));
/** The element's stroke-dasharray, spaces only ("" for a solid line). */
const dashOf = (el: Element | null) =>
  ((el as SVGElement | null)?.style.strokeDasharray ?? '').replace(/,/g, ' ').replace(/\s+/g, ' ').trim();

describe('the cumulative curves tell the heads of one layer apart in the SVG itself', () => {
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  it('draws each head of a layer with its own dash, in the layer’s colour', async () => {
    const svg = draw();
    await flushFrames();
    const line = (name: string) => svg.querySelector(`g.series[data-series="${name}"] path.series-line`);
    const layerOne = [1, 2, 3].map((h) => line(`layer 1 · head ${h}`));
    expect(layerOne.every((el) => el !== null)).toBe(true);
    const dashes = layerOne.map(dashOf);
    expect(new Set(dashes).size).toBe(3);
    expect(dashes).toEqual(['', HEAD_DASHES[1], HEAD_DASHES[2]]);
    const colours = layerOne.map((el) => (el as SVGElement).style.stroke);
    expect(new Set(colours).size).toBe(1);
    // The same head in another layer: same dash, another colour.
    expect(dashOf(line('layer 2 · head 2'))).toBe(dashes[1]);
    expect((line('layer 2 · head 2') as SVGElement).style.stroke).not.toBe(colours[0]);
  });

  it('has a legend in the SVG with an entry per layer colour and per head dash, matching the curves', async () => {
    const svg = draw();
    await flushFrames();
    const entries = [...svg.querySelectorAll('g.legend g.legend-entry')];
    const names = entries.map((entry) => entry.querySelector('text')?.textContent);
    expect(names).toEqual(['layer 1', 'layer 2', 'head 1', 'head 2', 'head 3', 'references (grey)']);
    const entryDash = (name: string) => dashOf(entries[names.indexOf(name)].querySelector('line'));
    const curveDash = (name: string) => dashOf(svg.querySelector(`g.series[data-series="${name}"] path.series-line`));
    for (const head of [1, 2, 3]) expect(entryDash(`head ${head}`)).toBe(curveDash(`layer 1 · head ${head}`));
  });
});

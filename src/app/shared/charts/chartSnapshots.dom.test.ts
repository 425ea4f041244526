// @vitest-environment jsdom
/**
 * SVG snapshot tests: each chart factory draws a few fixed figures (fixed data, fixed width, no ResizeObserver in
 * jsdom), exported with `svgToString` (colours resolved, so the files open as images) and normalised by
 * ./testing/svgSnapshot.ts (generated ids renumbered, coordinates rounded, one element per line). Each is compared
 * with `__snapshots__/NAME.svg` next to this file:
 *
 * - missing stored file: it is written and the test passes (the first run creates the snapshots; commit them);
 * - different: the new rendering is written to `__snapshots__/NAME-changed.svg` (git-ignored) and the test fails
 *   saying which file to open; accept the change by renaming NAME-changed.svg over NAME.svg (or deleting NAME.svg
 *   and running the test again);
 * - equal: a leftover NAME-changed.svg from an earlier failure is removed.
 *
 * src/ is type-checked without Node's types (as in src/lib/data/testing/prepareDataScript.test.ts), so node:fs
 * and node:url are imported through specifiers TypeScript does not follow, and the members used are typed here.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { svgToString } from '../export/exportFigure';
import { createHeatmap, type HeatmapData, type HeatmapOptions } from './heatmap';
import { createLineChart, type LineChartOptions, type LineSeries } from './lineChart';
import { normaliseSvg } from './testing/svgSnapshot';

interface NodeFs {
  existsSync(file: string): boolean;
  mkdirSync(dir: string, options: { recursive: boolean }): void;
  readFileSync(file: string, encoding: 'utf8'): string;
  writeFileSync(file: string, content: string): void;
  rmSync(file: string, options: { force: boolean }): void;
}

const importUntyped = (specifier: string): Promise<unknown> => import(/* @vite-ignore */ specifier);
const SVG_NS = 'http://www.w3.org/2000/svg';

let fs: NodeFs;
let snapshotDir: string;

beforeAll(async () => {
  const [fsModule, url] = (await Promise.all(['node:fs', 'node:url'].map(importUntyped))) as [
    NodeFs,
    { fileURLToPath(url: string): string },
  ];
  fs = fsModule;
  // Not `new URL('./__snapshots__/', import.meta.url)`: Vite rewrites that pattern into a dev-server address.
  const testFile = url.fileURLToPath(import.meta.url);
  snapshotDir = `${testFile.slice(0, testFile.lastIndexOf('/') + 1)}__snapshots__/`;
});

let destroy: (() => void) | null = null;
afterEach(() => {
  destroy?.();
  destroy = null;
});

function freshSvg(): SVGSVGElement {
  document.body.innerHTML = '';
  const svg = document.createElementNS(SVG_NS, 'svg');
  document.body.append(svg);
  return svg;
}

/** A line chart drawn now (flush) and exported as normalised file text. */
function renderLineChart(options: LineChartOptions, series: readonly LineSeries[]): string {
  const svg = freshSvg();
  const chart = createLineChart(svg, options);
  destroy = () => chart.destroy();
  chart.update(series);
  chart.flush();
  const text = normaliseSvg(svgToString(svg));
  chart.destroy();
  destroy = null;
  return text;
}

function renderHeatmap(options: HeatmapOptions, data: HeatmapData): string {
  const svg = freshSvg();
  const chart = createHeatmap(svg, options);
  destroy = () => chart.destroy();
  chart.update(data);
  chart.flush();
  const text = normaliseSvg(svgToString(svg));
  chart.destroy();
  destroy = null;
  return text;
}

function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    if (left[i] !== right[i]) {
      return `first difference at line ${i + 1}:\n  stored:  ${left[i] ?? '(end of file)'}\n  changed: ${right[i] ?? '(end of file)'}`;
    }
  }
  return 'the files differ';
}

/**
 * Renders the figure twice (the second time with other generated ids, since every chart takes new ones) to show
 * the text does not depend on what was drawn before, then compares it with the stored file.
 */
function expectMatchesSvgFile(name: string, render: () => string): void {
  const text = render();
  expect(render(), `rendering "${name}" twice gave different files`).toBe(text);

  const stored = `${snapshotDir}${name}.svg`;
  const changed = `${snapshotDir}${name}-changed.svg`;
  const shown = `src/app/shared/charts/__snapshots__/${name}`;
  if (!fs.existsSync(stored)) {
    // First run (or a deliberately deleted snapshot): record the figure and pass.
    fs.mkdirSync(snapshotDir, { recursive: true });
    fs.writeFileSync(stored, text);
    fs.rmSync(changed, { force: true });
    return;
  }
  const expected = fs.readFileSync(stored, 'utf8');
  if (expected === text) {
    fs.rmSync(changed, { force: true });
    return;
  }
  fs.writeFileSync(changed, text);
  throw new Error(
    [
      `Figure "${name}" no longer matches ${shown}.svg.`,
      `The new rendering is in ${shown}-changed.svg: open both (e.g. in a browser) to compare them.`,
      `If the change is intended, accept it: mv ${shown}-changed.svg ${shown}.svg`,
      `(or delete ${shown}.svg and run the test again, which writes it anew).`,
      firstDifference(expected, text),
    ].join('\n'),
  );
}

const UPDATES = [0, 100, 200, 300, 400, 500];

describe('chart SVG snapshots', () => {
  it('line chart: two series with markers and error bars, a dashed reference line, log y axis', () => {
    const transformer = [420, 190, 96, 61, 46, 39];
    const linformer = [450, 230, 120, 74, 52, 43];
    const options: LineChartOptions = {
      title: 'Validation perplexity by model',
      x: { label: 'updates' },
      y: { label: 'validation perplexity', scale: 'log' },
      width: 600,
      height: 320,
      spreadLabel: 'min–max',
    };
    const series: LineSeries[] = [
      {
        name: 'Transformer',
        markers: true,
        points: UPDATES.map((x, i) => ({ x, y: transformer[i], lo: transformer[i] * 0.9, hi: transformer[i] * 1.12 })),
      },
      {
        name: 'Linformer k=64',
        markers: true,
        points: UPDATES.map((x, i) => ({ x, y: linformer[i], lo: linformer[i] * 0.85, hi: linformer[i] * 1.2 })),
      },
      {
        name: 'unigram baseline',
        dashed: true,
        points: [
          { x: 0, y: 250 },
          { x: 500, y: 250 },
        ],
      },
    ];
    expectMatchesSvgFile('line-log-error-bars', () => renderLineChart(options, series));
  });

  it('line chart: interquartile bands on a log x axis with explicit ticks and units', () => {
    const lengths = [128, 256, 512, 1024, 2048];
    const transformer = [2.1, 4.3, 9.8, 24.5, 71.2];
    const linformer = [2.4, 3.9, 6.1, 11.8, 22.9];
    const options: LineChartOptions = {
      title: 'Step time against sequence length',
      x: { label: 'sequence length n', unit: 'tokens', scale: 'log', ticks: lengths },
      y: { label: 'step time', unit: 'ms', format: 'ms' },
      width: 600,
      height: 320,
      spreadLabel: 'IQR',
    };
    const band = (values: number[], spread: number) =>
      lengths.map((x, i) => ({ x, y: values[i], lo: values[i] * (1 - spread), hi: values[i] * (1 + spread) }));
    const series: LineSeries[] = [
      { name: 'Transformer', spread: 'band', points: band(transformer, 0.08) },
      { name: 'Linformer k=128', spread: 'band', markers: true, points: band(linformer, 0.12) },
    ];
    expectMatchesSvgFile('line-band', () => renderLineChart(options, series));
  });

  it('line chart: empty axes with their empty text', () => {
    const options: LineChartOptions = {
      title: 'Training loss',
      x: { label: 'updates' },
      y: { label: 'cross-entropy', unit: 'nats' },
      width: 600,
      height: 320,
      emptyText: 'waiting for the first evaluation',
    };
    expectMatchesSvgFile('line-empty', () => renderLineChart(options, []));
  });

  it('line chart: a phone-width empty figure wraps its title and its empty text inside the plot', () => {
    const options: LineChartOptions = {
      title: 'Validation perplexity against updates',
      x: { label: 'updates', unit: 'steps' },
      y: { label: 'validation perplexity', unit: 'log scale', scale: 'log' },
      width: 280,
      height: 300,
      emptyText: 'Start a run, or tick runs in the history, to see validation perplexity here.',
    };
    expectMatchesSvgFile('line-empty-narrow', () => renderLineChart(options, []));
  });

  it('line chart: at phone width a long legend name wraps rather than run off the figure', () => {
    const options: LineChartOptions = {
      title: 'Validation perplexity against updates',
      x: { label: 'updates', unit: 'steps' },
      y: { label: 'validation perplexity', scale: 'log' },
      width: 300,
      height: 320,
    };
    const series: LineSeries[] = [
      {
        name: 'linformer k=32, n=128, seed 1',
        markers: true,
        points: [
          { x: 150, y: 21.1 },
          { x: 300, y: 20.1 },
        ],
      },
      {
        name: 'unigram baseline, whole validation text (22.3)',
        dashed: true,
        points: [
          { x: 0, y: 22.3 },
          { x: 300, y: 22.3 },
        ],
      },
    ];
    expectMatchesSvgFile('line-legend-narrow', () => renderLineChart(options, series));
  });

  it('heatmap: linear colour scale with values and a caption', () => {
    const options: HeatmapOptions = {
      title: 'Spectrum mass at σ128',
      rowTitle: 'layer',
      colTitle: 'head',
      valueLabel: 'cumulative σ (fraction)',
      caption: 'Higher layers keep more of their spectrum mass in fewer singular values.',
      width: 640,
    };
    const data: HeatmapData = {
      rowLabels: ['1', '2', '3'],
      colLabels: ['h1', 'h2', 'h3', 'h4'],
      values: [
        [0.5, 0.6, 0.7, 0.8],
        [0.55, 0.65, 0.75, 0.85],
        [0.6, 0.7, 0.8, 0.95],
      ],
    };
    expectMatchesSvgFile('heatmap-linear', () => renderHeatmap(options, data));
  });

  it('heatmap: log colour scale with a missing (NaN) cell', () => {
    const options: HeatmapOptions = {
      title: 'Linformer speed-up over the Transformer',
      rowTitle: 'sequence length n (tokens)',
      colTitle: 'projected length k',
      valueLabel: 'speed-up (×)',
      colourScale: 'log',
      palette: 'magma',
      format: (v) => `${v.toFixed(1)}×`,
      width: 640,
    };
    const data: HeatmapData = {
      rowLabels: ['512', '1024', '2048', '4096'],
      colLabels: ['32', '64', '128', '256'],
      values: [
        [1.4, 1.2, 0.9, 0.6],
        [2.6, 2.2, 1.7, 1.1],
        [5.1, 4.3, NaN, 2.0],
        [9.8, 8.1, 6.2, 3.9],
      ],
    };
    expectMatchesSvgFile('heatmap-log-missing', () => renderHeatmap(options, data));
  });

  it('heatmap: a one-row grid at phone width keeps its turned row title beside the grid', () => {
    const options: HeatmapOptions = {
      title: 'Memory saving — reference: V100, larger model',
      rowTitle: 'sequence length n',
      colTitle: 'projected length k',
      valueLabel: 'memory saving (×)',
      colourScale: 'log',
      format: (v) => `${v.toPrecision(2)}×`,
      width: 300,
    };
    const data: HeatmapData = { rowLabels: ['512'], colLabels: ['32', '64'], values: [[1.8, 1.4]] };
    expectMatchesSvgFile('heatmap-one-row-narrow', () => renderHeatmap(options, data));
  });
});

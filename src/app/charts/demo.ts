/**
 * Development-only demo of the chart primitives (served as /chart-demo.html by `vite`). Every number here is
 * made up to look plausible; nothing is measured. It exists so the figures can be looked at and screenshotted.
 */
import '../../styles.css';
import { createRng } from '../../lib/random';
import { downloadCsv, downloadPng, downloadSvg, type CsvValue } from './exportFigure';
import { formatCompact } from './format';
import { createHeatmap, type HeatmapData, type HeatmapOptions } from './heatmap';
import { createLineChart, type LineChartOptions, type LineSeries } from './lineChart';

const rng = createRng(7);
const gallery = document.getElementById('gallery');
if (!gallery) throw new Error('chart-demo.html has no #gallery');

/** A <figure> with an <svg> and export buttons; returns the svg. */
function figureSlot(id: string, csv: () => Record<string, CsvValue>[], wide = false): SVGSVGElement {
  const figure = document.createElement('figure');
  figure.className = wide ? 'demo-figure wide' : 'demo-figure';
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.id = id;
  const actions = document.createElement('div');
  actions.className = 'demo-actions';
  const button = (label: string, onClick: () => void) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.addEventListener('click', onClick);
    actions.append(b);
    return b;
  };
  button('SVG', () => downloadSvg(svg, id));
  button('PNG', () => void downloadPng(svg, id));
  button('CSV', () => downloadCsv(csv(), id));
  figure.append(svg, actions);
  gallery?.append(figure);
  return svg;
}

function seriesRows(series: readonly LineSeries[]): Record<string, CsvValue>[] {
  return series.flatMap((s) =>
    s.points.map((p) => ({ series: s.name, x: p.x, y: p.y, lo: p.lo ?? null, hi: p.hi ?? null })),
  );
}

// 1. Validation perplexity against updates, streamed in as training would deliver it.
function perplexityCurves(upTo: number): LineSeries[] {
  const models: Array<[string, number]> = [
    ['Transformer', 18],
    ['Linformer k = 128', 18.6],
    ['Linformer k = 64', 19.8],
    ['Linformer k = 32', 22.5],
  ];
  const noise = createRng(11);
  return models.map(([name, floor]) => ({
    name,
    points: Array.from({ length: Math.floor(upTo / 50) + 1 }, (_v, i) => {
      const t = i * 50;
      return { x: t, y: floor + 380 * Math.exp(-t / 260) + 14 * Math.exp(-t / 1400) + noise.normal() * 0.4 };
    }),
  }));
}
const perplexityOptions: LineChartOptions = {
  title: 'Validation perplexity during masked-LM training (demo data)',
  x: { label: 'updates' },
  y: { label: 'validation perplexity', scale: 'log' },
};
let perplexityData = perplexityCurves(3000);
const perplexitySvg = figureSlot('perplexity-vs-updates', () => seriesRows(perplexityData), true);
const perplexity = createLineChart(perplexitySvg, perplexityOptions);
perplexity.update(perplexityData);

const replay = document.createElement('button');
replay.type = 'button';
replay.textContent = 'Replay as a stream';
replay.addEventListener('click', () => {
  let upTo = 0;
  // Several updates per frame on purpose: the chart should still draw at most once per frame.
  const timer = setInterval(() => {
    upTo += 25;
    perplexityData = perplexityCurves(upTo);
    perplexity.update(perplexityData);
    if (upTo >= 3000) clearInterval(timer);
  }, 4);
});
perplexitySvg.parentElement?.querySelector('.demo-actions')?.append(replay);

// 2. Attention time against sequence length, log-log, measured medians with IQR and reference slopes.
const ns = [128, 256, 512, 1024, 2048, 4096];
function measured(name: string, cost: (n: number) => number): LineSeries {
  return {
    name,
    markers: true,
    points: ns.map((n) => {
      const median = cost(n) * (1 + rng.normal() * 0.03);
      return { x: n, y: median, lo: median * (0.93 - rng.next() * 0.04), hi: median * (1.06 + rng.next() * 0.08) };
    }),
  };
}
const standardCost = (n: number) => 0.02 + 2.1e-6 * n * n;
const timeData: LineSeries[] = [
  measured('standard', standardCost),
  measured('Linformer k = 128', (n) => 0.03 + 2.4e-4 * n),
  measured('Linformer k = 256', (n) => 0.03 + 4.6e-4 * n),
  { name: 'O(n²) reference', dashed: true, points: ns.map((n) => ({ x: n, y: standardCost(4096) * (n / 4096) ** 2 })) },
  { name: 'O(n·k) reference', dashed: true, points: ns.map((n) => ({ x: n, y: 2.4e-4 * 4096 * (n / 4096) })) },
];
const timeSvg = figureSlot('time-vs-n', () => seriesRows(timeData));
createLineChart(timeSvg, {
  title: 'Attention forward time (demo data)',
  x: { label: 'sequence length n', unit: 'tokens', scale: 'log', ticks: ns },
  y: { label: 'time', unit: 'ms', scale: 'log' },
  spreadLabel: 'IQR',
}).update(timeData);

// 3. Normalised cumulative singular values of P per layer, band = spread over heads.
const index = Array.from({ length: 128 }, (_v, i) => i + 1);
const spectrumData: LineSeries[] = [1, 2, 3, 4].map((layer) => {
  const decay = 6 + 10 * layer;
  return {
    name: `layer ${layer}`,
    spread: 'band',
    points: index.map((i) => {
      const y = 1 - Math.exp(-i / (40 / (layer * 0.6)) - (i * decay) / 2000);
      return { x: i, y: Math.min(1, y), lo: Math.min(1, y * 0.96), hi: Math.min(1, y * 1.02 + 0.005) };
    }),
  };
});
const spectrumSvg = figureSlot('spectrum', () => seriesRows(spectrumData));
createLineChart(spectrumSvg, {
  title: 'Cumulative spectrum of attention P, n = 128 (demo data)',
  x: { label: 'singular value index' },
  y: { label: 'normalised cumulative σ', min: 0, max: 1 },
  spreadLabel: 'min–max over heads',
}).update(spectrumData);

// 4. Memory with byte formatting, and two edge cases: an empty chart and a single point.
const memoryData: LineSeries[] = [
  { name: 'standard', markers: true, points: ns.map((n) => ({ x: n, y: 4 * 4 * 8 * n * n })) },
  { name: 'Linformer k = 128', markers: true, points: ns.map((n) => ({ x: n, y: 4 * 4 * 8 * n * 128 })) },
];
const memorySvg = figureSlot('memory-vs-n', () => seriesRows(memoryData));
createLineChart(memorySvg, {
  title: 'Peak attention-matrix memory (demo data)',
  x: { label: 'sequence length n', unit: 'tokens', scale: 'log', ticks: ns },
  y: { label: 'peak memory', format: 'bytes', scale: 'log' },
  height: 300,
}).update(memoryData);

const emptySvg = figureSlot('empty', () => []);
createLineChart(emptySvg, {
  title: 'Before training starts',
  x: { label: 'updates' },
  y: { label: 'training loss' },
  height: 240,
});
const singleSvg = figureSlot('single', () => []);
createLineChart(singleSvg, {
  title: 'One point so far',
  x: { label: 'updates' },
  y: { label: 'training loss' },
  height: 240,
}).update([
  {
    name: 'Linformer k = 64',
    points: [
      { x: 50, y: 7.1 },
      { x: 100, y: NaN },
    ],
  },
]);

// 5. Heatmap: layers × heads, spectrum mass at the 32nd singular value.
const layers = 6;
const heads = 8;
const spectrumGrid: HeatmapData = {
  rowLabels: Array.from({ length: layers }, (_v, l) => `${l + 1}`),
  colLabels: Array.from({ length: heads }, (_v, h) => `${h + 1}`),
  values: Array.from({ length: layers }, (_v, l) =>
    Array.from({ length: heads }, () => Math.min(0.995, 0.62 + 0.06 * l + rng.normal() * 0.04)),
  ),
};
const gridRows = () =>
  spectrumGrid.values.flatMap((row, l) => row.map((v, h) => ({ layer: l + 1, head: h + 1, value: v })));
const layerHeadOptions: HeatmapOptions = {
  title: 'Spectrum mass in the top 32 of 128 singular values (demo data)',
  rowTitle: 'layer',
  colTitle: 'head',
  valueLabel: 'cumulative σ at 32',
  domain: [0.5, 1],
  format: (v) => v.toFixed(2),
  caption:
    'Each cell: normalised cumulative singular value of the attention matrix P at index 32, averaged over validation sequences. Higher layers concentrate more mass in fewer singular values.',
};
createHeatmap(figureSlot('spectrum-heatmap', gridRows), layerHeadOptions).update(spectrumGrid);

// 6. Heatmap: speed-up of Linformer over standard attention, n × k, log colour scale; k ≥ n is not run.
const ks = [32, 64, 128, 256];
const speedup: HeatmapData = {
  rowLabels: ns.map(String),
  colLabels: ks.map(String),
  values: ns.map((n) =>
    ks.map((k) => (k >= n ? null : (standardCost(n) / (0.03 + 1.9e-6 * n * k)) * (1 + rng.normal() * 0.04))),
  ),
};
const speedupRows = () => speedup.values.flatMap((row, i) => row.map((v, j) => ({ n: ns[i], k: ks[j], speedup: v })));
createHeatmap(figureSlot('speedup-grid', speedupRows), {
  title: 'Speed-up of Linformer over standard attention (demo data)',
  rowTitle: 'sequence length n (tokens)',
  colTitle: 'projected length k',
  valueLabel: 'speed-up (×)',
  colourScale: 'log',
  palette: 'cividis',
  format: (v) => `${formatCompact(v, 2)}×`,
  caption: 'Hatched cells: k ≥ n, not measured.',
}).update(speedup);

// The screenshot script waits for this element: by now every figure has been drawn once.
const ready = document.createElement('span');
ready.dataset.testid = 'active-backend';
ready.textContent = 'demo';
document.getElementById('status')?.append(ready);

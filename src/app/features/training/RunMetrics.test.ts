import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { RunMetrics } from './RunMetrics';
import { makeRun } from './testRun';
import type { RunRecord } from './runRecord';

/** The text of the element with a data-testid in static markup (no DOM needed). */
function byTestId(html: string, id: string): string | null {
  const match = new RegExp(`data-testid="${id}"[^>]*>([^<]*)<`).exec(html);
  return match ? match[1].replaceAll('&#x27;', "'") : null;
}

const render = (run: RunRecord) => renderToStaticMarkup(createElement(RunMetrics, { run }));

describe('run metrics', () => {
  it('show the floor, the gradient norm and clipping, and the verdict of a run', () => {
    const html = render(makeRun());
    expect(byTestId(html, 'metric-floor')).toBe('18.4');
    expect(byTestId(html, 'metric-unigram-scored')).toBe('22.9');
    expect(byTestId(html, 'metric-grad-norm')).toBe('1.00');
    expect(byTestId(html, 'metric-clipped')).toBe('no');
    expect(byTestId(html, 'metric-clipped-share')).toBe('2 of 3 steps (67%)');
    // Latest validation perplexity exp(3.2) ≈ 24.5 is above the floor of 18.4.
    expect(byTestId(html, 'metric-context-verdict')).toMatch(
      /^Not below the context-blind floor \(24\.5 against 18\.4\): this run has not shown that it uses context\.$/,
    );
    expect(byTestId(html, 'floor-explanation')).toMatch(/only a validation perplexity below the floor shows/);
  });

  it('say a run below the floor uses context', () => {
    const run = makeRun({ validation: [{ step: 3, loss: Math.log(12), perplexity: 12 }] });
    expect(byTestId(render(run), 'metric-context-verdict')).toBe(
      'Below the context-blind floor (12.0 against 18.4): the model uses context.',
    );
  });

  it('still render a stored run from before the floor and clipping were recorded', () => {
    const base = makeRun();
    const { contextBlindPerplexity: _floor, ...info } = base.info!;
    const run = makeRun({ info, training: base.training.map(({ gradNorm: _g, clipped: _c, ...rest }) => rest) });
    const html = render(run);
    expect(byTestId(html, 'metric-floor')).toBe('—');
    expect(byTestId(html, 'metric-grad-norm')).toBe('—');
    expect(byTestId(html, 'metric-clipped-share')).toBe('—');
    expect(byTestId(html, 'metric-context-verdict')).toMatch(/^No context-blind floor was recorded/);
  });

  it('say which initialisation the projections started from', () => {
    const run = makeRun();
    const linformer = (projectionInit: 'xavier' | 'normal' | undefined) =>
      byTestId(render({ ...run, settings: { ...run.settings, attention: 'linformer', projection: 'linear', projectionInit: projectionInit as never } }), 'metric-projection-init');
    expect(linformer('xavier')).toBe('Xavier uniform ±√(6/(n + k))');
    expect(linformer('normal')).toBe('N(0, 1/k) (Theorem 2)');
    expect(linformer(undefined)).toBe('N(0, 1/k) (Theorem 2)');
    expect(byTestId(render({ ...run, settings: { ...run.settings, attention: 'standard' } }), 'metric-projection-init')).toBe('none (no projection matrices)');
  });
});

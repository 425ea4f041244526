/**
 * Runs → the training lab's figure data: one line per run (validation perplexity, or training loss), two dashed
 * reference lines — the unigram baseline of each corpus (whole validation text) and the context-blind floor of
 * the shown runs (on the positions validation scores; the line a run must get below to show it uses context) —
 * and the same numbers as CSV rows. Pure, so it is tested without a DOM.
 */
import type { LineSeries } from '../../shared/charts';
import type { CsvValue } from '../../shared/export/exportFigure';
import type { RunRecord } from './runRecord';

export type RunMetric = 'perplexity' | 'loss';

/** A run to draw, with the colour slot it keeps while the history changes. */
export interface ShownRun {
  run: RunRecord;
  slot: number;
  current: boolean;
}

const SLOTS = 8;

/**
 * The runs to overlay: the current run first, then the chosen history runs. Colour slots follow each run's
 * place in the whole history (oldest first), so a run keeps its colour when others are ticked or unticked.
 */
export function shownRuns(
  current: RunRecord | null,
  history: readonly RunRecord[],
  overlay: ReadonlySet<string>,
): ShownRun[] {
  const all = new Map<string, RunRecord>();
  for (const run of history) all.set(run.id, run);
  if (current) all.set(current.id, current);
  const order = [...all.values()].sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
  const slotOf = new Map(order.map((run, i) => [run.id, i % SLOTS]));
  const shown: ShownRun[] = [];
  if (current) shown.push({ run: current, slot: slotOf.get(current.id) ?? 0, current: true });
  for (const run of order) {
    if (run.id !== current?.id && overlay.has(run.id))
      shown.push({ run, slot: slotOf.get(run.id) ?? 0, current: false });
  }
  return shown;
}

function baselines(shown: readonly ShownRun[]): Map<string, number> {
  const byCorpus = new Map<string, number>();
  for (const { run } of shown) {
    const ppl = run.info?.unigramPerplexity;
    if (ppl !== undefined && Number.isFinite(ppl)) byCorpus.set(run.settings.corpus, ppl);
  }
  return byCorpus;
}

/**
 * The context-blind floor of each shown run, one line per corpus and value: the floor depends on the scored
 * positions (n, batch, seed), so runs can differ slightly; runs whose floors agree to the shown digits share a line.
 */
function floors(shown: readonly ShownRun[]): { corpus: string; ppl: number }[] {
  const lines = new Map<string, { corpus: string; ppl: number }>();
  for (const { run } of shown) {
    const ppl = run.info?.contextBlindPerplexity;
    if (ppl === undefined || !(ppl > 0) || !Number.isFinite(ppl)) continue;
    const key = `${run.settings.corpus} ${ppl.toPrecision(3)}`;
    if (!lines.has(key)) lines.set(key, { corpus: run.settings.corpus, ppl });
  }
  return [...lines.values()];
}

/** Reference value in the figure's units and as label text (perplexity, or its log in nats for the loss). */
function reference(ppl: number, metric: RunMetric): { y: number; text: string } {
  return metric === 'perplexity'
    ? { y: ppl, text: ppl.toFixed(1) }
    : { y: Math.log(ppl), text: `${Math.log(ppl).toFixed(2)} nats` };
}

/** Lines for one metric; the references span the longest planned run so the x axis stays still while streaming. */
export function figureSeries(shown: readonly ShownRun[], metric: RunMetric): LineSeries[] {
  const series: LineSeries[] = shown.map(({ run, slot, current }) => ({
    id: run.id,
    name: `${run.label}${current ? ' (current)' : ''}`,
    colour: `var(--series-${slot + 1})`,
    markers: metric === 'perplexity',
    points:
      metric === 'perplexity'
        ? run.validation.map((p) => ({ x: p.step, y: p.perplexity }))
        : run.training.map((p) => ({ x: p.step, y: p.loss })),
  }));
  const xMax = Math.max(1, ...shown.map(({ run }) => run.settings.steps));
  // The corpus is named only where runs on several corpora are shown, so labels stay short enough for the legend.
  const corpora = new Set(shown.map(({ run }) => run.settings.corpus));
  const on = (corpus: string) => (corpora.size > 1 ? `, ${corpus}` : '');
  const span = (y: number) => [
    { x: 0, y },
    { x: xMax, y },
  ];
  for (const [corpus, ppl] of baselines(shown)) {
    const { y, text } = reference(ppl, metric);
    series.push({
      id: `baseline-${corpus}`,
      name: `unigram baseline${on(corpus)}, whole validation text (${text})`,
      colour: 'var(--muted)',
      dashed: true,
      points: span(y),
    });
  }
  for (const { corpus, ppl } of floors(shown)) {
    const { y, text } = reference(ppl, metric);
    series.push({
      id: `floor-${corpus}-${ppl.toPrecision(3)}`,
      name: `context-blind floor${on(corpus)}, scored positions (${text})`,
      colour: 'var(--fg)',
      dashed: true,
      points: span(y),
    });
  }
  return series;
}

/** The figure's numbers, one row per measured point, with the run's identity and its reference lines. */
export function figureCsvRows(shown: readonly ShownRun[], metric: RunMetric): Record<string, CsvValue>[] {
  const rows: Record<string, CsvValue>[] = [];
  for (const { run } of shown) {
    const base = {
      run_id: run.id,
      run: run.label,
      corpus: run.settings.corpus,
      unigram_baseline_perplexity: run.info?.unigramPerplexity ?? null,
      scored_unigram_perplexity: run.info?.scoredUnigramPerplexity ?? null,
      context_blind_floor_perplexity: run.info?.contextBlindPerplexity ?? null,
    };
    if (metric === 'perplexity') {
      for (const p of run.validation)
        rows.push({ ...base, step: p.step, validation_loss_nats: p.loss, validation_perplexity: p.perplexity });
    } else {
      for (const p of run.training)
        rows.push({
          ...base,
          step: p.step,
          training_loss_nats: p.loss,
          learning_rate: p.learningRate,
          ms_per_step: p.msPerStep,
          tokens_per_second: p.tokensPerSecond,
          grad_norm: p.gradNorm ?? null,
          clipped: p.clipped === undefined ? null : p.clipped ? 1 : 0,
        });
    }
  }
  return rows;
}

/**
 * Runs → the training lab's figure data: one line per run (validation perplexity, or training loss), a dashed
 * unigram-baseline line per corpus, and the same numbers as CSV rows. Pure, so it is tested without a DOM.
 */
import type { CsvValue, LineSeries } from '../charts';
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

/** Lines for one metric; the baseline spans the longest planned run so the x axis stays still while streaming. */
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
  for (const [corpus, ppl] of baselines(shown)) {
    const y = metric === 'perplexity' ? ppl : Math.log(ppl);
    series.push({
      id: `baseline-${corpus}`,
      name: `unigram baseline, ${corpus} (${metric === 'perplexity' ? y.toFixed(1) : `${y.toFixed(2)} nats`})`,
      colour: 'var(--muted)',
      dashed: true,
      points: [
        { x: 0, y },
        { x: xMax, y },
      ],
    });
  }
  return series;
}

/** The figure's numbers, one row per measured point, with the run's identity and the baseline of its corpus. */
export function figureCsvRows(shown: readonly ShownRun[], metric: RunMetric): Record<string, CsvValue>[] {
  const rows: Record<string, CsvValue>[] = [];
  for (const { run } of shown) {
    const base = {
      run_id: run.id,
      run: run.label,
      corpus: run.settings.corpus,
      unigram_baseline_perplexity: run.info?.unigramPerplexity ?? null,
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
        });
    }
  }
  return rows;
}

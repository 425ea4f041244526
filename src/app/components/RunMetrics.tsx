import type { RunRecord } from '../runs/runRecord';

const fmt = (value: number | undefined, digits = 3) =>
  value === undefined || !Number.isFinite(value) ? '—' : value.toPrecision(digits);

/** The latest measured numbers of a run, beside the baseline it must beat. */
export function RunMetrics({ run }: { run: RunRecord }) {
  const last = run.training.at(-1);
  const validation = run.validation.at(-1);
  const baseline = run.info?.unigramPerplexity;
  return (
    <dl className="metrics" data-testid="run-metrics">
      <div>
        <dt>Training loss (nats)</dt>
        <dd data-testid="metric-loss">{fmt(last?.loss)}</dd>
      </div>
      <div>
        <dt>Validation perplexity</dt>
        <dd data-testid="metric-val-ppl">{fmt(validation?.perplexity)}</dd>
      </div>
      <div>
        <dt>First validation perplexity</dt>
        <dd data-testid="metric-first-val-ppl">{fmt(run.validation[0]?.perplexity)}</dd>
      </div>
      <div>
        <dt>Unigram baseline perplexity</dt>
        <dd data-testid="metric-unigram">{fmt(baseline)}</dd>
      </div>
      <div>
        <dt>Unigram baseline on the scored validation positions</dt>
        <dd data-testid="metric-unigram-scored">{fmt(run.info?.scoredUnigramPerplexity)}</dd>
      </div>
      <div>
        <dt>ms / step</dt>
        <dd>{last ? Math.round(last.msPerStep).toLocaleString() : '—'}</dd>
      </div>
      <div>
        <dt>Tokens / s</dt>
        <dd>{last ? Math.round(last.tokensPerSecond).toLocaleString() : '—'}</dd>
      </div>
      <div>
        <dt>GPU memory (live)</dt>
        <dd>{last?.numBytesInGPU !== undefined ? `${(last.numBytesInGPU / 2 ** 20).toFixed(1)} MiB` : '—'}</dd>
      </div>
      <div>
        <dt>Tensors</dt>
        <dd>{last?.numTensors ?? '—'}</dd>
      </div>
      <div>
        <dt>Vocabulary (uniform perplexity)</dt>
        <dd data-testid="metric-vocab">{run.info?.vocabSize ?? '—'}</dd>
      </div>
      <div>
        <dt>Parameters</dt>
        <dd>{run.info ? run.info.parameters.trainable.toLocaleString() : '—'}</dd>
      </div>
    </dl>
  );
}

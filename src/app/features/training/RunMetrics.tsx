import type { RunRecord } from './runRecord';
import { MISSING_TEXT, formatBytes } from '../../shared/format/format';
import { clippedShareText, clippingSummary, contextVerdict } from './runVerdict';

const fmt = (value: number | undefined, digits = 3) =>
  value === undefined || !Number.isFinite(value) ? MISSING_TEXT : value.toPrecision(digits);

/** Which initialisation the run's E and F started from; only learned and random projections have one. */
export function projectionInitText(run: Pick<RunRecord, 'settings'>): string {
  const { attention, projection, projectionInit } = run.settings;
  if (attention !== 'linformer' || (projection !== 'linear' && projection !== 'random'))
    return 'none (no projection matrices)';
  return (projectionInit ?? 'normal') === 'xavier' ? 'Xavier uniform ±√(6/(n + k))' : 'N(0, 1/k) (Theorem 2)';
}

/**
 * The latest measured numbers of a run, beside its reference lines: the unigram baselines and the context-blind
 * floor it must get below to show that it uses context, with a plain verdict on that.
 */
export function RunMetrics({ run }: { run: RunRecord }) {
  const last = run.training.at(-1);
  const validation = run.validation.at(-1);
  const baseline = run.info?.unigramPerplexity;
  const floor = run.info?.contextBlindPerplexity;
  const clipping = clippingSummary(run.training);
  const verdict = run.info
    ? contextVerdict({ perplexity: validation?.perplexity, floor, unigram: run.info.scoredUnigramPerplexity })
    : null;
  return (
    <>
      <dl className="metrics" data-testid="run-metrics">
        <div>
          <dt>Training loss (nats)</dt>
          {/* data-step: which report the read-out shows, so a test can tell a new one from an equal loss. */}
          <dd data-testid="metric-loss" data-step={last?.step}>
            {fmt(last?.loss)}
          </dd>
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
          <dt>Unigram baseline, whole validation text</dt>
          <dd data-testid="metric-unigram">{fmt(baseline)}</dd>
        </div>
        <div>
          <dt>Unigram baseline, scored validation positions</dt>
          <dd data-testid="metric-unigram-scored">{fmt(run.info?.scoredUnigramPerplexity)}</dd>
        </div>
        <div>
          <dt>Context-blind floor, scored validation positions</dt>
          <dd data-testid="metric-floor">{fmt(floor)}</dd>
        </div>
        <div>
          <dt>Gradient norm (latest, before clipping)</dt>
          <dd data-testid="metric-grad-norm">{fmt(clipping.latestGradNorm)}</dd>
        </div>
        <div>
          <dt>Clipped (latest step)</dt>
          <dd data-testid="metric-clipped">
            {clipping.latestClipped === undefined ? MISSING_TEXT : clipping.latestClipped ? 'yes' : 'no'}
          </dd>
        </div>
        <div>
          <dt>Steps clipped so far</dt>
          <dd data-testid="metric-clipped-share">{clippedShareText(clipping)}</dd>
        </div>
        <div>
          <dt>ms / step</dt>
          <dd>{last ? Math.round(last.msPerStep).toLocaleString() : MISSING_TEXT}</dd>
        </div>
        <div>
          <dt>Tokens / s</dt>
          <dd>{last ? Math.round(last.tokensPerSecond).toLocaleString() : MISSING_TEXT}</dd>
        </div>
        <div>
          <dt>GPU memory (live)</dt>
          <dd>{last?.numBytesInGPU !== undefined ? formatBytes(last.numBytesInGPU) : MISSING_TEXT}</dd>
        </div>
        <div>
          <dt>Tensors</dt>
          <dd>{last?.numTensors ?? MISSING_TEXT}</dd>
        </div>
        <div>
          <dt>Vocabulary (uniform perplexity)</dt>
          <dd data-testid="metric-vocab">{run.info?.vocabSize ?? MISSING_TEXT}</dd>
        </div>
        <div>
          <dt>Parameters</dt>
          <dd>{run.info ? run.info.parameters.trainable.toLocaleString() : MISSING_TEXT}</dd>
        </div>
        <div>
          <dt>Projection init</dt>
          <dd data-testid="metric-projection-init">{projectionInitText(run)}</dd>
        </div>
      </dl>
      {verdict && (
        <p className={`context-verdict verdict-${verdict.kind}`} data-testid="metric-context-verdict">
          {verdict.text}
        </p>
      )}
      {run.info && (
        <p className="muted metrics-note" data-testid="floor-explanation">
          The two unigram baselines are one predictor (each token from its frequency in the training text) scored on two
          sets of tokens: the whole validation text, and only the positions validation masks and scores, a sample that
          differs from the whole by chance, so the run&apos;s perplexity compares with the second. The context-blind
          floor is the best perplexity any predictor can reach on those scored positions from the character at the
          position itself; because the masking leaves the true character in place at 10% of them, a model can beat
          unigram without reading its neighbours, so only a validation perplexity below the floor shows that it uses
          context.
        </p>
      )}
    </>
  );
}

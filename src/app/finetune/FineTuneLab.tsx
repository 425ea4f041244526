import { useId, useState } from 'react';
import { CLASSIFICATION_DATASETS, POOLINGS, type ClassificationDatasetId, type Pooling } from '../../lib/finetune';
import { downloadCsv } from '../charts';
import { describeError } from '../fatalError';
import { useBackendStore } from '../stores/backendStore';
import { useExperimentStore } from '../stores/experimentStore';
import { FINETUNE_LIMITS, type FineTuneStart } from '../../worker/finetuneTypes';
import { NumberField } from './NumberField';
import { PaperTable2 } from './PaperTable2';
import { ResultsTable } from './ResultsTable';
import { resultsCsvRows, toPercent } from './finetuneResults';
import { useFineTuneStore } from './finetuneStore';
import './finetune.css';

const STARTS: { value: FineTuneStart; text: string }[] = [
  { value: 'trained', text: 'trained model (last run)' },
  { value: 'fresh', text: 'no pretraining (fresh weights)' },
];

const POOLING_TEXT: Record<Pooling, string> = {
  mean: 'mean over real tokens',
  first: 'first token (summary slot)',
};

type NumberChoice = 'steps' | 'learningRate' | 'batchSize';

/**
 * The paper's Table 2 at browser scale: fine-tune the trained encoder (or fresh weights, the no-pretraining
 * baseline) on labelled sentences and compare dev accuracy across attention kinds, k and sharing.
 */
export function FineTuneLab() {
  const settings = useExperimentStore((s) => s.settings);
  const backendReady = useBackendStore((s) => s.phase === 'ready');
  const { choices, phase, progress, error, results } = useFineTuneStore();
  const { choose, start, stop, remove, clear } = useFineTuneStore();
  const [invalid, setInvalid] = useState<Record<NumberChoice, boolean>>({
    steps: false,
    learningRate: false,
    batchSize: false,
  });
  const [exportError, setExportError] = useState<string | null>(null);
  const ids = { dataset: useId(), start: useId(), pooling: useId() };
  const running = phase === 'running';
  const anyInvalid = Object.values(invalid).some(Boolean);
  const validity = (key: NumberChoice) => (valid: boolean) => setInvalid((current) => ({ ...current, [key]: !valid }));
  const latest = results[0]?.result;

  let status: string;
  if (running)
    status = progress
      ? progress.message + (progress.loss === undefined ? '' : ` · loss ${progress.loss.toFixed(3)}`)
      : 'Starting…';
  else if (phase === 'failed') status = `Failed: ${error}`;
  else if (phase === 'done' && latest) status = `Done: ${latest.steps} steps in ${latest.seconds.toFixed(0)} s.`;
  else status = 'Not run yet.';

  const progressValue =
    phase === 'done' ? 1 : running && progress ? progress.step / Math.max(progress.totalSteps, 1) : 0;

  return (
    <section className="lab finetune-lab" aria-labelledby="finetune-lab-title">
      <h2 id="finetune-lab-title">Fine-tuning: sentence classification</h2>
      <fieldset className="controls finetune-controls">
        <legend>Fine-tune</legend>
        <div className="field">
          <label htmlFor={ids.dataset}>Sentences</label>
          <select
            id={ids.dataset}
            value={choices.dataset}
            disabled={running}
            onChange={(e) => choose('dataset', e.target.value as ClassificationDatasetId)}
          >
            {CLASSIFICATION_DATASETS.map((dataset) => (
              <option key={dataset.id} value={dataset.id}>
                {dataset.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.start}>Start from</label>
          <select
            id={ids.start}
            value={choices.start}
            disabled={running}
            onChange={(e) => choose('start', e.target.value as FineTuneStart)}
          >
            {STARTS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.text}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.pooling}>Pooling</label>
          <select
            id={ids.pooling}
            value={choices.pooling}
            disabled={running}
            onChange={(e) => choose('pooling', e.target.value as Pooling)}
          >
            {POOLINGS.map((pooling) => (
              <option key={pooling} value={pooling}>
                {POOLING_TEXT[pooling]}
              </option>
            ))}
          </select>
        </div>
        <NumberField
          label="Fine-tune steps"
          value={choices.steps}
          min={FINETUNE_LIMITS.steps.min}
          max={FINETUNE_LIMITS.steps.max}
          integer
          disabled={running}
          onValid={(value) => choose('steps', value)}
          onValidity={validity('steps')}
        />
        <NumberField
          label="Learning rate"
          value={choices.learningRate}
          min={0.00001}
          max={0.1}
          integer={false}
          disabled={running}
          onValid={(value) => choose('learningRate', value)}
          onValidity={validity('learningRate')}
        />
        <NumberField
          label="Batch size"
          value={choices.batchSize}
          min={FINETUNE_LIMITS.batchSize.min}
          max={64}
          integer
          disabled={running}
          onValid={(value) => choose('batchSize', value)}
          onValidity={validity('batchSize')}
        />
      </fieldset>
      <p className="muted">
        {choices.start === 'trained'
          ? 'A copy of the last training run’s model (its attention kind, k, sharing and corpus vocabulary); the run itself is left as it was. '
          : `A fresh ${settings.attention === 'linformer' ? `Linformer (k = ${settings.k}, sharing ${settings.sharing})` : 'standard'} model with the model settings above (n = ${settings.seqLen}, ${settings.layers} layers × ${settings.heads} heads, d = ${settings.dModel}) reading with the ${settings.corpus} vocabulary. `}
        Each sentence is read as a summary slot plus its first n − 1 characters (characters the corpus lacks read as
        unknown); a dense layer on the pooled final states gives the two classes. The dev split is a fixed, seeded,
        class-balanced fifth of the set.
      </p>
      <div className="run-buttons">
        <button type="button" disabled={!backendReady || running || anyInvalid} onClick={() => void start(settings)}>
          Start fine-tune
        </button>
        <button type="button" disabled={!running} onClick={stop}>
          Stop
        </button>
        <progress className="finetune-progress" max={1} value={progressValue} aria-label="Fine-tune progress" />
        <span
          data-testid="finetune-status"
          role={phase === 'failed' ? 'alert' : 'status'}
          className={phase === 'failed' ? 'status-error' : 'muted'}
        >
          {status}
        </span>
      </div>
      {latest && (
        <p className="finetune-latest">
          Last result: dev accuracy <strong data-testid="finetune-accuracy">{toPercent(latest.devAccuracy)}</strong>{' '}
          against <span data-testid="finetune-majority">{toPercent(latest.majorityAccuracy)}</span> for the majority
          class on {latest.devExamples} dev sentences ({toPercent(latest.devTruncated)} cut to n − 1 characters,{' '}
          {toPercent(latest.unknownCharacters)} of characters unknown to the vocabulary).
        </p>
      )}
      <div className="finetune-tables">
        <ResultsTable results={results} onRemove={remove} />
        <div className="run-buttons">
          <button
            type="button"
            disabled={results.length === 0}
            aria-label="Download the fine-tune results as CSV"
            onClick={() => {
              setExportError(null);
              try {
                downloadCsv(resultsCsvRows(results), 'linformer-finetune-results');
              } catch (e) {
                setExportError(describeError(e));
              }
            }}
          >
            CSV
          </button>
          <button type="button" disabled={results.length === 0 || running} onClick={clear}>
            Clear results
          </button>
          {exportError && (
            <span role="alert" className="status-error">
              {exportError}
            </span>
          )}
        </div>
        <PaperTable2 />
      </div>
    </section>
  );
}

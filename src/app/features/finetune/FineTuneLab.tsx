import { useMemo, useState } from 'react';
import { SettingsNotice } from '../../shell/SettingsNotice';
import { useBackendStore } from '../../shell/backendStore';
import { useExperimentStore } from '../../settings/experimentStore';
import { formatCount, formatDuration } from '../../shared/format/format';
import { FineTuneControls } from './FineTuneControls';
import { PaperTable2 } from './PaperTable2';
import { ResultsActions } from './ResultsActions';
import { ResultsTable } from './ResultsTable';
import { toPercent } from './finetuneResults';
import { fineTuneRequest, useFineTuneStore } from './finetuneStore';
import { FineTuneCurves } from './FineTuneCurves';
import { EstimateButton, EstimateStatus } from '../../shared/estimate/EstimateControl';
import { FINETUNE_ESTIMATE_BUSY, FINETUNE_ESTIMATE_HELP, useFineTuneEstimate } from './useFineTuneEstimate';
import { useTrainedModels } from './useTrainedModels';
import './finetune.css';

/**
 * The paper's Table 2 at browser scale: fine-tune the trained encoder (or fresh weights, the no-pretraining
 * baseline) on labelled sentences and compare dev accuracy across attention kinds, k and sharing.
 */
export function FineTuneLab() {
  const settings = useExperimentStore((s) => s.settings);
  const backendReady = useBackendStore((s) => s.phase === 'ready');
  const { choices, notices, phase, progress, error, results, history } = useFineTuneStore();
  const { choose, start, stop, remove, applyLink, dismissNotices } = useFineTuneStore();
  const { trainedModels, trainedRunId, chooseTrainedRun } = useFineTuneStore();
  const [anyInvalid, setAnyInvalid] = useState(false);
  useTrainedModels();
  const request = useMemo(() => fineTuneRequest(choices, settings, trainedRunId), [choices, settings, trainedRunId]);
  // The model the estimate is for: the chosen one, or the latest on offer (so a newer run drops the estimate).
  const startModel = trainedModels.find((model) => model.id === trainedRunId) ?? trainedModels[0] ?? null;
  const estimate = useFineTuneEstimate(request, startModel ? `${startModel.id}@${startModel.steps}` : null);
  const running = phase === 'running';
  const latest = phase === 'done' ? results[0]?.result : undefined;

  let status: string;
  if (running)
    status = progress
      ? progress.message + (progress.loss === undefined ? '' : ` · loss ${progress.loss.toFixed(3)}`)
      : 'Starting…';
  else if (phase === 'failed') status = `Failed: ${error}`;
  else if (latest?.stoppedEarly)
    status = `Stopped after ${formatCount(latest.steps, 'step')}; the dev split was scored as it stood.`;
  else if (latest) status = `Done: ${formatCount(latest.steps, 'step')} in ${formatDuration(latest.seconds)}.`;
  else status = 'Not run yet.';

  const progressValue =
    phase === 'done' ? 1 : running && progress ? progress.step / Math.max(progress.totalSteps, 1) : 0;

  return (
    <section className="lab finetune-lab" aria-labelledby="finetune-lab-title">
      <h2 id="finetune-lab-title">Fine-tuning: sentence classification</h2>
      <SettingsNotice
        notices={notices}
        onDismiss={dismissNotices}
        what="fine-tune settings"
        testId="finetune-settings-notice"
      />
      <FineTuneControls
        choices={choices}
        disabled={running}
        onChoose={choose}
        onInvalid={setAnyInvalid}
        trainedModels={trainedModels}
        trainedRunId={trainedRunId}
        onChooseTrainedRun={chooseTrainedRun}
      />
      <p className="muted">
        {choices.start === 'trained'
          ? 'A copy of the chosen training run’s model (its attention kind, k, sharing and corpus vocabulary); the run itself is left as it was. '
          : `A fresh ${settings.attention === 'linformer' ? `Linformer (k = ${settings.k}, sharing ${settings.sharing})` : 'standard'} model with the model settings above (n = ${settings.seqLen}, ${settings.layers} layer${settings.layers === 1 ? '' : 's'} × ${settings.heads} head${settings.heads === 1 ? '' : 's'}, d = ${settings.dModel}) reading with the ${settings.corpus} vocabulary. `}
        Each sentence is read as a summary slot plus its first n − 1 characters (characters the corpus lacks read as
        unknown); a dense layer on the pooled final states gives the two classes. The dev split is a fixed, seeded,
        class-balanced fifth of the set; the fine-tune uses the experiment’s seed.
      </p>
      <div className="run-buttons">
        <button
          type="button"
          // Not while the estimate times steps: the worker runs one fine-tune job at a time.
          disabled={!backendReady || running || anyInvalid || estimate.busy}
          onClick={() => void start(settings)}
        >
          Start fine-tune
        </button>
        <EstimateButton
          state={estimate}
          help={FINETUNE_ESTIMATE_HELP}
          disabled={!backendReady || running || anyInvalid}
          disabledReason={running ? 'A fine-tune is running.' : undefined}
        />
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
      <EstimateStatus state={estimate} busyText={FINETUNE_ESTIMATE_BUSY} testId="finetune-estimate" />
      <FineTuneCurves />
      {latest && (
        <p className="finetune-latest">
          Last result: dev accuracy <strong data-testid="finetune-accuracy">{toPercent(latest.devAccuracy)}</strong>{' '}
          against <span data-testid="finetune-majority">{toPercent(latest.majorityAccuracy)}</span> for the majority
          class on {latest.devExamples} dev sentences ({toPercent(latest.devTruncated)} cut to n − 1 characters,{' '}
          {toPercent(latest.unknownCharacters)} of characters unknown to the vocabulary).
        </p>
      )}
      <div className="finetune-tables">
        {history === 'loading' && <p className="muted">Loading saved results…</p>}
        <ResultsTable results={results} onRemove={(id) => void remove(id)} onOpen={running ? undefined : applyLink} />
        <ResultsActions running={running} />
        <PaperTable2 />
      </div>
    </section>
  );
}

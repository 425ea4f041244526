import { useEffect } from 'react';
import { startRunPersistence } from './persistRuns';
import { useExperimentStore } from '../../settings/experimentStore';
import { ACTIVE_STATUSES, useRunStore } from './runStore';
import { useBackendStore } from '../../shell/backendStore';
import { ExperimentControls } from './ExperimentControls';
import { RunMetrics } from './RunMetrics';
import { RunProgress } from './RunProgress';
import { CopyLinkButton } from '../../settings/CopyLinkButton';
import { Presets } from './Presets';
import { startPresetQueueDriver, usePresetQueueStore } from './presetQueueStore';
import { RunChart } from './RunChart';
import { RunHistory } from './RunHistory';
import { RUN_ESTIMATE_BUSY, RUN_ESTIMATE_HELP, useRunEstimate } from './useRunEstimate';
import { EstimateButton, EstimateStatus } from '../../shared/estimate/EstimateControl';

const MODEL_FIELDS = [
  'attention',
  'seqLen',
  'k',
  'kPerLayer',
  'sharing',
  'projection',
  'projectionInit',
  'layers',
  'heads',
  'dModel',
  'dFF',
] as const;
const TRAINING_FIELDS = [
  'corpus',
  'tokenizer',
  'learningRate',
  'batchSize',
  'steps',
  'warmupSteps',
  'evalInterval',
  'dropout',
  'seed',
] as const;

/**
 * Masked-LM training of the configured model: presets, controls, run buttons, live numbers, the perplexity and
 * loss figures (current run plus overlaid history runs) and the saved run history.
 */
export function TrainingLab() {
  const settings = useExperimentStore((s) => s.settings);
  const pushHistory = useExperimentStore((s) => s.pushHistory);
  const { current: run, error, start, pause, resume, step, stop } = useRunStore();
  const backendReady = useBackendStore((s) => s.phase === 'ready');
  const status = run?.status;
  const busy = status !== undefined && ACTIVE_STATUSES.has(status);
  const queueActive = usePresetQueueStore((s) => s.queue !== null);
  const estimate = useRunEstimate();
  useEffect(() => {
    startRunPersistence();
    startPresetQueueDriver();
  }, []);

  return (
    <section className="lab" aria-labelledby="training-lab-title">
      <h2 id="training-lab-title">Training lab: masked-language modelling</h2>
      <Presets disabled={busy} />
      <div className="controls-row">
        <ExperimentControls legend="Model" names={MODEL_FIELDS} disabled={busy} />
        <ExperimentControls legend="Training" names={TRAINING_FIELDS} disabled={busy} />
      </div>
      <div className="run-buttons">
        <button
          type="button"
          disabled={!backendReady || busy || queueActive || estimate.busy}
          title={queueActive ? 'A preset queue is running: stop it to start runs by hand.' : undefined}
          onClick={() => {
            pushHistory();
            void start(settings);
          }}
        >
          Start run
        </button>
        <EstimateButton
          state={estimate}
          help={RUN_ESTIMATE_HELP}
          disabled={!backendReady || status === 'running' || status === 'preparing' || queueActive}
          disabledReason={
            backendReady
              ? 'Pause the run (or wait for the preset queue) to time steps: both would share the device.'
              : 'The compute backend is still starting.'
          }
        />
        <button type="button" disabled={status !== 'running'} onClick={pause}>
          Pause
        </button>
        <button type="button" disabled={status !== 'paused'} onClick={resume}>
          Resume
        </button>
        <button type="button" disabled={status !== 'paused'} onClick={() => void step()}>
          Step once
        </button>
        <button type="button" disabled={!busy} onClick={() => void stop()}>
          Stop
        </button>
        <CopyLinkButton />
        {run && (
          <span className={`run-status status-${run.status}`} data-testid="run-status">
            {run.status}
          </span>
        )}
      </div>
      <EstimateStatus state={estimate} busyText={RUN_ESTIMATE_BUSY} testId="run-estimate" />
      {(error || (run?.status === 'failed' && run.message)) && (
        <p role="alert" className="status-error" data-testid="run-error">
          {run?.message ?? error}
        </p>
      )}
      {run?.status === 'preparing' && run.message && <p className="muted">{run.message}</p>}
      {run && (
        <>
          <p className="muted">
            Run: {run.label} · {run.backend}
            {run.adapter ? ` (${run.adapter})` : ''}
          </p>
          <RunProgress run={run} />
          <RunMetrics run={run} />
        </>
      )}
      <div className="figure-grid">
        <RunChart metric="perplexity" testId="ppl-chart" />
        <RunChart metric="loss" testId="loss-chart" />
      </div>
      <RunHistory />
    </section>
  );
}

import type { RunRecord } from './runRecord';
import { formatDuration } from '../../shared/format/format';
import { recentMsPerStep, runSecondsLeft } from './presetEstimate';

/** Step x of N, a progress bar, time left (recent step times, validation passes to come), and throughput. */
export function RunProgress({ run }: { run: RunRecord }) {
  const total = run.settings.steps;
  const last = run.training.at(-1);
  const done = last?.step ?? 0;
  // The median of the latest steps (the first ones compile kernels), and the validation passes still to come.
  const msPerStep = recentMsPerStep(run.training);
  const timeLeft = Number.isFinite(msPerStep) ? runSecondsLeft(run.settings, done, msPerStep) : NaN;
  return (
    <div className="run-progress" data-testid="run-progress">
      <progress max={total} value={done} aria-label="Training progress" />
      <span>
        Step <strong data-testid="run-step">{done}</strong> of {total}
        {run.status === 'running' && Number.isFinite(timeLeft) ? ` · about ${formatDuration(timeLeft)} left` : ''}
        {last ? ` · ${Math.round(last.tokensPerSecond).toLocaleString()} tokens/s` : ''}
      </span>
    </div>
  );
}

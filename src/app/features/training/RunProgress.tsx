import type { RunRecord } from './runRecord';
import { formatDuration } from '../../shared/format/format';

/** Step x of N, a progress bar, time left from recent step times, and throughput. */
export function RunProgress({ run }: { run: RunRecord }) {
  const total = run.settings.steps;
  const last = run.training.at(-1);
  const done = last?.step ?? 0;
  const recent = run.training.slice(-20);
  const msPerStep = recent.length ? recent.reduce((sum, p) => sum + p.msPerStep, 0) / recent.length : NaN;
  const timeLeft = Number.isFinite(msPerStep) ? ((total - done) * msPerStep) / 1000 : NaN;
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

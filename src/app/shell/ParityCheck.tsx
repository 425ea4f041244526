import { useId } from 'react';
import type { BackendName } from '../../lib/backend/backendReport';
import { PARITY_STEPS } from '../../lib/train/parityPlan';
import { useParityStore } from './parityStore';
import { ATTENTION_LABELS, clippedText, formatGap, paritySummary, progressText } from './parityFormat';
import { formatDuration } from '../shared/format/format';
import { TableScroll } from '../shared/table/TableScroll';

/**
 * "Check this backend": trains the tiny parity model on the active backend and on the cpu backend, in a worker
 * of its own, and shows per attention kind the largest relative gaps and whether they are within tolerance.
 * The status bar is a polite live region; this part is quiet (aria-live off) but for one status line (start,
 * verdict) and the alert of a failed check, so progress is not read out step by step.
 */
export function ParityCheck({ backend }: { backend: BackendName }) {
  const { phase, progress, message, result, error, run, stop } = useParityStore();
  const helpId = useId();
  const running = phase === 'running';
  // One persistent status region, so screen readers hear the start and the verdict but not every step.
  const announcement =
    phase === 'running'
      ? `Checking the ${backend} backend against cpu.`
      : phase === 'done' && result
        ? paritySummary(result)
        : phase === 'stopped'
          ? 'The check was stopped.'
          : '';
  return (
    <div className="parity-check" data-testid="parity-check" aria-live="off">
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      <div className="parity-controls">
        <button
          type="button"
          onClick={() => void run(backend)}
          disabled={running}
          aria-describedby={helpId}
          data-testid="parity-run"
        >
          Check this backend
        </button>
        {running && (
          <button type="button" onClick={stop} data-testid="parity-stop">
            Stop
          </button>
        )}
        <span id={helpId} className="status-detail">
          Trains a tiny seeded model for {PARITY_STEPS} steps on {backend} and on cpu, in a separate worker, and
          compares losses and gradient norms.
        </span>
      </div>
      {running && (
        <div className="parity-progress" data-testid="parity-progress">
          <progress max={progress?.total ?? 1} value={progress?.done ?? 0} aria-label="Backend check progress" />
          <span>{progress ? progressText(progress) : `${message ?? 'Starting the check'}…`}</span>
        </div>
      )}
      {phase === 'stopped' && <p className="status-detail parity-line">The check was stopped.</p>}
      {phase === 'failed' && error && (
        <p role="alert" className="status-error parity-line" data-testid="parity-error">
          The backend check could not run: {error}. Nothing else in the app is affected; press the button to try again.
        </p>
      )}
      {phase === 'done' && result && (
        <div className="parity-result" data-testid="parity-result" data-pass={String(result.pass)}>
          <p className={`parity-line ${result.pass ? 'good-text' : 'status-error'}`} data-testid="parity-summary">
            {paritySummary(result)}
          </p>
          <p className="status-detail parity-line">
            Each gap is the largest relative difference from the {result.reference} backend&apos;s value over the{' '}
            {result.steps} training steps. The check took {formatDuration(result.seconds)}.
          </p>
          <TableScroll label="Backend check, per attention kind">
            <table className="data-table parity-table">
              <caption className="visually-hidden">
                Largest relative gap between {result.backend} and {result.reference}, per attention kind
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="text">
                    Attention
                  </th>
                  <th scope="col">Loss gap</th>
                  <th scope="col">Norm gap</th>
                  <th scope="col">Clipped</th>
                  <th scope="col" className="text">
                    Result
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((row) => (
                  <tr
                    key={row.attention}
                    data-testid={`parity-row-${row.attention}`}
                    data-loss-gap={row.maxLossGap}
                    data-norm-gap={row.maxNormGap}
                    data-clipped={row.clippedSteps}
                    data-reference-clipped={row.referenceClippedSteps}
                    data-pass={String(row.pass)}
                  >
                    <th scope="row" className="text">
                      {ATTENTION_LABELS[row.attention]}
                    </th>
                    <td>{formatGap(row.maxLossGap)}</td>
                    <td>{formatGap(row.maxNormGap)}</td>
                    <td>{clippedText(row, result.reference)}</td>
                    <td className={`text ${row.pass ? 'good-text' : 'status-error'}`}>{row.pass ? 'Pass' : 'Fail'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {result.backendErrors.length > 0 && (
            <ul className="status-error parity-line" data-testid="parity-backend-errors">
              {result.backendErrors.map((text, i) => (
                <li key={i}>{text}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

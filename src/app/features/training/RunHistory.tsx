import { useId, useState } from 'react';
import { ActionMessage } from '../../shared/forms/ActionMessage';
import { JsonFileInput } from '../../shared/forms/JsonFileInput';
import { PAGE_SIZE, Pager, usePage } from '../../shared/forms/Pager';
import { downloadBlob, sanitizeFileName } from '../../shared/export/exportFigure';
import { describeError } from '../../shared/format/describeError';
import { readOffThread } from '../../shared/storage/offThreadRead';
import { formatCount } from '../../shared/format/format';
import { MAX_RUN_FILE_BYTES, readRunFile, runFileName, toRunFile } from './runFile';
import type { RunRecord } from './runRecord';
import { useExperimentStore } from '../../settings/experimentStore';
import { useHistoryStore } from './historyStore';
import { ACTIVE_STATUSES, useRunStore } from './runStore';
import { TorchExportButton } from './TorchExportButton';

function exportRun(run: RunRecord): void {
  const json = JSON.stringify(toRunFile(run), null, 1);
  downloadBlob(new Blob([json], { type: 'application/json' }), sanitizeFileName(runFileName(run), 'json'));
}

async function importFile(file: File): Promise<void> {
  const history = useHistoryStore.getState();
  if (file.size > MAX_RUN_FILE_BYTES) {
    history.say('error', `"${file.name.slice(0, 80)}" is too large to be a run file.`);
    return;
  }
  history.say('info', `Reading "${file.name.slice(0, 80)}"…`);
  let result: ReturnType<typeof readRunFile>;
  try {
    result = await readOffThread(file, spawnReader, readRunFile);
  } catch (error) {
    history.say('error', `Could not read "${file.name.slice(0, 80)}": ${describeError(error)}`);
    return;
  }
  if (result.ok) await history.importRun(result.run);
  else history.say('error', `Could not import "${file.name.slice(0, 80)}": ${result.error}`);
}

/** A worker that parses and checks one run file off the page's thread (the URL is Vite's worker syntax). */
const spawnReader = () =>
  new Worker(new URL('./runFile.worker.ts', import.meta.url), { type: 'module', name: 'linformer-lab-run-file' });

function summary(run: RunRecord): string {
  const last = run.validation.at(-1);
  const steps = run.training.at(-1)?.step ?? 0;
  const when = new Date(run.startedAt);
  const parts = [
    run.status,
    `${steps} of ${formatCount(run.settings.steps, 'step')}`,
    last ? `val. ppl ${last.perplexity.toPrecision(3)}` : 'no validation yet',
    run.backend,
    Number.isNaN(when.getTime()) ? '' : when.toLocaleString(),
  ];
  return parts.filter(Boolean).join(' · ');
}

/** Saved runs: tick to overlay on the figures, restore a run's settings, export, delete, import. */
export function RunHistory() {
  const { runs, overlay, overlayChosen, phase, message, setOverlay, remove } = useHistoryStore();
  // Only the current run's identity and status: the list does not redraw on every training step.
  const currentId = useRunStore((s) => s.current?.id);
  const currentStatus = useRunStore((s) => s.current?.status);
  const replaceAll = useExperimentStore((s) => s.replaceAll);
  const overlayId = useId();
  const shown = new Set(overlay);
  const currentActive = currentStatus !== undefined && ACTIVE_STATUSES.has(currentStatus);
  // A page at a time: hundreds of imported runs render as fast as fifty.
  const page = usePage(runs);
  // A run started (or restored) while another page is shown: turn to the page that holds it, once, so the run
  // being trained is never out of sight. Set during render (React's pattern for following a changed value).
  const [followedId, setFollowedId] = useState<string | undefined>(undefined);
  const currentIndex = currentId === undefined ? -1 : runs.findIndex((run) => run.id === currentId);
  if (currentId !== followedId && currentIndex >= 0) {
    setFollowedId(currentId);
    page.setPage(Math.floor(currentIndex / PAGE_SIZE));
  }

  return (
    <section className="run-history" aria-labelledby="run-history-title" data-testid="run-history">
      <div className="run-history-head">
        <h3 id="run-history-title">Run history</h3>
        <JsonFileInput label="Import a run (JSON)" onFile={importFile} />
      </div>
      <ActionMessage message={message} testId="history-message" />
      {phase === 'loading' && <p className="muted">Loading saved runs…</p>}
      {!overlayChosen && overlay.length > 0 && (
        // Say why runs are ticked that nobody ticked, and that a tick takes over.
        <p className="muted" data-testid="history-latest-note">
          The figures show the latest {overlay.length === 1 ? 'run' : formatCount(overlay.length, 'run')} until you
          tick or untick one.
        </p>
      )}
      {phase !== 'loading' && runs.length === 0 && (
        <p className="muted">No runs yet. Every run is saved here as it trains, and survives a reload.</p>
      )}
      <ul className="history-list">
        {page.items.map((run, index) => {
          const isCurrent = run.id === currentId;
          const checkboxId = `${overlayId}-${page.offset + index}`;
          return (
            <li key={run.id} data-testid="history-run">
              <input
                id={checkboxId}
                type="checkbox"
                checked={isCurrent || shown.has(run.id)}
                disabled={isCurrent}
                onChange={(e) => setOverlay(run.id, e.target.checked)}
              />
              <label htmlFor={checkboxId} className="history-label">
                {run.label}
                {isCurrent ? ' (current)' : ''}
              </label>
              <span className="history-summary muted">{summary(run)}</span>
              <span className="history-actions">
                <button
                  type="button"
                  aria-label={`Restore settings of ${run.label}`}
                  disabled={currentActive}
                  onClick={() => replaceAll(run.settings, 'push')}
                >
                  Restore settings
                </button>
                <button type="button" aria-label={`Export JSON of ${run.label}`} onClick={() => exportRun(run)}>
                  Export JSON
                </button>
                <TorchExportButton run={run} />
                <button
                  type="button"
                  aria-label={`Delete ${run.label}`}
                  disabled={isCurrent && currentActive}
                  onClick={() => void remove(run.id)}
                >
                  Delete
                </button>
              </span>
            </li>
          );
        })}
      </ul>
      <Pager page={page} noun="runs" testId="history-pager" />
    </section>
  );
}

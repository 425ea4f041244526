/**
 * "Export for PyTorch" beside a run in the history: asks the compute worker for the run's bundle (its trained weights
 * when the worker holds them — the current run, or the one kept in this browser — else its settings with initial
 * weights, which the message then says), zips it and downloads one .zip. See src/lib/export/README.md.
 */
import { useState } from 'react';
import { computeWorker } from '../../shared/compute/computeClient';
import { downloadBlob, sanitizeFileName } from '../../shared/export/exportFigure';
import { describeError } from '../../shared/format/describeError';
import { toRunSpec } from '../../settings/toRunSpec';
import { serializeSettings } from '../../settings/urlState';
import { useBackendStore } from '../../shell/backendStore';
import { useHistoryStore } from './historyStore';
import type { RunRecord } from './runRecord';
import { zipBundle } from './torchBundleZip';

export function TorchExportButton({ run }: { run: RunRecord }) {
  const backendReady = useBackendStore((s) => s.phase === 'ready');
  const [busy, setBusy] = useState(false);
  // The outcome goes where the history reports its other exports and imports (its message line).
  const say = useHistoryStore((s) => s.say);

  async function exportBundle(): Promise<void> {
    setBusy(true);
    say('info', `Writing the PyTorch bundle of ${run.label}…`);
    try {
      const result = await computeWorker().exportTorchBundle({
        runId: run.id,
        spec: toRunSpec(run.settings),
        settingsQuery: serializeSettings(run.settings),
        createdBy: `Linformer Lab ${__APP_VERSION__}`,
      });
      const name = sanitizeFileName(`${run.label}-pytorch`, 'zip');
      const folder = name.replace(/\.zip$/, '');
      downloadBlob(
        new Blob([zipBundle(folder, result.files) as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
        name,
      );
      say(
        'info',
        result.trainedWeights
          ? `Downloaded ${name}: the trained weights after ${result.steps} steps.`
          : `Downloaded ${name}: this run's settings with its initial weights (0 steps) — only the current run's and the kept run's trained weights are held in this browser.`,
      );
    } catch (error) {
      say('error', `Export for PyTorch failed: ${describeError(error)}`);
    } finally {
      setBusy(false);
    }
  }

  const text = busy ? 'Exporting…' : 'Export for PyTorch';
  return (
    <button
      type="button"
      // The accessible name starts with the visible text (axe: label-content-name-mismatch), then names the run.
      aria-label={`${text}: ${run.label}`}
      title="Download a .zip for a PyTorch cluster: config.json, weights (.safetensors), tokenizer, data, a reference batch and the linformer_lab package (torchrun … -m linformer_lab.train)"
      disabled={!backendReady || busy}
      onClick={() => void exportBundle()}
    >
      {text}
    </button>
  );
}

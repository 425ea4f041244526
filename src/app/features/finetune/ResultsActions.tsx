import { ActionMessage } from '../../shared/forms/ActionMessage';
import { JsonFileInput } from '../../shared/forms/JsonFileInput';
import { downloadBlob, downloadCsv } from '../../shared/export/exportFigure';
import { describeError } from '../../shared/format/describeError';
import { importSummary, planImport } from '../../shared/storage/importMerge';
import { readOffThread } from '../../shared/storage/offThreadRead';
import { newRecordId } from '../../../lib/storage/recordId';
import { MAX_FINETUNE_FILE_BYTES, readFineTuneFile, toFineTuneFile } from './finetuneFile';
import { resultsCsvRows } from './finetuneResults';
import { useFineTuneStore } from './finetuneStore';

async function importFile(file: File): Promise<void> {
  const store = useFineTuneStore.getState();
  const name = file.name.slice(0, 80);
  if (file.size > MAX_FINETUNE_FILE_BYTES) {
    store.say('error', `"${name}" is too large to be a fine-tune results file.`);
    return;
  }
  store.say('info', `Reading "${name}"…`);
  try {
    const read = await readOffThread(file, spawnReader, readFineTuneFile);
    if (!read.ok) {
      store.say('error', `Could not import "${name}": ${read.error}`);
      return;
    }
    // Nothing stored is replaced: identical results are skipped, differing ones with a taken id become copies.
    const plan = planImport(useFineTuneStore.getState().results, read.results, () => newRecordId('ft'));
    await store.importResults(plan.records, name);
    if (useFineTuneStore.getState().message?.kind !== 'error') store.say('info', importSummary(plan, 'result', name));
  } catch (error) {
    store.say('error', `Could not read "${name}": ${describeError(error)}`);
  }
}

/** A worker that parses and checks one results file off the page's thread (the URL is Vite's worker syntax). */
const spawnReader = () =>
  new Worker(new URL('./finetuneFile.worker.ts', import.meta.url), {
    type: 'module',
    name: 'linformer-lab-results-file',
  });

function exporting(write: () => void): void {
  try {
    write();
  } catch (error) {
    useFineTuneStore.getState().say('error', `Could not export the results: ${describeError(error)}`);
  }
}

/** Export (CSV for a spreadsheet, JSON to import elsewhere), import and clear the fine-tune results. */
export function ResultsActions({ running }: { running: boolean }) {
  const results = useFineTuneStore((s) => s.results);
  const message = useFineTuneStore((s) => s.message);
  const clear = useFineTuneStore((s) => s.clear);
  const none = results.length === 0;
  return (
    <div className="finetune-actions">
      <div className="run-buttons">
        <button
          type="button"
          disabled={none}
          aria-label="Download the fine-tune results as CSV"
          onClick={() => exporting(() => downloadCsv(resultsCsvRows(results), 'linformer-finetune-results'))}
        >
          CSV
        </button>
        <button
          type="button"
          disabled={none}
          aria-label="Download the fine-tune results as JSON"
          onClick={() =>
            exporting(() => {
              const json = JSON.stringify(toFineTuneFile(results, __APP_VERSION__), null, 1);
              downloadBlob(new Blob([json], { type: 'application/json' }), 'linformer-finetune-results.json');
            })
          }
        >
          JSON
        </button>
        <JsonFileInput label="Import results (JSON)" onFile={importFile} />
        <button type="button" disabled={none || running} onClick={() => void clear()}>
          Clear results
        </button>
      </div>
      <ActionMessage message={message} testId="finetune-message" />
    </div>
  );
}

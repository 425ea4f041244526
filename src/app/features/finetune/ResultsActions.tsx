import { ActionMessage } from '../../shared/forms/ActionMessage';
import { JsonFileInput } from '../../shared/forms/JsonFileInput';
import { downloadBlob, downloadCsv } from '../../shared/export/exportFigure';
import { describeError } from '../../shared/format/describeError';
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
  try {
    const read = readFineTuneFile(await file.text());
    if (read.ok) await store.importResults(read.results, name);
    else store.say('error', `Could not import "${name}": ${read.error}`);
  } catch (error) {
    store.say('error', `Could not read "${name}": ${describeError(error)}`);
  }
}

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

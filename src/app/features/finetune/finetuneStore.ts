/**
 * The fine-tune section's state: its settings (kept in the address, beside the experiment's), the fine-tune in
 * progress and the finished results (kept in IndexedDB, like the training runs). Tensors live in the worker;
 * this holds plain numbers only.
 */
import { create } from 'zustand';
import * as Comlink from 'comlink';
import { computeWorker } from '../../shared/compute/computeClient';
import { describeError } from '../../shared/format/describeError';
import { toRunSpec } from '../../settings/toRunSpec';
import { FINETUNE_FIELDS, defaultFineTuneChoices, fineTuneParams, parseFineTuneChoices, type FineTuneChoices } from './finetuneFields';
import type { ExperimentSettings } from '../../settings/schema';
import { registerLinkSection, writeLink } from '../../settings/link';
import { serializeSettings } from '../../settings/urlState';
import { openLabStore, type LabStore } from '../../shared/storage/labDb';
import { newRecordId } from '../../../lib/storage/recordId';
import { useBackendStore } from '../../shell/backendStore';
import { useExperimentStore } from '../../settings/experimentStore';
import { useRunStore } from '../training/runStore';
import type { FineTuneProgress, FineTuneRequest, TrainedModelChoice } from '../../../worker/finetuneTypes';
import type { CurveData } from './curveSeries';
import { settingsOfRun } from './runSettings';
import { LEGACY_STORAGE_KEY, newestFirst, readLegacyResults, type StoredFineTune } from './finetuneResults';

export type { FineTuneChoices };

interface FineTuneState {
  choices: FineTuneChoices;
  /** Repairs made to the link's fine-tune settings (plain text). */
  notices: string[];
  phase: 'idle' | 'running' | 'done' | 'failed';
  progress: FineTuneProgress | null;
  /** The curves of the fine-tune running or last run in this page session (not kept across a reload). */
  curves: CurveData | null;
  error: string | null;
  /** The trained models a fine-tune can start from, the latest first (the worker's list). */
  trainedModels: TrainedModelChoice[];
  /**
   * The run whose model a 'trained' fine-tune starts from; '' for the latest. Not in the link: a run id means
   * nothing in another browser, which has its own runs.
   */
  trainedRunId: string;
  /** Asks the worker which trained models there are (after a run ends, and once the backend is ready). */
  loadTrainedModels(): Promise<void>;
  chooseTrainedRun(id: string): void;
  /** Newest first. */
  results: StoredFineTune[];
  history: 'loading' | 'ready' | 'memory-only';
  /** The outcome of the last history action (import, export, a failed save). */
  message: { kind: 'info' | 'error'; text: string } | null;
  choose<K extends keyof FineTuneChoices>(key: K, value: FineTuneChoices[K]): void;
  dismissNotices(): void;
  /** Re-reads the address bar (back/forward). */
  /** Sets the experiment and the fine-tune settings from a result's link, to run it again. */
  applyLink(link: string): void;
  start(settings: ExperimentSettings): Promise<void>;
  stop(): void;
  load(): Promise<void>;
  remove(id: string): Promise<void>;
  clear(): Promise<void>;
  /** Adds results read from a file (replacing any with the same id). */
  importResults(results: readonly StoredFineTune[], source: string): Promise<void>;
  say(kind: 'info' | 'error', text: string): void;
}

/**
 * The worker's request for these choices: a 'trained' start names the chosen run ('' → the latest, no id), a fresh
 * one brings the experiment's model and corpus. The estimate times this same request.
 */
export function fineTuneRequest(
  choices: FineTuneChoices,
  settings: ExperimentSettings,
  trainedRunId: string,
  seed: number = settings.seed,
): FineTuneRequest {
  const spec = toRunSpec(settings);
  return {
    ...choices,
    trainedRunId: choices.start === 'trained' && trainedRunId !== '' ? trainedRunId : undefined,
    seed,
    fresh: { corpus: spec.corpus, model: spec.model },
  };
}

let db: Promise<LabStore<StoredFineTune>> | null = null;
function database(): Promise<LabStore<StoredFineTune>> {
  db ??= openLabStore<StoredFineTune>('finetunes');
  return db;
}

function upsert(results: readonly StoredFineTune[], added: readonly StoredFineTune[]): StoredFineTune[] {
  const ids = new Set(added.map((entry) => entry.id));
  return newestFirst([...added, ...results.filter((entry) => !ids.has(entry.id))]);
}

const initial =
  typeof window === 'undefined'
    ? { choices: defaultFineTuneChoices(), notices: [] }
    : parseFineTuneChoices(window.location.search);

export const useFineTuneStore = create<FineTuneState>((set, get) => {
  /** Writes to IndexedDB unless the page runs without it; a failure is said, the results stay on the page. */
  const persist = async (action: (store: LabStore<StoredFineTune>) => Promise<void>, what: string) => {
    if (get().history === 'memory-only') return;
    try {
      await action(await database());
    } catch (error) {
      set({ message: { kind: 'error', text: `Could not ${what}: ${describeError(error)}` } });
    }
  };

  return {
    choices: initial.choices,
    notices: initial.notices,
    phase: 'idle',
    progress: null,
    curves: null,
    error: null,
    trainedModels: [],
    trainedRunId: '',
    async loadTrainedModels() {
      try {
        const trainedModels = await computeWorker().trainedModels();
        // A chosen model that is no longer kept (evicted, or cleared) falls back to the latest.
        const { trainedRunId } = get();
        const stillThere = trainedRunId === '' || trainedModels.some((model) => model.id === trainedRunId);
        set({ trainedModels, trainedRunId: stillThere ? trainedRunId : '' });
      } catch {
        // The list stays as it was: the fine-tune can still start from the latest model.
      }
    },
    chooseTrainedRun(id) {
      set({ trainedRunId: id });
    },
    results: [],
    history: 'loading',
    message: null,
    choose(key, value) {
      set({ choices: { ...get().choices, [key]: value } });
      writeLink('edit');
    },
    dismissNotices() {
      set({ notices: [] });
    },
    applyLink(link) {
      const { choices, notices } = parseFineTuneChoices(link);
      set({ choices, notices });
      // The experiment's settings and these choices go into the address together, as one history entry; what its
      // reading repaired, or the model's problems, are said here, where the result's link was opened.
      set({ notices: [...useExperimentStore.getState().applyLink(link), ...notices] });
    },
    async start(settings) {
      if (get().phase === 'running') return;
      const { choices } = get();
      // The link must set up this same fine-tune again: from a trained model, that is the run that trained it (the
      // current run's settings, or those of the chosen kept run, rebuilt from what it trained).
      const trainedRunId = choices.start === 'trained' && get().trainedRunId !== '' ? get().trainedRunId : undefined;
      const current = useRunStore.getState().current;
      const chosen = get().trainedModels.find((model) => model.id === trainedRunId);
      const linkSettings =
        choices.start !== 'trained'
          ? settings
          : trainedRunId === undefined || trainedRunId === current?.id || !chosen
            ? (current?.settings ?? settings)
            : settingsOfRun(settings, chosen.spec);
      set({ phase: 'running', error: null, progress: null, curves: null, message: null });
      try {
        const result = await computeWorker().runFineTune(
          fineTuneRequest(choices, settings, get().trainedRunId, linkSettings.seed),
          Comlink.proxy({
            progress: (progress: FineTuneProgress) =>
              set({
                progress,
                // Messages without curves (preparing, evaluating) keep the last ones drawn.
                curves: progress.curves
                  ? { curves: progress.curves, majorityAccuracy: progress.majorityAccuracy ?? null }
                  : get().curves,
              }),
          }),
        );
        const stored: StoredFineTune = {
          id: newRecordId('ft'), // random: results finished in two tabs in the same millisecond keep apart
          finishedAt: new Date().toISOString(),
          result,
          link: serializeSettings(linkSettings, fineTuneParams(choices)),
          backend: useBackendStore.getState().report?.active ?? 'unknown',
        };
        set({ phase: 'done', results: upsert(get().results, [stored]) });
        await persist((store) => store.put(stored), 'save the result to the history');
      } catch (error) {
        set({ phase: 'failed', error: describeError(error) });
      }
    },
    stop() {
      void computeWorker().cancelFineTune();
    },
    async load() {
      try {
        const store = await database();
        // Results kept by versions before this history move in once, then leave localStorage.
        const legacy = readLegacyResults(localStorage);
        for (const entry of legacy) await store.put(entry);
        if (legacy.length) localStorage.removeItem(LEGACY_STORAGE_KEY);
        // Results finished before the load completed are newer than anything stored.
        set({ results: upsert(await store.all(), get().results), history: 'ready' });
      } catch (error) {
        set({
          history: 'memory-only',
          message: { kind: 'error', text: `Fine-tune results are not saved: ${describeError(error)}` },
        });
      }
    },
    async remove(id) {
      set({ results: get().results.filter((entry) => entry.id !== id) });
      await persist((store) => store.delete(id), 'delete the result');
    },
    async clear() {
      const ids = get().results.map((entry) => entry.id);
      set({ results: [], message: null });
      await persist(async (store) => {
        for (const id of ids) await store.delete(id);
      }, 'clear the results');
    },
    async importResults(results, source) {
      set({ results: upsert(get().results, results), message: null });
      await persist(async (store) => {
        for (const entry of results) await store.put(entry);
      }, 'save the imported results');
      if (get().message?.kind !== 'error')
        set({
          message: {
            kind: 'info',
            text: `Imported ${results.length} result${results.length === 1 ? '' : 's'} from "${source.slice(0, 80)}".`,
          },
        });
    },
    say(kind, text) {
      set({ message: { kind, text } });
    },
  };
});

registerLinkSection({
  name: 'fine-tuning',
  fields: FINETUNE_FIELDS,
  values: () => useFineTuneStore.getState().choices,
  restore: (choices, notices) => useFineTuneStore.setState({ choices: choices as FineTuneChoices, notices }),
});

if (typeof window !== 'undefined') void useFineTuneStore.getState().load();

/**
 * The run history: every run saved in IndexedDB, which of them are overlaid on the figures, and the outcome of
 * the last history action (import, delete, a failed save) as a message. Kept apart from the current run's
 * store: runs reach this store through runs/persistRuns.ts, throttled.
 */
import { create } from 'zustand';
import { openLabStore, type LabStore } from '../../shared/storage/labDb';
import { runLockName, type RunRecord } from './runRecord';
import { heldLockNames } from '../../../lib/storage/liveLocks';
import { describeError } from '../../shared/format/describeError';
import { latestRunIds, overlayChoiceText, parseOverlayChoice, resolveOverlay } from './overlayChoice';
import { planImport } from '../../shared/storage/importMerge';
import { newRecordId } from '../../../lib/storage/recordId';

const OVERLAY_KEY = 'linformer-lab.overlay';
const INTERRUPTED = new Set(['preparing', 'idle', 'running', 'paused']);
/**
 * Imports stop once the history holds this many runs: each run is read from IndexedDB on every load and listed
 * (a page at a time), and a few hundred runs is more than any study here needs. Runs trained here are always kept.
 */
export const MAX_HISTORY_RUNS_FOR_IMPORT = 200;

interface HistoryState {
  /** Newest first. */
  runs: RunRecord[];
  /** Ids of history runs drawn beside the current run: the ones ticked, or the latest while nobody has chosen. */
  overlay: string[];
  /** Whether someone ticked or unticked a run (in this page or before a reload): see overlayChoice.ts. */
  overlayChosen: boolean;
  phase: 'loading' | 'ready' | 'memory-only';
  message: { kind: 'info' | 'error'; text: string } | null;
  load(): Promise<void>;
  save(run: RunRecord): Promise<void>;
  remove(id: string): Promise<void>;
  /**
   * Adds a run read from a file and overlays it. Nothing stored is replaced: a run identical to the stored one of
   * its id is not added again, a different one with a taken id is added as a copy under a new id (planImport).
   */
  importRun(run: RunRecord): Promise<void>;
  /** A tick or an untick: from then on the overlay is a choice, kept across reloads. */
  setOverlay(id: string, shown: boolean): void;
  /** Keeps a run overlaid once it is no longer the current one (a choice only if there is one already). */
  keepShown(id: string): void;
  say(kind: 'info' | 'error', text: string): void;
}

let db: Promise<LabStore<RunRecord>> | null = null;
function database(): Promise<LabStore<RunRecord>> {
  db ??= openLabStore<RunRecord>('runs');
  return db;
}

function readOverlay(): string[] | null {
  try {
    return parseOverlayChoice(localStorage.getItem(OVERLAY_KEY));
  } catch {
    return null;
  }
}

function writeOverlay(ids: readonly string[]): void {
  try {
    localStorage.setItem(OVERLAY_KEY, overlayChoiceText(ids));
  } catch {
    // Storage full or blocked: the overlay choice is a convenience, the runs themselves are in IndexedDB.
  }
}

/** While nobody has chosen, the overlay follows the history (the latest runs); the same array when unchanged. */
function followLatest(state: HistoryState, runs: readonly RunRecord[]): Partial<HistoryState> {
  if (state.overlayChosen) return {};
  const latest = latestRunIds(runs);
  const same = latest.length === state.overlay.length && latest.every((id, i) => id === state.overlay[i]);
  return same ? {} : { overlay: latest };
}

function newestFirst(runs: RunRecord[]): RunRecord[] {
  return runs.sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id));
}

function upsert(runs: readonly RunRecord[], run: RunRecord): RunRecord[] {
  const rest = runs.filter((r) => r.id !== run.id);
  return newestFirst([run, ...rest]);
}

/**
 * Runs stored before a setting existed say how they were made: before the projection init was a setting every run
 * was initialised N(0, 1/k), and before subwords every run was on characters.
 */
function withProjectionInit(run: RunRecord): RunRecord {
  if (run.settings.projectionInit && run.settings.tokenizer) return run;
  return { ...run, settings: { ...run.settings, projectionInit: run.settings.projectionInit ?? 'normal', tokenizer: run.settings.tokenizer ?? 'char' } };
}

export const useHistoryStore = create<HistoryState>((set, get) => ({
  runs: [],
  overlay: [],
  overlayChosen: false,
  phase: 'loading',
  message: null,
  async load() {
    try {
      const stored = await (await database()).all();
      // persistRuns has already rewritten interrupted runs in the database; what is still marked as going is a run
      // another tab trains (it holds the run's lock), or one whose page has just gone (no lock).
      const held = await heldLockNames().catch(() => new Set<string>());
      // A run that was still going when the page closed cannot continue; say so instead of showing "running".
      const runs = stored.map(withProjectionInit).map((run) =>
        INTERRUPTED.has(run.status) && held.has(runLockName(run.id))
          ? { ...run, message: 'Being trained in another tab of Linformer Lab.' }
          : INTERRUPTED.has(run.status)
          ? {
              ...run,
              status: 'stopped' as const,
              message: 'Interrupted: the page was closed or reloaded during this run.',
            }
          : run,
      );
      // Runs saved in this page before the load finished are newer than their stored copies.
      const merged = get().runs.reduce(upsert, newestFirst(runs));
      // A tick made in this page before the load finished adds to the stored choice.
      const storedChoice = readOverlay();
      const choice = get().overlayChosen ? [...(storedChoice ?? []), ...get().overlay] : storedChoice;
      const { overlay, chosen } = resolveOverlay(choice, merged);
      set({ runs: merged, overlay, overlayChosen: chosen, phase: 'ready' });
    } catch (error) {
      set({
        phase: 'memory-only',
        message: { kind: 'error', text: `Run history is not saved: ${describeError(error)}` },
      });
    }
  },
  async save(run) {
    const runs = upsert(get().runs, run);
    set({ runs, ...followLatest(get(), runs) });
    if (get().phase === 'memory-only') return;
    try {
      await (await database()).put(run);
    } catch (error) {
      set({
        message: { kind: 'error', text: `Could not save "${run.label}" to the history: ${describeError(error)}` },
      });
    }
  },
  async remove(id) {
    const run = get().runs.find((r) => r.id === id);
    const runs = get().runs.filter((r) => r.id !== id);
    set({ runs, ...followLatest(get(), runs) });
    // Deleting is not choosing: a choice loses the run; without one, the latest runs left are shown (above).
    if (get().overlayChosen) get().setOverlay(id, false);
    try {
      if (get().phase !== 'memory-only') await (await database()).delete(id);
      if (run) set({ message: { kind: 'info', text: `Deleted "${run.label}".` } });
    } catch (error) {
      set({ message: { kind: 'error', text: `Could not delete the run: ${describeError(error)}` } });
    }
  },
  async importRun(run) {
    set({ message: null });
    const plan = planImport(get().runs, [run], () => newRecordId('run'));
    const [added] = plan.records;
    if (!added) {
      get().setOverlay(run.id, true);
      set({
        message: {
          kind: 'info',
          text: `"${run.label}" is already in the history (the same run, with the same id); nothing was imported.`,
        },
      });
      return;
    }
    if (get().runs.length >= MAX_HISTORY_RUNS_FOR_IMPORT) {
      set({
        message: {
          kind: 'error',
          text: `Did not import "${run.label}": the history holds ${get().runs.length} runs, the most it takes imports into (${MAX_HISTORY_RUNS_FOR_IMPORT}). Delete some runs first.`,
        },
      });
      return;
    }
    await get().save(added);
    get().setOverlay(added.id, true);
    const copy = plan.copies
      ? ' Kept both: a different stored run has the same id, so this one was imported as a copy under a new id; nothing stored was replaced.'
      : '';
    if (get().message?.kind !== 'error') set({ message: { kind: 'info', text: `Imported "${run.label}".${copy}` } });
  },
  setOverlay(id, shown) {
    const without = get().overlay.filter((other) => other !== id);
    const overlay = shown ? [...without, id] : without;
    set({ overlay, overlayChosen: true });
    writeOverlay(overlay);
  },
  keepShown(id) {
    if (get().overlayChosen) get().setOverlay(id, true);
  },
  say(kind, text) {
    set({ message: { kind, text } });
  },
}));

/**
 * The run history: every run saved in IndexedDB, which of them are overlaid on the figures, and the outcome of
 * the last history action (import, delete, a failed save) as a message. Kept apart from the current run's
 * store: runs reach this store through runs/persistRuns.ts, throttled.
 */
import { create } from 'zustand';
import { openLabStore, type LabStore } from '../../shared/storage/labDb';
import type { RunRecord } from './runRecord';
import { describeError } from '../../shared/format/describeError';

const OVERLAY_KEY = 'linformer-lab.overlay';
const INTERRUPTED = new Set(['preparing', 'idle', 'running', 'paused']);

interface HistoryState {
  /** Newest first. */
  runs: RunRecord[];
  /** Ids of history runs drawn beside the current run. */
  overlay: string[];
  phase: 'loading' | 'ready' | 'memory-only';
  message: { kind: 'info' | 'error'; text: string } | null;
  load(): Promise<void>;
  save(run: RunRecord): Promise<void>;
  remove(id: string): Promise<void>;
  /** Adds a run read from a file (replacing one with the same id) and overlays it. */
  importRun(run: RunRecord): Promise<void>;
  setOverlay(id: string, shown: boolean): void;
  say(kind: 'info' | 'error', text: string): void;
}

let db: Promise<LabStore<RunRecord>> | null = null;
function database(): Promise<LabStore<RunRecord>> {
  db ??= openLabStore<RunRecord>('runs');
  return db;
}

function readOverlay(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(OVERLAY_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

function writeOverlay(ids: readonly string[]): void {
  try {
    localStorage.setItem(OVERLAY_KEY, JSON.stringify(ids));
  } catch {
    // Storage full or blocked: the overlay choice is a convenience, the runs themselves are in IndexedDB.
  }
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
  phase: 'loading',
  message: null,
  async load() {
    try {
      const stored = await (await database()).all();
      // A run that was still going when the page closed cannot continue; say so instead of showing "running".
      const runs = stored.map(withProjectionInit).map((run) =>
        INTERRUPTED.has(run.status)
          ? {
              ...run,
              status: 'stopped' as const,
              message: 'Interrupted: the page was closed or reloaded during this run.',
            }
          : run,
      );
      // Runs saved in this page before the load finished are newer than their stored copies.
      const merged = get().runs.reduce(upsert, newestFirst(runs));
      const known = new Set(merged.map((r) => r.id));
      const overlay = [...new Set([...readOverlay(), ...get().overlay])].filter((id) => known.has(id));
      set({ runs: merged, overlay, phase: 'ready' });
    } catch (error) {
      set({
        phase: 'memory-only',
        message: { kind: 'error', text: `Run history is not saved: ${describeError(error)}` },
      });
    }
  },
  async save(run) {
    set({ runs: upsert(get().runs, run) });
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
    set({ runs: get().runs.filter((r) => r.id !== id) });
    get().setOverlay(id, false);
    try {
      if (get().phase !== 'memory-only') await (await database()).delete(id);
      if (run) set({ message: { kind: 'info', text: `Deleted "${run.label}".` } });
    } catch (error) {
      set({ message: { kind: 'error', text: `Could not delete the run: ${describeError(error)}` } });
    }
  },
  async importRun(run) {
    set({ message: null });
    await get().save(run);
    get().setOverlay(run.id, true);
    if (get().message?.kind !== 'error') set({ message: { kind: 'info', text: `Imported "${run.label}".` } });
  },
  setOverlay(id, shown) {
    const without = get().overlay.filter((other) => other !== id);
    const overlay = shown ? [...without, id] : without;
    set({ overlay });
    writeOverlay(overlay);
  },
  say(kind, text) {
    set({ message: { kind, text } });
  },
}));

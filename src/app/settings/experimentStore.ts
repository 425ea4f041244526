/**
 * The experiment's settings, kept in step with the address bar: the URL is the source of truth on load
 * and on back/forward; edits write it back (dragging replaces the history entry, starting a run pushes one).
 */
import { create } from 'zustand';
import { FINETUNE_KEYS } from '../features/finetune/finetuneFields';
import { defaultSettings, type ExperimentSettings, type SettingName } from './schema';
import { parseSettings, reconcile, serializeSettings } from './urlState';

interface ExperimentState {
  settings: ExperimentSettings;
  /** Repairs made to a damaged link (plain text). */
  notices: string[];
  set<K extends SettingName>(name: K, value: ExperimentSettings[K]): void;
  /** Replaces every setting (presets, imported runs), as one history entry. */
  replaceAll(settings: ExperimentSettings, historyMode?: 'push' | 'replace'): void;
  /** Records the current settings as their own history entry (e.g. when a run starts). */
  pushHistory(): void;
  dismissNotices(): void;
  /** Re-reads the address bar (back/forward). */
  syncFromLocation(): void;
}

/**
 * Query keys that are not experiment settings but must survive rewrites of the URL: the page's backend choice
 * and the fine-tune section's settings (that store writes them; see finetuneStore.ts).
 */
function pageParams(): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(window.location.search))
    if (key === 'backend' || FINETUNE_KEYS.has(key)) kept[key] = value;
  return kept;
}

function writeUrl(settings: ExperimentSettings, mode: 'push' | 'replace'): void {
  const query = serializeSettings(settings, pageParams());
  const url = `${window.location.pathname}${query}${window.location.hash}`;
  const unchanged = url === `${window.location.pathname}${window.location.search}${window.location.hash}`;
  // A push marks a point to come back to (a run started), so it is made even when the URL is unchanged.
  if (mode === 'push') window.history.pushState(null, '', url);
  else if (!unchanged) window.history.replaceState(null, '', url);
}

const initial =
  typeof window === 'undefined' ? { settings: defaultSettings(), notices: [] } : parseSettings(window.location.search);

export const useExperimentStore = create<ExperimentState>((set, get) => ({
  settings: initial.settings,
  notices: initial.notices,
  set(name, value) {
    const settings = { ...get().settings, [name]: value };
    const repairs = reconcile(settings);
    set({ settings, notices: repairs.length ? repairs : get().notices });
    writeUrl(settings, 'replace');
  },
  replaceAll(next, historyMode = 'push') {
    const settings = { ...next };
    const repairs = reconcile(settings);
    set({ settings, notices: repairs });
    writeUrl(settings, historyMode);
  },
  pushHistory() {
    writeUrl(get().settings, 'push');
  },
  dismissNotices() {
    set({ notices: [] });
  },
  syncFromLocation() {
    set(parseSettings(window.location.search));
  },
}));

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => useExperimentStore.getState().syncFromLocation());
  // Canonicalise a repaired link at once, so what the page shows and what a copied link says agree.
  if (initial.notices.length) writeUrl(initial.settings, 'replace');
}

/**
 * The experiment's settings, kept in step with the address bar through settings/link.ts: the URL is the source of
 * truth on load and on back/forward; edits write it back (a finished edit is one history entry, starting a run
 * pushes one).
 */
import { create } from 'zustand';
import { EXPERIMENT_FIELDS, defaultSettings, type ExperimentSettings, type SettingName } from './schema';
import { registerLinkSection, unknownKeysNotice, writeLink } from './link';
import { parseSettings, reconcile } from './urlState';

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
  /**
   * Once the page has mounted (every section registered): names the address's keys that no section reads, then
   * rewrites the address canonically, so what the page shows and what a copied link says agree.
   */
  settleLink(): void;
}

const initial =
  // Unknown keys are reported once every section has registered its own (settleLink, from the page).
  typeof window === 'undefined' ? { settings: defaultSettings(), notices: [] } : parseSettings(window.location.search, null);

/** Settled once per page load (React's strict mode runs effects twice in development). */
let linkSettled = false;

export const useExperimentStore = create<ExperimentState>((set, get) => ({
  settings: initial.settings,
  notices: initial.notices,
  set(name, value) {
    const settings = { ...get().settings, [name]: value };
    const repairs = reconcile(settings);
    set({ settings, notices: repairs.length ? repairs : get().notices });
    writeLink('edit');
  },
  replaceAll(next, historyMode = 'push') {
    const settings = { ...next };
    const repairs = reconcile(settings);
    set({ settings, notices: repairs });
    writeLink(historyMode);
  },
  pushHistory() {
    writeLink('push');
  },
  dismissNotices() {
    set({ notices: [] });
  },
  settleLink() {
    if (linkSettled || typeof window === 'undefined') return;
    linkSettled = true;
    const notice = unknownKeysNotice(window.location.search);
    if (notice) set({ notices: [...get().notices, notice] });
    writeLink('replace');
  },
}));

registerLinkSection({
  name: 'experiment',
  fields: EXPERIMENT_FIELDS,
  values: () => useExperimentStore.getState().settings,
  restore: (values, notices) => {
    const settings = { ...(values as ExperimentSettings) };
    useExperimentStore.setState({ settings, notices: [...notices, ...reconcile(settings)] });
  },
});


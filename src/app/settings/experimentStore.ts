/**
 * The experiment's settings, kept in step with the address bar through settings/link.ts: the URL is the source of
 * truth on load and on back/forward; edits write it back (a finished edit is one history entry, starting a run
 * pushes one).
 */
import { create } from 'zustand';
import { EXPERIMENT_FIELDS, defaultSettings, type ExperimentSettings, type SettingName } from './schema';
import { knownLinkKeys, registerLinkSection, unknownKeysNotice, writeLink } from './link';
import { parseSettings, reconcile } from './urlState';
import { settingsProblems } from './settingsProblems';

interface ExperimentState {
  settings: ExperimentSettings;
  /**
   * Repairs made to a damaged link, then the problems the settings still have (settingsProblems: a model Start
   * would refuse), as plain text. The problems follow every change, so a fixed one leaves the notice.
   */
  notices: string[];
  /** The settings' current problems (settingsProblems), also listed at the end of `notices` until dismissed. */
  problems: string[];
  set<K extends SettingName>(name: K, value: ExperimentSettings[K]): void;
  /** Replaces every setting (presets, imported runs), as one history entry. */
  replaceAll(settings: ExperimentSettings, historyMode?: 'push' | 'replace'): void;
  /**
   * Applies the experiment settings of a link (a fine-tune result's, say) as one history entry, and returns what a
   * reader of that link must be told: the repairs made reading it and the problems left (not set as notices here:
   * the caller shows them where the link was opened).
   */
  applyLink(search: string): string[];
  /** Records the current settings as their own history entry (e.g. when a run starts). */
  pushHistory(): void;
  dismissNotices(): void;
  /**
   * Once the page has mounted (every section registered): names the address's keys that no section reads, then
   * rewrites the address canonically, so what the page shows and what a copied link says agree.
   */
  settleLink(): void;
}

const parsed =
  // Unknown keys are reported once every section has registered its own (settleLink, from the page).
  typeof window === 'undefined' ? { settings: defaultSettings(), notices: [] } : parseSettings(window.location.search, null);
const initial = { ...parsed, problems: settingsProblems(parsed.settings) };

/**
 * The notices after the settings changed: `repairs` when the change made any (else the repairs shown so far), then
 * the new problems. Problems already shown and still there stay; new ones are added even after a dismissal.
 */
function withProblems(state: ExperimentState, settings: ExperimentSettings, repairs: string[] | null) {
  const problems = settingsProblems(settings);
  const kept = (repairs ?? state.notices).filter((notice) => !state.problems.includes(notice));
  const shownBefore = new Set(state.notices);
  const unchanged = problems.length === state.problems.length && problems.every((p, i) => p === state.problems[i]);
  const shown = unchanged && repairs === null ? problems.filter((p) => shownBefore.has(p)) : problems;
  return { problems, notices: [...kept, ...shown] };
}

/** Settled once per page load (React's strict mode runs effects twice in development). */
let linkSettled = false;

export const useExperimentStore = create<ExperimentState>((set, get) => ({
  settings: initial.settings,
  notices: [...initial.notices, ...initial.problems],
  problems: initial.problems,
  set(name, value) {
    const settings = { ...get().settings, [name]: value };
    const repairs = reconcile(settings);
    set({ settings, ...withProblems(get(), settings, repairs.length ? repairs : null) });
    writeLink('edit');
  },
  replaceAll(next, historyMode = 'push') {
    const settings = { ...next };
    const repairs = reconcile(settings);
    set({ settings, ...withProblems(get(), settings, repairs) });
    writeLink(historyMode);
  },
  applyLink(search) {
    const { settings, notices } = parseSettings(search, knownLinkKeys());
    const problems = settingsProblems(settings);
    // Shown by the caller, beside the link that was opened; the page-top notice is cleared of older repairs.
    set({ settings, problems, notices: [] });
    writeLink('push');
    return [...notices, ...problems];
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
    const repairs = [...notices, ...reconcile(settings)];
    const problems = settingsProblems(settings);
    useExperimentStore.setState({ settings, problems, notices: [...repairs, ...problems] });
  },
});


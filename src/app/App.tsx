import { useEffect } from 'react';
import { BackendStatus } from './shell/BackendStatus';
import { Claim } from './shell/Claim';
import { SettingsNotice } from './shell/SettingsNotice';
import { StorageNotice } from './shell/StorageNotice';
import { SavedData } from './shell/SavedData';
import { TrainingLab } from './features/training/TrainingLab';
import { EfficiencyLab } from './features/efficiency/EfficiencyLab';
import { FineTuneLab } from './features/finetune/FineTuneLab';
import { SpectraLab } from './features/spectra/SpectraLab';
import { useBackendStore } from './shell/backendStore';
import { useExperimentStore } from './settings/experimentStore';

/** The notebook: one cell per claim of the paper, its text beside its live figure. */
export function App() {
  const start = useBackendStore((s) => s.start);
  const notices = useExperimentStore((s) => s.notices);
  const dismissNotices = useExperimentStore((s) => s.dismissNotices);
  useEffect(() => {
    void start(window.location.search);
  }, [start]);
  // Every section has registered its settings by now: name keys none of them reads, and canonicalise the link.
  useEffect(() => useExperimentStore.getState().settleLink(), []);

  return (
    <div className="app">
      <header className="app-header">
        <h1>Linformer Lab</h1>
        <p className="tagline">
          A notebook that tests the claims of “Linformer: Self-Attention with Linear Complexity” (Wang et al., 2020) by
          training standard Transformer and Linformer encoders in your browser, on your own GPU.
        </p>
        <BackendStatus />
      </header>
      <main>
        <StorageNotice />
        <SettingsNotice notices={notices} onDismiss={dismissNotices} />
        <Claim id="low-rank">
          <SpectraLab />
        </Claim>
        <Claim id="k-not-n">
          <TrainingLab />
        </Claim>
        <Claim id="linear">
          <EfficiencyLab />
        </Claim>
        <Claim id="finetune">
          <FineTuneLab />
        </Claim>
      </main>
      <footer className="app-footer">
        <SavedData />
      </footer>
    </div>
  );
}

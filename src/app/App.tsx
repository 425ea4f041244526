import { useEffect } from 'react';
import { BackendStatus } from './components/BackendStatus';
import { Claim } from './components/Claim';
import { SettingsNotice } from './components/SettingsNotice';
import { TrainingLab } from './components/TrainingLab';
import { EfficiencyLab } from './efficiency/EfficiencyLab';
import { FineTuneLab } from './finetune/FineTuneLab';
import { SpectraLab } from './spectra';
import { useBackendStore } from './stores/backendStore';
import { useExperimentStore } from './stores/experimentStore';

/** The notebook: one cell per claim of the paper, its text beside its live figure. */
export function App() {
  const start = useBackendStore((s) => s.start);
  const notices = useExperimentStore((s) => s.notices);
  const dismissNotices = useExperimentStore((s) => s.dismissNotices);
  useEffect(() => {
    void start(window.location.search);
  }, [start]);

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
    </div>
  );
}

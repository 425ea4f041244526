import { useEffect } from 'react';
import { BackendStatus } from './components/BackendStatus';
import { SettingsNotice } from './components/SettingsNotice';
import { TrainingLab } from './components/TrainingLab';
import { useBackendStore } from './stores/backendStore';

export function App() {
  const start = useBackendStore((s) => s.start);
  useEffect(() => {
    void start(window.location.search);
  }, [start]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>Linformer Lab</h1>
        <p className="tagline">
          Train standard Transformer and Linformer encoders in your browser and test the paper&apos;s claims on your own
          GPU.
        </p>
        <BackendStatus />
      </header>
      <main>
        <SettingsNotice />
        <TrainingLab />
      </main>
    </div>
  );
}

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ErrorBoundary } from './app/shell/ErrorBoundary';
import { showFatalError } from './app/shell/fatalError';
import './styles.css';

// Errors outside React's tree (a worker that fails to load, a rejected promise) still reach the user.
window.addEventListener('error', (event) => showFatalError(event.error ?? event.message));
window.addEventListener('unhandledrejection', (event) => showFatalError(event.reason));

// Offline after the first load: the service worker (vite.config.ts) precaches every built file. Registered here
// rather than by the plugin's helper, whose autoUpdate mode reloads open pages when a new version activates, which
// would end a training run in progress; a new version is used from the next load instead. Dev builds have none.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL })
      .catch((error: unknown) => console.warn('Offline use is unavailable: the service worker did not register.', error));
  });
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);

import { useBackendStore } from './backendStore';
import { softwareAdapterNote, type BackendReport } from '../../lib/backend/backendReport';
import { ParityCheck } from './ParityCheck';

const LABELS: Record<BackendReport['active'], string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'CPU',
};

/**
 * The always-visible status area: which backend computes, on which adapter, why if not WebGPU, and a warning when
 * the adapter is a software renderer, whose timings are a CPU's.
 */
export function BackendStatus() {
  const { phase, report, error, urlNotice, gpuFault } = useBackendStore();
  const softwareNote = report ? softwareAdapterNote(report) : null;
  return (
    <section className="backend-status" aria-label="Compute backend" aria-live="polite" data-testid="backend-status">
      {phase === 'starting' && <span className="status-pill pending">Starting the compute worker…</span>}
      {phase === 'failed' && (
        <div role="alert" className="status-error">
          No compute backend could start: {error}
        </div>
      )}
      {report && (
        <>
          <span className={`status-pill ${report.active === 'webgpu' ? 'good' : 'warn'}`}>
            Backend: <strong data-testid="active-backend">{report.active}</strong> ({LABELS[report.active]})
          </span>
          {report.adapter && (
            <span className="status-detail" data-testid="adapter">
              Adapter: {report.adapter.vendor} · {report.adapter.architecture}
              {report.adapter.description ? ` · ${report.adapter.description}` : ''}
            </span>
          )}
          <span className="status-detail">tfjs {report.tfjsVersion}</span>
          {report.whyNotWebGpu && (
            <p className="status-why" data-testid="why-not-webgpu">
              Not on WebGPU: {report.whyNotWebGpu} {report.speedNote}
            </p>
          )}
          {softwareNote && (
            <p className="status-why" data-testid="software-adapter">
              {softwareNote}
            </p>
          )}
          <ParityCheck backend={report.active} />
        </>
      )}
      {urlNotice && <p className="status-why">{urlNotice}</p>}
      {gpuFault && (
        <div role="alert" className="status-error" data-testid="gpu-fault">
          <p>
            <strong>{gpuFault.kind === 'device-lost' ? 'The GPU is gone.' : 'The GPU reported an error.'}</strong>{' '}
            {gpuFault.message} WebGPU work in this page is stopped until it is reloaded.
          </p>
          <p>
            <a href={addressWithBackend('webgpu')}>Reload on WebGPU</a> ·{' '}
            <a href={addressWithBackend('wasm')}>Reload on wasm</a> (slower, needs no GPU)
          </p>
        </div>
      )}
    </section>
  );
}

/** This page's address (its settings kept) with ?backend= set, and without the tests' fault hooks. */
function addressWithBackend(backend: BackendReport['active']): string {
  const url = new URL(window.location.href);
  url.searchParams.set('backend', backend);
  url.searchParams.delete('testHooks');
  return url.toString();
}

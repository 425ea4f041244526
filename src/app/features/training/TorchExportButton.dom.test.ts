// @vitest-environment jsdom
import { unzipSync } from 'fflate';
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TorchExportRequest, TorchExportResult } from '../../../worker/torchBundleTypes';
import { defaultSettings } from '../../settings/schema';
import type { RunRecord } from './runRecord';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// The worker is replaced by a function that answers with a small bundle.
const exportTorchBundle = vi.fn<(request: TorchExportRequest) => Promise<TorchExportResult>>();
vi.mock('../../shared/compute/computeClient', () => ({ computeWorker: () => ({ exportTorchBundle }) }));

type Modules = {
  TorchExportButton: typeof import('./TorchExportButton').TorchExportButton;
  useBackendStore: typeof import('../../shell/backendStore').useBackendStore;
  useHistoryStore: typeof import('./historyStore').useHistoryStore;
};
let modules: Modules;
let container: HTMLDivElement;
let root: Root;
let downloaded: Blob[];

const run: RunRecord = {
  id: 'run-1',
  label: 'standard n=32',
  settings: { ...defaultSettings(), seqLen: 32, attention: 'standard' },
  startedAt: '2026-12-01T00:00:00.000Z',
  backend: 'wasm',
  adapter: null,
  appVersion: 'test',
  status: 'finished',
  info: null,
  training: [],
  validation: [],
};

const files = [
  { path: 'config.json', bytes: new TextEncoder().encode('{"schemaVersion":1}') },
  { path: 'model.safetensors', bytes: new Uint8Array([8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32]) },
  { path: 'linformer_lab/model.py', bytes: new TextEncoder().encode('import torch\n') },
];

beforeAll(async () => {
  vi.stubGlobal('__APP_VERSION__', '9.9.9');
  modules = {
    TorchExportButton: (await import('./TorchExportButton')).TorchExportButton,
    useBackendStore: (await import('../../shell/backendStore')).useBackendStore,
    useHistoryStore: (await import('./historyStore')).useHistoryStore,
  };
});

beforeEach(() => {
  downloaded = [];
  URL.createObjectURL = (blob: Blob | MediaSource) => {
    downloaded.push(blob as Blob);
    return 'blob:test';
  };
  URL.revokeObjectURL = () => {};
  // jsdom cannot follow a download link; the blob handed to it is what is checked.
  HTMLAnchorElement.prototype.click = () => {};
  modules.useBackendStore.setState({ phase: 'ready' });
  exportTorchBundle.mockReset();
  modules.useHistoryStore.setState({ message: null });
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root.render(createElement(modules.TorchExportButton, { run })));
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

const button = () => container.querySelector('button')!;
/** The outcome, on the run history's message line. */
const message = () => modules.useHistoryStore.getState().message;

async function click(): Promise<void> {
  await act(async () => {
    button().click();
  });
  await vi.waitFor(() => expect(message()?.text).not.toMatch(/^Writing/));
}

describe('TorchExportButton', () => {
  it('asks the worker for this run and downloads one .zip holding every file under one folder', async () => {
    exportTorchBundle.mockResolvedValue({ files, trainedWeights: true, steps: 300 });
    expect(button().textContent).toBe('Export for PyTorch');
    await click();
    const request = exportTorchBundle.mock.calls[0][0];
    expect(request.runId).toBe('run-1');
    expect(request.spec.model.seqLen).toBe(32);
    expect(request.settingsQuery).toMatch(/^\?v=2&.*n=32/);
    expect(request.createdBy).toBe('Linformer Lab 9.9.9');
    expect(downloaded).toHaveLength(1);
    const entries = unzipSync(new Uint8Array(await downloaded[0].arrayBuffer()));
    const folder = Object.keys(entries)[0].split('/')[0];
    expect(Object.keys(entries).sort()).toEqual(files.map((file) => `${folder}/${file.path}`).sort());
    for (const file of files) expect(Array.from(entries[`${folder}/${file.path}`])).toEqual(Array.from(file.bytes));
    expect(message()).toEqual({
      kind: 'info',
      text: expect.stringMatching(/^Downloaded .*\.zip: the trained weights after 300 steps\.$/),
    });
  });

  it('says so when the worker no longer holds the run and the bundle carries initial weights', async () => {
    exportTorchBundle.mockResolvedValue({ files, trainedWeights: false, steps: 0 });
    await click();
    expect(message()?.text).toContain("this run's settings with its initial weights (0 steps)");
  });

  it('shows the worker’s refusal as an error on the history’s message line and downloads nothing', async () => {
    exportTorchBundle.mockRejectedValue(new Error('This run is training: pause or stop it, then export.'));
    await click();
    expect(downloaded).toHaveLength(0);
    expect(message()).toEqual({
      kind: 'error',
      text: 'Export for PyTorch failed: This run is training: pause or stop it, then export.',
    });
    expect(button().disabled).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { BackendName } from '../../lib/backend/backendReport';
import type { ParityCheckResult } from '../../lib/train/parityCheck';
import type { ParityEvents } from '../../worker/parityApi';
import type { ParityWorkerHandle } from './parityClient';
import { createParityStore } from './parityStore';

const RESULT: ParityCheckResult = {
  backend: 'webgl',
  reference: 'cpu',
  steps: 12,
  tolerance: { loss: 1e-3, gradNorm: 1e-2 },
  rows: [],
  backendErrors: [],
  pass: true,
  seconds: 1,
};

/** A check worker the test drives by hand. */
function fakeWorker() {
  const handles: {
    backend: BackendName;
    events: ParityEvents;
    resolve(result: ParityCheckResult): void;
    reject(error: unknown): void;
    terminated: boolean;
  }[] = [];
  const spawn = (): ParityWorkerHandle => {
    const entry = {} as (typeof handles)[number];
    entry.terminated = false;
    handles.push(entry);
    return {
      check: (backend, events) =>
        new Promise<ParityCheckResult>((resolve, reject) => Object.assign(entry, { backend, events, resolve, reject })),
      terminate: () => {
        entry.terminated = true;
      },
    };
  };
  return { spawn, handles };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the backend check store', () => {
  it('shows phases and progress while running, then the result, and ends the worker', async () => {
    const { spawn, handles } = fakeWorker();
    const store = createParityStore(spawn);
    const running = store.getState().run('webgl');
    expect(store.getState()).toMatchObject({ phase: 'running', backend: 'webgl', message: 'Starting the check' });
    const [worker] = handles;
    expect(worker.backend).toBe('webgl');
    worker.events.phase('Loading the text');
    expect(store.getState().message).toBe('Loading the text');
    worker.events.progress({ done: 1, total: 48, backend: 'webgl', attention: 'standard', step: 1, steps: 12 });
    expect(store.getState()).toMatchObject({ message: null, progress: { done: 1 } });
    // A second press while running starts nothing.
    await store.getState().run('webgl');
    expect(handles).toHaveLength(1);
    worker.resolve(RESULT);
    await running;
    expect(store.getState()).toMatchObject({ phase: 'done', result: RESULT, error: null });
    expect(worker.terminated).toBe(true);
  });

  it('reports a failed check as a message, ends its worker and can run again', async () => {
    const { spawn, handles } = fakeWorker();
    const store = createParityStore(spawn);
    const running = store.getState().run('webgpu');
    handles[0].reject(new Error('webgpu could not start in the check\u2019s worker'));
    await running;
    expect(store.getState()).toMatchObject({
      phase: 'failed',
      error: 'webgpu could not start in the check\u2019s worker',
    });
    expect(handles[0].terminated).toBe(true);
    const again = store.getState().run('webgpu');
    expect(store.getState()).toMatchObject({ phase: 'running', error: null, result: null });
    handles[1].resolve(RESULT);
    await again;
    expect(store.getState().phase).toBe('done');
  });

  it('stops a check by ending its worker, and ignores anything it still sends', async () => {
    const { spawn, handles } = fakeWorker();
    const store = createParityStore(spawn);
    const running = store.getState().run('webgl');
    store.getState().stop();
    expect(handles[0].terminated).toBe(true);
    expect(store.getState()).toMatchObject({ phase: 'stopped', progress: null });
    handles[0].events.progress({ done: 3, total: 48, backend: 'webgl', attention: 'standard', step: 3, steps: 12 });
    handles[0].resolve(RESULT);
    await running;
    await tick();
    expect(store.getState()).toMatchObject({ phase: 'stopped', progress: null, result: null });
  });

  it('says so when the worker cannot even be created', async () => {
    const store = createParityStore(() => {
      throw new Error('Workers are not available here');
    });
    await store.getState().run('cpu');
    expect(store.getState()).toMatchObject({ phase: 'failed', error: 'Workers are not available here' });
  });
});

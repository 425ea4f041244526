// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { FineTuneRequest, FineTuneResult, TrainedModelChoice } from '../../../worker/finetuneTypes';
import { defaultSettings } from '../../settings/schema';
import { toRunSpec } from '../../settings/toRunSpec';
import { result } from './testFinetune';

/** Two kept runs, as the worker lists them (the latest first). */
const kept: TrainedModelChoice[] = ['run-new', 'run-old'].map((id, index) => ({
  id,
  label: `linformer k=8, n=32, seed ${index + 1}, moby-dick`,
  steps: 200 + index * 100,
  corpus: 'moby-dick',
  spec: toRunSpec({ ...defaultSettings(), seed: index + 1 }),
  savedAt: '2026-01-01T00:00:00.000Z',
  current: false,
  training: false,
}));

// The worker, as far as this test needs it: it starts from the run the request names (else the latest) and says
// which in the result, as finetuneSession.ts does. No tfjs in jsdom.
vi.mock('../../shared/compute/computeClient', () => ({
  computeWorker: () => ({
    trainedModels: async () => kept,
    runFineTune: async (request: FineTuneRequest): Promise<FineTuneResult> => {
      const run = kept.find((model) => model.id === request.trainedRunId) ?? kept[0];
      return result({
        start: 'trained',
        pretrainingSteps: run.steps,
        trainedRunId: run.id,
        trainedRunLabel: run.label,
      });
    },
  }),
}));

// IndexedDB's place: a map the store really writes to and reads back.
const saved = new Map<string, unknown>();
vi.mock('../../shared/storage/labDb', () => ({
  openLabStore: async () => ({
    all: async () => [...saved.values()],
    put: async (entry: { id: string }) => void saved.set(entry.id, structuredClone(entry)),
    delete: async (id: string) => void saved.delete(id),
  }),
}));

describe('the trained run a fine-tune started from', () => {
  it('is kept with the result, written to the JSON and CSV exports, and read back on import', async () => {
    const { useFineTuneStore } = await import('./finetuneStore');
    const { readFineTuneFile, toFineTuneFile } = await import('./finetuneFile');
    const { pretrainingLabel, resultsCsvRows } = await import('./finetuneResults');
    const { toCsv } = await import('../../shared/export/exportFigure');
    const store = useFineTuneStore;
    await store.getState().load();
    await store.getState().loadTrainedModels();
    // Not the latest: the older kept run, so a result that named the latest instead would fail.
    store.getState().choose('start', 'trained');
    store.getState().chooseTrainedRun('run-old');
    await store.getState().start(defaultSettings());
    expect(store.getState().phase).toBe('done');

    const [finished] = store.getState().results;
    expect(finished.result).toMatchObject({ trainedRunId: 'run-old', trainedRunLabel: kept[1].label });
    expect(saved.get(finished.id)).toEqual(finished);
    expect(pretrainingLabel(finished.result)).toBe(`yes (300 MLM steps on moby-dick, run "${kept[1].label}")`);
    expect(toCsv(resultsCsvRows([finished]))).toContain(`run-old,"${kept[1].label}"`);

    const exported = JSON.stringify(toFineTuneFile(store.getState().results, '0.1.0'));
    await store.getState().clear();
    expect(saved.size).toBe(0);
    const read = readFineTuneFile(exported);
    if (!read.ok) throw new Error(read.error);
    await store.getState().importResults(read.results, 'results.json');
    expect(store.getState().results).toEqual([finished]);
    expect(saved.get(finished.id)).toEqual(finished);
  });
});

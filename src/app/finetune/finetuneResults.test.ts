import { describe, expect, it } from 'vitest';
import { toCsv } from '../charts';
import type { FineTuneResult } from '../../worker/finetuneTypes';
import {
  MAX_RESULTS,
  RESULTS_STORAGE_KEY,
  attentionLabel,
  loadStoredResults,
  pretrainingLabel,
  resultsCsvRows,
  saveStoredResults,
  sharingLabel,
  type StoredFineTune,
} from './finetuneResults';

function result(overrides: Partial<FineTuneResult> = {}): FineTuneResult {
  return {
    dataset: 'uci-sentiment',
    start: 'fresh',
    model: {
      layers: 1,
      heads: 2,
      dModel: 32,
      dFF: 64,
      seqLen: 32,
      vocabSize: 80,
      dropout: 0,
      attention: 'linformer',
      sharing: 'kv',
      projection: 'linear',
      kPerLayer: [8],
      seed: 1,
    },
    corpus: 'moby-dick',
    pretrainingSteps: 0,
    pooling: 'mean',
    steps: 150,
    learningRate: 0.005,
    batchSize: 64,
    seed: 1,
    trainExamples: 2386,
    devExamples: 596,
    devTruncated: 0.7,
    devAccuracy: 0.6,
    devLoss: 0.66,
    majorityAccuracy: 0.5,
    unknownCharacters: 0.01,
    seconds: 120,
    stoppedEarly: false,
    ...overrides,
  };
}

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    items,
  };
}

describe('stored fine-tune results', () => {
  it('round-trip through storage, newest first, capped', () => {
    const storage = memoryStorage();
    const entries: StoredFineTune[] = Array.from({ length: MAX_RESULTS + 3 }, (_, i) => ({
      id: `r${i}`,
      finishedAt: '2026-01-01T00:00:00Z',
      result: result(),
    }));
    saveStoredResults(storage, entries);
    const loaded = loadStoredResults(storage);
    expect(loaded).toHaveLength(MAX_RESULTS);
    expect(loaded[0]).toEqual(entries[0]);
  });

  it('skip malformed entries and survive garbage', () => {
    const storage = memoryStorage();
    storage.setItem(
      RESULTS_STORAGE_KEY,
      JSON.stringify([{ id: 'ok', finishedAt: 'x', result: result() }, { id: 3 }, null]),
    );
    expect(loadStoredResults(storage).map((entry) => entry.id)).toEqual(['ok']);
    storage.setItem(RESULTS_STORAGE_KEY, '{not json');
    expect(loadStoredResults(storage)).toEqual([]);
    expect(loadStoredResults(undefined)).toEqual([]);
  });
});

describe('table labels and CSV', () => {
  it('describe the attention, sharing and pretraining of a row', () => {
    expect(attentionLabel(result())).toBe('Linformer k = 8');
    expect(sharingLabel(result())).toBe('kv');
    expect(attentionLabel(result({ model: { ...result().model, attention: 'standard' } }))).toBe('standard');
    expect(sharingLabel(result({ model: { ...result().model, attention: 'standard' } }))).toBe('—');
    expect(pretrainingLabel(result())).toBe('no');
    expect(pretrainingLabel(result({ start: 'trained', pretrainingSteps: 300 }))).toBe(
      'yes (300 MLM steps on moby-dick)',
    );
  });

  it('write one CSV line per result with its accuracy and baseline', () => {
    const csv = toCsv(resultsCsvRows([{ id: 'a', finishedAt: 't', result: result({ devAccuracy: 0.625 }) }]));
    const [header, line] = csv.trim().split(/\r?\n/);
    const columns = header.split(',');
    const values = line.split(',');
    expect(values[columns.indexOf('devAccuracy')]).toBe('0.625');
    expect(values[columns.indexOf('majorityAccuracy')]).toBe('0.5');
    expect(values[columns.indexOf('pretrained')]).toBe('no');
    expect(values[columns.indexOf('k')]).toBe('8');
  });
});

/**
 * Run ids across tabs: each tab is the page's modules loaded anew (vi.resetModules), as two tabs each have their
 * own; both write into the one database of the browser, so ids that repeat would overwrite each other's runs.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../settings/schema';

// The worker takes the run and never answers: only the record the page makes at Start is looked at.
vi.mock('../../shared/compute/computeClient', () => ({
  computeWorker: () => ({ startRun: () => new Promise(() => undefined) }),
}));

afterEach(() => vi.restoreAllMocks());

describe('the id of a new run', () => {
  it('differs between two tabs starting a run in the same millisecond', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_764_000_000_000);
    const ids: string[] = [];
    for (let tab = 0; tab < 2; tab += 1) {
      vi.resetModules();
      const { useRunStore } = await import('./runStore');
      void useRunStore.getState().start(defaultSettings());
      ids.push(useRunStore.getState().current?.id ?? '');
    }
    expect(ids[0]).toMatch(/^run-[0-9a-f-]{36}$/);
    expect(ids[1]).toMatch(/^run-[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });
});

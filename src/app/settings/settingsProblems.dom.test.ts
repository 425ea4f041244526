// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { settingsProblems } from './settingsProblems';
import { defaultSettings } from './schema';

/** The experiment store reads the address once, when it is first imported: each case loads it afresh. */
async function openWith(search: string) {
  window.history.replaceState(null, '', `/${search}`);
  vi.resetModules();
  const { useExperimentStore } = await import('./experimentStore');
  return useExperimentStore;
}

describe('problems between settings, said when a link is opened', () => {
  it('names heads that do not divide dModel, using the model check the worker applies at Start', () => {
    expect(settingsProblems({ ...defaultSettings(), heads: 3, dModel: 64 })).toEqual([
      'Cannot train as set: heads (3) must divide dModel (64). Change one of these settings before Start.',
    ]);
    expect(settingsProblems(defaultSettings())).toEqual([]);
  });

  it('shows them in the notice as soon as the link is opened, keeping the values the link gave', async () => {
    const store = await openWith('?v=2&h=3&d=64');
    const { settings, notices, problems } = store.getState();
    expect([settings.heads, settings.dModel]).toEqual([3, 64]);
    expect(problems).toHaveLength(1);
    expect(notices).toEqual(problems);
    expect(notices[0]).toContain('heads (3) must divide dModel (64)');
  });

  it('names pooling whose window n/k is not whole, and drops the notice once the setting is fixed', async () => {
    const store = await openWith('?v=2&p=mean-pool&n=32&k=7');
    expect(store.getState().notices.join(' ')).toContain(
      'n (32) is not divisible by k in layer 1 (7), which mean-pool',
    );
    store.getState().set('k', 8);
    expect(store.getState().problems).toEqual([]);
    expect(store.getState().notices).toEqual([]);
  });

  it("applies a result's link with its repairs and problems returned for the caller to show", async () => {
    const store = await openWith('?v=2');
    // The fine-tune section's keys are its own (as finetuneStore registers them): not unknown to the experiment.
    const { registerLinkSection } = await import('./link');
    const ft = { name: 'start', key: 'ft', label: 'Start', help: '', type: 'int', default: 0, min: 0, max: 1 } as const;
    registerLinkSection({ name: 'fine-tuning', fields: [ft], values: () => ({ start: 0 }), restore: () => {} });
    const said = store.getState().applyLink('?v=2&n=64&n=32&h=3&ft=1');
    expect(store.getState().settings.seqLen).toBe(32);
    expect(said[0]).toBe('Sequence length n: the link gives "n" 2 times ("64", "32"); only the last, "32", was read.');
    expect(said.some((line) => line.includes('heads (3) must divide dModel'))).toBe(true);
    expect(said.join(' ')).not.toContain('unknown');
  });
});

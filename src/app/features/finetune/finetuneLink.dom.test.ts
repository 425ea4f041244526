// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';

// No IndexedDB in jsdom: the results history as an empty in-memory store.
vi.mock('../../shared/storage/labDb', () => ({
  openLabStore: async () => ({ all: async () => [], put: async () => {}, delete: async () => {} }),
}));

describe("a fine-tune result's settings link", () => {
  it('applies the settings the link gives and says, beside the table, what was repaired and what Start would refuse', async () => {
    const { useFineTuneStore } = await import('./finetuneStore');
    const { useExperimentStore } = await import('../../settings/experimentStore');
    useFineTuneStore.getState().applyLink('?v=2&n=64&n=32&h=3&fs=fresh');
    expect(useExperimentStore.getState().settings.seqLen).toBe(32);
    expect(useFineTuneStore.getState().choices.start).toBe('fresh');
    const notices = useFineTuneStore.getState().notices;
    expect(notices).toContain(
      'Sequence length n: the link gives "n" 2 times ("64", "32"); only the last, "32", was read.',
    );
    expect(notices.some((notice) => notice.includes('heads (3) must divide dModel'))).toBe(true);
    // Keys of the fine-tune section are its own, not unknown settings.
    expect(notices.join(' ')).not.toContain('unknown');
    expect(new URL(window.location.href).searchParams.get('n')).toBe('32');
  });
});

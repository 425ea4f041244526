import { describe, expect, it } from 'vitest';
import { EFFICIENCY_FIELDS } from './features/efficiency/efficiencyFields';
import { FINETUNE_FIELDS } from './features/finetune/finetuneFields';
import { SPECTRA_FIELDS } from './features/spectra/spectraFields';
import { HEAD_FIELDS } from './features/spectra/headFields';
import { EXPERIMENT_FIELDS, VERSION_KEY } from './settings/schema';
import { PAGE_KEYS } from './settings/link';

describe('the field tables that share the link', () => {
  it('never use the same key twice, nor the version or page keys', () => {
    const keys = [...EXPERIMENT_FIELDS, ...FINETUNE_FIELDS, ...EFFICIENCY_FIELDS, ...SPECTRA_FIELDS, ...HEAD_FIELDS].map((field) => field.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).not.toContain(VERSION_KEY);
    for (const key of PAGE_KEYS) expect(keys).not.toContain(key);
  });
});

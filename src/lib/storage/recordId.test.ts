import { afterEach, describe, expect, it, vi } from 'vitest';
import { newRecordId } from './recordId';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => vi.restoreAllMocks());

describe('ids of new records', () => {
  it('differ when made in the same millisecond, and are the prefix and a version 4 UUID', () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_764_000_000_000);
    const ids = Array.from({ length: 100 }, () => newRecordId('run'));
    expect(new Set(ids).size).toBe(100);
    for (const id of ids) expect(id.slice('run-'.length)).toMatch(UUID_V4);
  });

  it('are built from getRandomValues where randomUUID is missing (a page on plain http)', () => {
    // randomUUID lives on Crypto.prototype: an own property hides it, and deleting that brings it back.
    Object.defineProperty(globalThis.crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const ids = [newRecordId('ft'), newRecordId('ft')];
      expect(ids[0]).not.toBe(ids[1]);
      for (const id of ids) expect(id.slice('ft-'.length)).toMatch(UUID_V4);
    } finally {
      Reflect.deleteProperty(globalThis.crypto, 'randomUUID');
    }
    expect(typeof globalThis.crypto.randomUUID).toBe('function');
  });
});

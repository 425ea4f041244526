// @vitest-environment jsdom
/**
 * The page's notice about its database, driven by the real lab database (shared/storage/labDb.ts) on the in-memory
 * IndexedDB, where a second connection on the same factory is another tab.
 */
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageNotice, BLOCKED_TEXT, OUTDATED_TEXT } from './StorageNotice';
import { openLabStore } from '../shared/storage/labDb';
import { request } from '../../lib/storage/indexedDbRequests';
import { memoryIndexedDb } from '../../lib/storage/testing/memoryIndexedDb';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
let root: Root;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root.render(createElement(StorageNotice)));
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

const notice = () => container.querySelector('[data-testid="storage-notice"]');
const tasks = (n = 5) => act(() => new Promise((resolve) => setTimeout(resolve, n)));

describe('the storage notice', () => {
  it('says another tab blocks the database while it does, goes once it opens, and says when a newer tab took it over', async () => {
    const idb = memoryIndexedDb();
    const old = idb.factory.open('linformer-lab', 1);
    old.onupgradeneeded = () => old.result.createObjectStore('runs', { keyPath: 'id' });
    const oldTab = await request(old);
    expect(notice()).toBeNull();

    const opening = openLabStore<{ id: string }>('runs', idb.factory);
    await tasks();
    expect(notice()?.getAttribute('role')).toBe('alert');
    expect(notice()?.textContent).toContain(BLOCKED_TEXT);

    oldTab.close();
    const runs = await act(() => opening);
    expect(notice()).toBeNull();

    await act(() => request(idb.factory.open('linformer-lab', 3)));
    expect(notice()?.textContent).toContain(OUTDATED_TEXT);
    // The save that follows fails, and the notice stays.
    await expect(runs.put({ id: 'r1' })).rejects.toThrow('reload this tab');
    await tasks();
    expect(notice()?.textContent).toContain(OUTDATED_TEXT);
  });
});

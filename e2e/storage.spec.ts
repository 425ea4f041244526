import type { Page } from '@playwright/test';
import { test, expect, activeBackend } from './fixtures';

/**
 * The saved-data database in Chromium's real IndexedDB, with two pages of one browser context as two tabs of one
 * browser. The "other tab" that holds or upgrades the database is a page on the app's origin that is not the app
 * (its favicon), driving indexedDB by hand as an older or newer version of the app would.
 */

const BLOCKED =
  'Another tab of Linformer Lab holds an older version of its database; close it (or reload it) to continue.';
const OUTDATED = 'Linformer Lab was updated in another tab; reload this tab to keep saving.';

/** A page of the app's origin that is not the app. */
async function otherTab(page: Page): Promise<Page> {
  const other = await page.context().newPage();
  await other.goto('/favicon.svg');
  return other;
}

/** Opens 'linformer-lab' at `version` in `page` and keeps it open (as window.heldDb), never answering versionchange. */
function holdDatabase(page: Page, version: number): Promise<string[]> {
  return page.evaluate(
    (version) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('linformer-lab', version);
        open.onupgradeneeded = () => {
          if (!open.result.objectStoreNames.contains('runs')) open.result.createObjectStore('runs', { keyPath: 'id' });
        };
        open.onsuccess = () => {
          (window as unknown as { heldDb: IDBDatabase }).heldDb = open.result;
          resolve([...open.result.objectStoreNames]);
        };
        open.onerror = () => reject(open.error);
        open.onblocked = () => reject(new Error('blocked'));
      }),
    version,
  );
}

type StoredRun = { id: string; status: string; message?: string; steps: number };

/**
 * The runs stored now, read on a connection opened and closed at once (null before the app made its stores). Read
 * again when the read is aborted: the browser may still be closing connections just after a clear.
 */
async function storedRuns(page: Page): Promise<StoredRun[] | null> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await readRuns(page);
    } catch (error) {
      if (attempt === 5 || !String(error).includes('AbortError')) throw error;
      await page.waitForTimeout(200);
    }
  }
}

function readRuns(page: Page): Promise<StoredRun[] | null> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('linformer-lab');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('runs')) {
            db.close();
            return resolve(null);
          }
          const all = db.transaction('runs', 'readonly').objectStore('runs').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            db.close();
            resolve(
              (all.result as { id: string; status: string; message?: string; training: unknown[] }[]).map((run) => ({
                id: run.id,
                status: run.status,
                message: run.message,
                steps: run.training.length,
              })),
            );
          };
        };
      }),
  );
}

test('a tab holding an older database version: the page says so, waits, and loads once that tab lets go', async ({
  page,
  pageErrors,
}) => {
  const old = await otherTab(page);
  expect(await holdDatabase(old, 1)).toEqual(['runs']);
  await page.goto('/?backend=cpu');
  const notice = page.getByTestId('storage-notice');
  await expect(notice).toContainText(BLOCKED);
  await expect(page.getByText('Loading saved runs…')).toBeVisible();

  await old.evaluate(() => (window as unknown as { heldDb: IDBDatabase }).heldDb.close());
  await expect(notice).toBeHidden();
  await expect(page.getByText('Loading saved runs…')).toBeHidden();
  expect(pageErrors).toEqual([]);
});

test('a newer version opened in another tab: this tab lets it upgrade at once and says to reload', async ({
  page,
  pageErrors,
}) => {
  await page.goto('/?backend=cpu');
  await expect(page.getByText('Loading saved runs…')).toBeHidden();
  const newer = await otherTab(page);
  // Rejects on `blocked`: the app's open connection must close rather than hold the upgrade up.
  expect(await holdDatabase(newer, 3)).toEqual(['finetunes', 'runs']);
  await expect(page.getByTestId('storage-notice')).toContainText(OUTDATED);
  expect(pageErrors).toEqual([]);
});

test('site data cleared mid-run: saving resumes at once; a reload mid-run leaves the run stored as stopped', async ({
  page,
  pageErrors,
}) => {
  await page.goto('/?backend=cpu&n=32&k=8&d=32&ff=64&L=1&h=2&b=4&s=100000&ev=100000');
  await activeBackend(page);
  const lab = page.getByRole('region', { name: 'Training lab: masked-language modelling' });
  await lab.getByRole('button', { name: 'Start run' }).click();
  await expect(lab.getByTestId('run-status')).toHaveText('running');
  await expect.poll(async () => (await storedRuns(page))?.[0]?.status).toBe('running');

  // What DevTools' "Clear site data" does to IndexedDB: the database deleted, the page's connection closed by force.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(page.url()).origin, storageTypes: 'indexeddb' });
  expect(await storedRuns(page)).toBeNull();
  // The next throttled save (every 2 s) reopens the database and writes the run again.
  await expect.poll(async () => (await storedRuns(page))?.[0]?.status, { timeout: 15_000 }).toBe('running');
  await expect(page.getByText(/Could not save/)).toHaveCount(0);

  await page.reload();
  await expect.poll(async () => (await storedRuns(page))?.[0]?.status).toBe('stopped');
  const [run] = (await storedRuns(page)) ?? [];
  expect(run?.steps).toBeGreaterThan(0);
  expect(run?.message).toMatch(/^Interrupted at step \d+: the page was closed or reloaded during this run\.$/);
  expect(pageErrors).toEqual([]);
});

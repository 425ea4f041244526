import { test, expect, activeBackend } from './fixtures';
import type { Page } from '@playwright/test';

// The notebook tests' tiny run: a 1-layer Linformer (k = 8, n = 32), 10 steps, validated every 5.
const TINY = '/?n=32&k=8&d=32&ff=64&L=1&h=2&b=8&s=10&wu=2&ev=5';

/** The steps of the newest model the compute worker kept in IndexedDB (the app's weights database), or null. */
function keptSteps(page: Page): Promise<number | null> {
  return page.evaluate(
    () =>
      new Promise<number | null>((resolve, reject) => {
        // The app's schema (src/worker/savedModelDb.ts), so that opening it here first cannot leave it without its store.
        const open = indexedDB.open('linformer-lab-weights', 1);
        open.onupgradeneeded = () => {
          if (!open.result.objectStoreNames.contains('models')) open.result.createObjectStore('models', { keyPath: 'id' });
        };
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          // One record per kept run (keyed by run id); the newest by save time is the trained model.
          const get = db.transaction('models', 'readonly').objectStore('models').getAll();
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            db.close();
            const records = get.result as { steps?: number; savedAt?: string }[];
            const newest = records.sort((a, b) => (b.savedAt ?? '').localeCompare(a.savedAt ?? ''))[0];
            resolve(newest?.steps ?? null);
          };
        };
      }),
  );
}

/**
 * A trained model outlives the tab: the worker saves its weights when the run finishes, and after a reload (no run in
 * this session) the spectra section analyses it as the trained model and fine-tuning starts from it. "Clear all
 * saved data" deletes it with the rest.
 */
test('a trained model kept across a reload is analysed, and clearing the saved data removes it', async ({ page, pageErrors }) => {
  test.setTimeout(400_000);
  await page.goto(TINY);
  expect(await activeBackend(page)).toBe('webgpu');
  const lab = page.getByRole('region', { name: /Attention spectra/ });
  await expect(page.getByTestId('spectra-trained-note')).toContainText('No trained model yet in this session');
  await expect(page.getByTestId('spectra-kept-model')).toHaveCount(0);

  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 200_000 });
  // The save runs in the worker after the last step; a reload before it lands would lose it.
  await expect.poll(() => keptSteps(page), { timeout: 30_000 }).toBe(10);

  await page.reload();
  await activeBackend(page);
  const kept = page.getByTestId('spectra-kept-model');
  await expect(kept).toHaveText(
    'Trained model from the last session: linformer k=8, n=32, seed 1, moby-dick, 10 steps (kept in this browser).',
    { timeout: 60_000 },
  );
  await expect(page.getByTestId('spectra-trained-note')).not.toContainText('No trained model');
  await lab.getByLabel('Model to analyse').selectOption('trained');
  await lab.getByLabel('Sequences to average over').fill('4');
  await lab.getByRole('button', { name: 'Compute spectra' }).click();
  const status = page.getByTestId('spectra-status');
  await expect(status).toContainText('Done', { timeout: 200_000 });
  await expect(status).toContainText('trained');
  await expect(page.getByTestId('spectra-heatmap')).toBeVisible();

  // Fine-tuning starts from it too: a few steps are enough to show that it is found.
  const finetune = page.getByRole('region', { name: 'Fine-tuning: sentence classification' });
  await finetune.getByLabel('Sentences').selectOption('uci-sentiment');
  await finetune.getByLabel('Start from').selectOption('trained');
  await finetune.getByLabel('Fine-tune steps').fill('3');
  await finetune.getByLabel('Batch size').fill('8');
  await finetune.getByRole('button', { name: 'Start fine-tune' }).click();
  await expect(finetune.getByTestId('finetune-status')).toContainText('Done', { timeout: 120_000 });
  await expect(finetune.getByTestId('finetune-row')).toContainText(
    'yes (10 MLM steps on moby-dick, run "linformer k=8, n=32, seed 1, moby-dick")',
  );

  const clearAll = page.getByRole('button', { name: 'Clear all saved data' });
  await clearAll.click();
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Clear', exact: true }).click()]);
  await activeBackend(page);
  await expect(page.getByTestId('spectra-trained-note')).toContainText('No trained model yet in this session', { timeout: 60_000 });
  await expect(page.getByTestId('spectra-kept-model')).toHaveCount(0);
  expect(await keptSteps(page)).toBeNull();
  expect(pageErrors).toEqual([]);
});

import type { Page } from '@playwright/test';
import { test, expect, activeBackend } from './fixtures';

const presets = (page: Page) => page.getByRole('region', { name: /Presets/ });

/**
 * A whole preset queue on WebGPU (SwiftShader in CI): Figure 3(a)'s quick look at one seed (three runs of 80 steps),
 * with a reload in the middle. What it shows: one click queues every configuration; the queue survives a reload and
 * continues with the runs still missing (the run cut short by the reload is made again); the figure shows each
 * configuration; and the verdict, computed from the finished runs, says the quick look is too small to tell anything,
 * because these runs end above the context-blind floor.
 */
test('a quick-look preset runs as one queue through a reload to its verdict', async ({ page, pageErrors }) => {
  test.setTimeout(900_000);
  await page.goto('/');
  expect(await activeBackend(page)).toBe('webgpu');
  await presets(page).getByRole('button', { name: 'k varied at fixed n' }).click();
  await expect(presets(page).getByRole('radio', { name: /Quick look/ })).toBeChecked();
  await presets(page).getByLabel('Seeds per configuration').fill('1');
  await presets(page).getByRole('button', { name: 'Run whole preset (3 of 3 runs to go)' }).click();

  const status = presets(page).getByTestId('preset-queue-status');
  await expect(status).toContainText('Queue: 1 of 3 runs done', { timeout: 400_000 });
  // The first run is saved as it finishes; a reload now cuts the second one short.
  await page.reload();
  expect(await activeBackend(page)).toBe('webgpu');
  // Resumed without a click: the stored queue names its preset, size and seeds.
  await expect(presets(page).getByTestId('preset-queue-status')).toContainText(
    /Queue: 1 of 3 runs done; now k = 4, seed 1/,
    { timeout: 60_000 },
  );
  await expect(presets(page).getByTestId('preset-queue-message')).toContainText('Queue finished: all 3 runs', {
    timeout: 600_000,
  });

  const verdict = presets(page).getByTestId('preset-verdict');
  await expect(verdict).toContainText('No verdict yet: The comparison tells nothing yet');
  await expect(verdict).toContainText(/standard attention ended at up to \d\.\d\d× the context-blind floor/);
  for (const label of ['standard attention', 'k = 4', 'k = 8']) {
    await expect(verdict).toContainText(
      new RegExp(`${label}: perplexity \\d+\\.\\d\\d \\(one seed: no spread measured\\)`),
    );
    await expect(presets(page).getByTestId('preset-figure')).toContainText(`${label} (1 seed)`);
  }
  await expect(presets(page).getByText('· 1 of 1 seeds finished')).toHaveCount(3);
  console.log(await verdict.textContent());
  expect(pageErrors).toEqual([]);
});

import { test, expect, activeBackend } from './fixtures';
import type { Locator } from '@playwright/test';
import { readFileSync } from 'node:fs';

/** The numbers printed in the heatmap's cells, row by row. */
async function heatmapValues(heatmap: Locator): Promise<number[]> {
  const texts = await heatmap.locator('g.cell text').allTextContents();
  return texts.map(Number);
}

/**
 * Spectra of a tiny freshly initialised model on WebGPU (SwiftShader): the attention is read back from the GPU,
 * the SVDs run in the nested worker pool, and the layers × heads heatmap fills with shares in (0, 1]. Then a
 * Linformer snapshot is computed and compared side by side with the standard one.
 */
test('spectra of initialised standard and Linformer models fill the heatmap and compare side by side', async ({
  page,
  pageErrors,
}) => {
  test.setTimeout(240_000);
  // si=8: the heatmap's index i, a control of its own (the model's k only sets the initialised Linformer below).
  await page.goto('/?n=32&k=8&d=32&ff=64&L=2&h=2&a=standard&si=8');
  expect(await activeBackend(page)).toBe('webgpu');
  const lab = page.getByRole('region', { name: /Attention spectra/ });
  await expect(page.getByTestId('spectra-trained-note')).toContainText('No trained model yet in this session');
  await expect(lab.getByLabel('Index i of the top-i share')).toHaveValue('8');
  await expect(lab.getByLabel('Projected length k')).toHaveCount(0);
  await lab.getByLabel('Sequences to average over').fill('4');
  await lab.getByRole('button', { name: 'Compute spectra' }).click();
  const status = page.getByTestId('spectra-status');
  await expect(status).toContainText('Done', { timeout: 200_000 });
  await expect(status).toContainText('initialised standard');
  await expect(page.getByTestId('spectra-progress')).toHaveJSProperty('value', 1);

  const heatmap = page.getByTestId('spectra-heatmap');
  await expect(heatmap.locator('g.cell')).toHaveCount(2 * 2);
  await expect(heatmap.locator('rect[data-missing]')).toHaveCount(0);
  const values = await heatmapValues(heatmap);
  expect(values).toHaveLength(4);
  for (const value of values) {
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThanOrEqual(1);
  }

  const rows = page.getByTestId('spectra-table').locator('tbody tr');
  await expect(rows).toHaveCount(4);
  // Columns: layer, head, top-k share, rank-k error, effective rank, meaningful values.
  for (const row of await rows.all()) {
    const cells = await row.locator('td').allTextContents();
    const share = Number(cells[2]);
    const error = Number(cells[3]);
    const rank = Number(cells[4]);
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThanOrEqual(1);
    expect(error).toBeGreaterThanOrEqual(0);
    expect(error).toBeLessThan(1);
    expect(rank).toBeGreaterThanOrEqual(1);
    expect(rank).toBeLessThanOrEqual(32);
  }
  // The SVDs ran in the pool of nested module workers, not inside the compute worker.
  await expect(lab.locator('.spectra-column').first()).toContainText(/SVDs on [1-4] workers?\)/);

  // The heatmap's data exports as CSV: one row per head.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    lab.getByRole('button', { name: /Download the data of Top-8 share .* as CSV/ }).click(),
  ]);
  const csv = readFileSync((await download.path())!, 'utf8').trim().split(/\r\n/);
  expect(csv[0]).toBe('layer,head,i,top_i_share');
  expect(csv).toHaveLength(1 + 4);
  csv.slice(1).forEach((line, i) => expect(Number(line.split(',')[3])).toBeCloseTo(values[i], 2));

  // One curve per head, the two reference curves and the index marker (and a noise marker when the float32 floor
  // cuts a tail).
  expect(await lab.locator('.spectra-column').first().locator('g.series').count()).toBeGreaterThanOrEqual(7);
  await expect(page.getByTestId('spectra-reference-legend')).toContainText('uniform attention');

  // A Linformer snapshot: P̄ is 32 × 8, so at index k = 8 it holds all of its spectrum — and the section says so.
  await expect(page.getByTestId('spectra-linformer-note')).toHaveCount(0);
  await lab.getByLabel('Attention', { exact: true }).selectOption('linformer');
  await expect(page.getByTestId('spectra-linformer-note')).toContainText('cannot test Claim 1');
  // Only here, analysing an initialised Linformer, does the model's k matter to the section.
  await expect(lab.getByLabel('Projected length k')).toBeVisible();
  await lab.getByRole('button', { name: 'Compute spectra' }).click();
  await expect(status).toContainText('initialised linformer', { timeout: 200_000 });
  expect(await heatmapValues(heatmap)).toEqual([1, 1, 1, 1]);
  const picker = lab.getByLabel('Compare side by side with');
  const standardLabel = await picker.locator('option', { hasText: 'initialised standard' }).textContent();
  await picker.selectOption({ label: standardLabel ?? '' });
  const compared = page.getByTestId('spectra-heatmap-compare');
  await expect(compared.locator('g.cell')).toHaveCount(4);
  // The same standard snapshot, printed with as many decimals as the shared colour range needs.
  const comparedValues = await heatmapValues(compared);
  comparedValues.forEach((value, i) => expect(value).toBeCloseTo(values[i], 2));
  // A colour scale fixed to 0–1 (in the link as "sc") gives both heatmaps the same bar; the cells keep their digits.
  await lab.getByLabel('Colour scale').selectOption('fixed');
  await expect(page).toHaveURL(/[?&]sc=fixed(&|$)/);
  for (const figure of [heatmap, compared]) {
    await expect(figure.locator('.colour-axis .tick text').first()).toHaveText('0.0');
    await expect(figure.locator('.colour-axis .tick text').last()).toHaveText('1.0');
  }
  expect(await heatmapValues(compared)).toEqual(comparedValues);

  // One click sets up the analysis that can test the claim; the Linformer snapshot on show keeps its note.
  await page.getByRole('button', { name: 'Analyse standard attention instead' }).click();
  await expect(lab.getByLabel('Attention', { exact: true })).toHaveValue('standard');
  await expect(page).toHaveURL(/[?&]a=standard(&|$)/);
  await expect(page.getByTestId('spectra-linformer-note')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Analyse standard attention instead' })).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('a spectrum analysis can be cancelled, keeping the snapshots before it, and the next one runs', async ({ page, pageErrors }) => {
  test.setTimeout(240_000);
  await page.goto('/?n=32&k=8&d=32&ff=64&L=2&h=2&a=standard&sn=2');
  await activeBackend(page);
  const lab = page.getByRole('region', { name: /Attention spectra/ });
  const status = page.getByTestId('spectra-status');
  await lab.getByRole('button', { name: 'Compute spectra' }).click();
  await expect(status).toContainText('Done', { timeout: 200_000 });
  // A longer analysis (256 sequences), cancelled as soon as it starts.
  await lab.getByLabel('Sequences to average over').fill('256');
  await lab.getByRole('button', { name: 'Compute spectra' }).click();
  await lab.getByRole('button', { name: 'Cancel analysis' }).click();
  await expect(status).toContainText('Cancelled', { timeout: 200_000 });
  await expect(lab.getByRole('button', { name: 'Cancel analysis' })).toBeDisabled();
  // The snapshot from before is still on show, and nothing of the cancelled one was added.
  await expect(page.getByTestId('spectra-heatmap').locator('g.cell')).toHaveCount(4);
  await expect(lab.getByLabel('Show').locator('option')).toHaveCount(1);
  await lab.getByLabel('Sequences to average over').fill('2');
  await lab.getByRole('button', { name: 'Compute spectra' }).click();
  await expect(status).toContainText('Done', { timeout: 200_000 });
  await expect(lab.getByLabel('Show').locator('option')).toHaveCount(2);
  expect(pageErrors).toEqual([]);
});

test('asking for the spectra of a trained model before any run says what to do', async ({ page, pageErrors }) => {
  await page.goto('/?n=32&k=8&d=32&ff=64&L=1&h=2');
  await activeBackend(page);
  const lab = page.getByRole('region', { name: /Attention spectra/ });
  await lab.getByLabel('Model to analyse').selectOption('trained');
  await lab.getByRole('button', { name: 'Compute spectra' }).click();
  await expect(page.getByTestId('spectra-status')).toContainText('no trained model yet', { timeout: 60_000 });
  await expect(lab.getByRole('button', { name: 'Compute spectra' })).toBeEnabled();
  expect(pageErrors).toEqual([]);
});

import { test, expect, activeBackend } from './fixtures';
import { readFileSync } from 'node:fs';

/**
 * The head view on WebGPU (SwiftShader): one head of a tiny freshly initialised standard model for one sampled
 * validation sequence, drawn over its characters beside its best rank-r approximation. Moving r with the keyboard
 * moves the relative error (smaller at larger r, 0 at r = n), the read-out names a cell, and the matrix exports as
 * SVG and the spectrum as CSV. Then the same head of a Linformer shows P̄ with compressed key positions.
 */
test('the head view shows one head’s P and its rank-r approximation, with the error moving with r', async ({ page, pageErrors }) => {
  test.setTimeout(180_000);
  await page.goto('/?n=32&k=8&d=32&ff=64&L=2&h=2&a=standard&sn=4');
  expect(await activeBackend(page)).toBe('webgpu');
  const view = page.getByRole('group', { name: 'Look inside a head' });
  await expect(view.getByTestId('head-status')).toHaveText('No head shown yet.');
  await view.getByLabel('Layer', { exact: true }).fill('2');
  await view.getByLabel('Head', { exact: true }).fill('2');
  await view.getByLabel('Sequence', { exact: true }).fill('3');
  await view.getByRole('button', { name: 'Show this head' }).click();
  const status = view.getByTestId('head-status');
  await expect(status).toContainText('Shown: initialised standard, layer 2 · head 2, sequence 3 of 4', { timeout: 120_000 });

  // P over the sequence's 32 characters, and P_r beside it.
  const matrix = view.getByTestId('head-heatmap-p');
  await expect(matrix.locator('g.cell')).toHaveCount(32 * 32);
  await expect(view.getByTestId('head-heatmap-pr').locator('g.cell')).toHaveCount(32 * 32);
  const rowLabels = await matrix.locator('g.row-labels text').allTextContents();
  expect(rowLabels).toHaveLength(32);
  expect(rowLabels.filter((label) => label !== '').length).toBeGreaterThanOrEqual(16);

  // r from the keyboard: Home is r = 1, arrows step, End is r = n.
  const error = async () => Number(await view.getByTestId('head-error').getAttribute('data-error'));
  const rank = view.getByTestId('head-rank-value');
  const slider = view.getByLabel('Rank r of the approximation');
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(rank).toHaveText('r = 1 of 32');
  const atOne = await error();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(rank).toHaveText('r = 4 of 32');
  const atFour = await error();
  await page.keyboard.press('End');
  await expect(rank).toHaveText('r = 32 of 32');
  const atN = await error();
  expect(atOne).toBeGreaterThan(0);
  expect(atFour).toBeLessThan(atOne);
  expect(atN).toBeLessThan(1e-6);
  await expect(view.getByTestId('head-error')).toContainText('at r = 32 of 32');
  await slider.blur();
  await expect(page).toHaveURL(/[?&]svr=32(&|$)/);

  // The read-out names the cell under the pointer in both matrices.
  await matrix.locator('g.cell[data-row="1"][data-col="2"]').hover();
  await expect(view.getByTestId('head-readout')).toContainText(/^query 2 .* → key 3 .*: P = [\d.e-]+, P₃₂ = [\d.e-]+$/);

  // The matrix exports as SVG (colours resolved), the spectrum's data as CSV.
  const [svgDownload] = await Promise.all([
    page.waitForEvent('download'),
    view.getByRole('button', { name: 'Download P: attention probabilities as SVG' }).click(),
  ]);
  expect(svgDownload.suggestedFilename()).toBe('head-P-L2H2-seq3.svg');
  const svg = readFileSync((await svgDownload.path())!, 'utf8');
  expect(svg).toContain('<svg');
  expect(svg).toContain('P: attention probabilities');
  expect(svg).not.toContain('var(--');
  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    view.getByRole('button', { name: /Download the data of Singular values of P .* as CSV/ }).click(),
  ]);
  const csv = readFileSync((await csvDownload.path())!, 'utf8').trim().split(/\r\n/);
  expect(csv[0]).toBe('index,sigma,sigma_over_sigma1,rank_i_relative_error,chosen_rank');
  expect(csv).toHaveLength(1 + 32);

  // The same head of an initialised Linformer: P̄ is 32 × 8, read at once since a head is on show.
  await page.getByRole('region', { name: /Attention spectra/ }).getByLabel('Attention', { exact: true }).selectOption('linformer');
  await expect(status).toContainText('Shown: initialised linformer (k = 8), layer 2 · head 2', { timeout: 120_000 });
  await expect(view.getByTestId('head-linformer-note')).toContainText('compressed');
  await expect(matrix.locator('g.cell')).toHaveCount(32 * 8);
  expect(await matrix.locator('g.col-labels text').allTextContents()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
  await expect(rank).toHaveText('r = 8 of 8');
  expect(await error()).toBeLessThan(1e-6);
  expect(pageErrors).toEqual([]);
});

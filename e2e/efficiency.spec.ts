import { test, expect, activeBackend } from './fixtures';

/**
 * A two-point sweep (n = 32 and 64, k = 16) of a tiny model on WebGPU (SwiftShader here): both kinds are
 * measured at both lengths, and the rows reach the time figure and the Table-3-style grid.
 */
test('a two-point efficiency sweep streams rows into the figure and the grid', async ({ page, pageErrors }) => {
  test.setTimeout(300_000);
  await page.goto('/?d=32&ff=64&L=1&h=2&b=2');
  expect(await activeBackend(page)).toBe('webgpu');

  await page.getByLabel('Sweep n (powers of two)').fill('32, 64');
  await page.getByLabel('Sweep k (powers of two)').fill('16');
  await page.getByLabel('Timed runs per point').fill('2');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toBeEnabled();

  // standard and Linformer at n = 32 and n = 64.
  await expect(page.getByTestId('efficiency-rows')).toHaveText('4', { timeout: 280_000 });
  await expect(page.getByTestId('efficiency-progress')).toContainText('4 of 4 points');
  await expect(page.getByTestId('efficiency-progress')).toContainText('finished');

  const figure = page.getByTestId('efficiency-time-figure');
  for (const series of ['standard (measured)', 'Linformer k = 16 (measured)']) {
    await expect(figure.locator(`g.series[data-series="${series}"] .series-markers path`)).toHaveCount(2);
  }
  // Theory lines are drawn beside the measured points.
  await expect(figure.locator('g.series[data-series="standard (theory)"]')).toHaveCount(1);

  const grid = page.getByTestId('efficiency-grid');
  await expect(grid.getByTestId('ratio-cell')).toHaveCount(2);
  const speedups = await grid.getByTestId('ratio-cell').locator('td:nth-child(3)').allTextContents();
  for (const text of speedups) expect(Number.parseFloat(text)).toBeGreaterThan(0);
  await expect(grid).toContainText('reference: V100, larger model');
  await expect(page.getByTestId('efficiency-error')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('a bad sweep list is refused with a message, and k cannot exceed n', async ({ page, pageErrors }) => {
  await page.goto('/');
  await activeBackend(page);
  await page.getByLabel('Sweep n (powers of two)').fill('32, 100');
  await expect(page.getByRole('alert').filter({ hasText: '“100” is not a power of two' })).toBeVisible();
  const n = page.getByLabel('Sequence length n', { exact: true }).last();
  // The lab's n slider: move it to its smallest value (16) from the keyboard; k follows down.
  await n.focus();
  await n.press('Home');
  await expect(page.getByLabel('Projected length k', { exact: true }).last()).toHaveAttribute(
    'aria-valuetext',
    /^(8|16)$/,
  );
  expect(pageErrors).toEqual([]);
});

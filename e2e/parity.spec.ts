import { test, expect, activeBackend } from './fixtures';

/**
 * The status bar's "Check this backend" on the backends only a browser has: WebGPU (SwiftShader here) and
 * WebGL. Each trains the parity model (2 layers, d 16, n 16, batch 4, 12 steps) on the page's backend and on
 * cpu in a worker of its own, and both attention kinds must match the cpu backend within the tolerance.
 */
const BACKENDS = [
  { name: 'webgpu', path: '/' },
  { name: 'webgl', path: '/?backend=webgl' },
] as const;

for (const { name, path } of BACKENDS) {
  test(`the backend check passes on ${name}`, async ({ page, pageErrors }) => {
    test.setTimeout(150_000);
    await page.goto(path);
    expect(await activeBackend(page)).toBe(name);

    const button = page.getByRole('button', { name: 'Check this backend' });
    await expect(button).toHaveAccessibleDescription(/Trains a tiny seeded model for 12 steps/);
    // Keyboard first: the control is a real button.
    await button.focus();
    await page.keyboard.press('Enter');
    const started = Date.now();
    await expect(page.getByTestId('parity-progress')).toBeVisible();
    await expect(button).toBeDisabled();

    const result = page.getByTestId('parity-result');
    await expect(result).toBeVisible({ timeout: 120_000 });
    const seconds = (Date.now() - started) / 1000;
    const summary = (await page.getByTestId('parity-summary').textContent()) ?? '';
    console.log(`${name}: ${summary} (${seconds.toFixed(1)} s)`);
    for (const attention of ['standard', 'linformer']) {
      const row = page.getByTestId(`parity-row-${attention}`);
      const read = async (attribute: string) => Number(await row.getAttribute(attribute));
      const lossGap = await read('data-loss-gap');
      const normGap = await read('data-norm-gap');
      const clipped = await read('data-clipped');
      const referenceClipped = await read('data-reference-clipped');
      console.log(
        `${name} ${attention}: loss gap ${lossGap.toExponential(2)}, norm gap ${normGap.toExponential(2)}, ` +
          `clipped ${clipped} of 12 (cpu ${referenceClipped})`,
      );
      expect(lossGap).toBeLessThanOrEqual(1e-3);
      expect(normGap).toBeLessThanOrEqual(1e-2);
      expect(clipped).toBe(referenceClipped);
      expect(clipped).toBeGreaterThanOrEqual(9);
      await expect(row).toHaveAttribute('data-pass', 'true');
      await expect(row.getByRole('cell', { name: 'Pass' })).toBeVisible();
    }
    await expect(result).toHaveAttribute('data-pass', 'true');
    await expect(page.getByTestId('parity-summary')).toHaveText(/^Pass:/);
    await expect(button).toBeEnabled();
    // The page's own compute worker is untouched: still on the same backend.
    expect(await activeBackend(page)).toBe(name);
    expect(pageErrors).toEqual([]);
  });
}

test('a check that cannot run says why, and the next one runs', async ({ page, pageErrors }) => {
  await page.goto('/?backend=cpu');
  expect(await activeBackend(page)).toBe('cpu');
  // The compute worker reads the corpus once at load (the efficiency lab's vocabulary); only then is the next
  // request for it the check's own. Its worker fetches the corpus itself: answer it with a 404 once, as a missing
  // data file would.
  await expect(page.getByText('The vocabulary is that of the training corpus', { exact: false })).toBeVisible({ timeout: 30_000 });
  let refused = 0;
  await page.route('**/data/moby-dick.txt', (route) => {
    if (refused++ > 0) return route.fallback();
    return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not here' });
  });
  const button = page.getByRole('button', { name: 'Check this backend' });
  await button.click();
  await expect(page.getByTestId('parity-error')).toContainText('could not run: Moby-Dick');
  await expect(page.getByTestId('parity-error')).toContainText('answered 404');
  await expect(button).toBeEnabled();

  await button.click();
  await expect(page.getByTestId('parity-error')).toHaveCount(0);
  await expect(page.getByTestId('parity-result')).toHaveAttribute('data-pass', 'true', { timeout: 60_000 });
  // The browser logs the refused request itself; nothing else may go wrong.
  expect(pageErrors.filter((error) => !error.includes('404'))).toEqual([]);
});

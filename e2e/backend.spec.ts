import { test, expect, activeBackend } from './fixtures';

test('the app loads without page errors and runs on WebGPU', async ({ page, pageErrors }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Linformer Lab' })).toBeVisible();
  expect(await activeBackend(page)).toBe('webgpu');
  await expect(page.getByTestId('adapter')).toContainText('Adapter:');
  await expect(page.getByTestId('why-not-webgpu')).toHaveCount(0);
  // The tests run on SwiftShader, and the status bar says what that means for every timing.
  await expect(page.getByTestId('software-adapter')).toContainText(
    'Software GPU (SwiftShader): every time and speed measured here is that of a CPU emulating a GPU',
  );
  expect(pageErrors).toEqual([]);
});

test('?backend=cpu runs on the cpu backend and says why it is not WebGPU', async ({ page, pageErrors }) => {
  await page.goto('/?backend=cpu');
  expect(await activeBackend(page)).toBe('cpu');
  await expect(page.getByTestId('why-not-webgpu')).toContainText('?backend=cpu');
  expect(pageErrors).toEqual([]);
});

test('an unknown ?backend= value is ignored with a notice, not an error', async ({ page, pageErrors }) => {
  await page.goto('/?backend=%3Cb%3Ebogus%3C%2Fb%3E');
  expect(await activeBackend(page)).toBe('webgpu');
  await expect(page.getByText('Ignored ?backend=<b>bogus</b>')).toBeVisible();
  expect(pageErrors).toEqual([]);
});

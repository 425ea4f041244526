import { test, expect, activeBackend } from './fixtures';

/**
 * A short masked-LM run on the real Moby-Dick corpus on WebGPU (SwiftShader in CI, where a step of even this
 * tiny model takes most of a second). It must learn: validation perplexity falls between its first and last
 * measurement and ends far below the uniform guess (the vocabulary size).
 */
test('a short Linformer run on Moby-Dick learns on WebGPU', async ({ page, pageErrors }) => {
  test.setTimeout(240_000);
  await page.goto('/?n=32&k=8&d=32&ff=64&L=1&h=2&b=8&s=30&wu=5&ev=10&lr=0.01');
  expect(await activeBackend(page)).toBe('webgpu');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 220_000 });

  const vocabulary = Number(await page.getByTestId('metric-vocab').textContent());
  const first = Number(await page.getByTestId('metric-first-val-ppl').textContent());
  const last = Number(await page.getByTestId('metric-val-ppl').textContent());
  console.log(`validation perplexity ${first} → ${last}; vocabulary ${vocabulary}`);
  expect(vocabulary).toBeGreaterThan(30);
  expect(last).toBeLessThan(first);
  expect(last).toBeLessThan(0.75 * vocabulary);
  expect(pageErrors).toEqual([]);
});

test('an impossible config is refused with a message naming the problem', async ({ page, pageErrors }) => {
  // mean-pool needs n divisible by k: 64 / 24 is not whole.
  await page.goto('/?n=64&k=24&p=mean-pool&s=5');
  await activeBackend(page);
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-error')).toContainText('not divisible by k');
  await expect(page.getByRole('button', { name: 'Start run' })).toBeEnabled();
  expect(pageErrors).toEqual([]);
});

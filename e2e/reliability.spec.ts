import type { Page } from '@playwright/test';
import { test, expect, activeBackend } from './fixtures';

/**
 * What a GPU fault does to a job, whether the page runs under its Content-Security-Policy, and whether the notebook
 * works offline after its first load. GPU faults are real ones, caused through the compute worker's test hooks
 * (src/worker/gpuTestHooks.ts, on only with ?testHooks=1): device.destroy() and a buffer with usages WebGPU forbids.
 */

const lab = (page: Page) => page.getByRole('region', { name: 'Training lab: masked-language modelling' });

// A tiny model, so a step takes a fraction of a second on SwiftShader; 2,000 steps, so the run is still going when
// the fault comes. No validation pass before the end.
const TINY_RUN = 'n=32&k=8&d=32&ff=64&L=1&h=2&b=4&s=2000&wu=5&ev=2000';

declare global {
  interface Window {
    cspViolations: string[];
    linformerTestHooks: { destroyDevice(): Promise<void>; raiseGpuError(): Promise<void> };
  }
}

/** Records every CSP violation of the page from its first script on. */
async function recordCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      window.cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}`),
    );
  });
}

const steps = async (page: Page) => Number(await lab(page).getByTestId('run-step').textContent());

/** Starts the tiny run on WebGPU and waits for a few reported steps; returns how many. */
async function trainAFewSteps(page: Page): Promise<number> {
  await page.goto(`/?testHooks=1&${TINY_RUN}`);
  expect(await activeBackend(page)).toBe('webgpu');
  await lab(page).getByRole('button', { name: 'Start run' }).click();
  await expect.poll(() => steps(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
  return steps(page);
}

/** Points drawn on the loss chart's lines (M and L path commands). */
const lossChartPoints = (page: Page) =>
  lab(page)
    .getByTestId('loss-chart')
    .locator('path.series-line')
    .evaluateAll((paths) => paths.reduce((sum, p) => sum + (p.getAttribute('d')?.match(/[ML]/g)?.length ?? 0), 0));

test('a lost GPU device stops the run with its cause, keeps its steps, and the page (under its CSP) goes on', async ({
  page,
  pageErrors,
}) => {
  await recordCspViolations(page);
  const before = await trainAFewSteps(page);
  await page.evaluate(() => window.linformerTestHooks.destroyDevice());

  await expect(lab(page).getByTestId('run-status')).toHaveText('failed');
  const error = lab(page).getByTestId('run-error');
  await expect(error).toContainText('The GPU device was lost');
  await expect(error).toContainText('try a smaller n, batch or model');
  // Every step reported before the loss is still the run's: in its progress, its history entry and the loss chart.
  const kept = await steps(page);
  expect(kept).toBeGreaterThanOrEqual(before);
  await expect(page.getByTestId('history-run').first()).toContainText(`failed · ${kept} of 2000 steps`);
  expect(await lossChartPoints(page)).toBeGreaterThanOrEqual(kept);

  // The page says the GPU is gone and offers a reload on wasm with the same settings.
  const fault = page.getByTestId('gpu-fault');
  await expect(fault).toContainText('The GPU is gone.');
  const wasm = new URL((await fault.getByRole('link', { name: 'Reload on wasm' }).getAttribute('href')) ?? '');
  expect(wasm.searchParams.get('backend')).toBe('wasm');
  expect(wasm.searchParams.get('n')).toBe('32');
  expect(wasm.searchParams.has('testHooks')).toBe(false);

  // Still usable: a new run is refused with the same cause instead of hanging on a dead device.
  await lab(page).getByRole('button', { name: 'Start run' }).click();
  await expect(lab(page).getByTestId('run-error')).toContainText('The GPU device was lost');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // Loading and training raised no CSP violation; and the policy is live: an inline script is refused and reported.
  expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
  const inlineRan = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineScriptRan = true;';
    document.head.append(script);
    return (window as Window & { inlineScriptRan?: boolean }).inlineScriptRan === true;
  });
  expect(inlineRan).toBe(false);
  await expect.poll(() => page.evaluate(() => window.cspViolations)).toEqual(['script-src-elem blocked inline']);
  // The refused inline script is logged by the browser; nothing else may go wrong.
  expect(pageErrors.filter((e) => !e.includes('Content Security Policy'))).toEqual([]);
});

test('an uncaptured WebGPU validation error stops the run with its message', async ({ page, pageErrors }) => {
  const before = await trainAFewSteps(page);
  await page.evaluate(() => window.linformerTestHooks.raiseGpuError());

  await expect(lab(page).getByTestId('run-status')).toHaveText('failed');
  const error = lab(page).getByTestId('run-error');
  await expect(error).toContainText('The GPU rejected work');
  // Dawn's own words about the forbidden usage combination.
  await expect(error).toContainText(/MapRead/i);
  expect(await steps(page)).toBeGreaterThanOrEqual(before);
  await expect(page.getByTestId('gpu-fault')).toContainText('The GPU reported an error.');
  expect(pageErrors).toEqual([]);
});

test.describe('offline', () => {
  // The other specs block service workers (playwright.config.ts): page.route cannot see requests a worker answers.
  test.use({ serviceWorkers: 'allow' });

  test('after the first load the notebook reloads and trains with the network off', async ({
    page,
    context,
    pageErrors,
  }) => {
    const address = '/?backend=wasm&n=32&k=8&d=32&ff=64&L=1&h=2&b=4&s=5&wu=1&ev=5';
    await page.goto(address);
    expect(await activeBackend(page)).toBe('wasm');
    // The service worker is active once it has precached every built file; then it takes control of the page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
      }
    });

    await context.setOffline(true);
    await page.reload();
    // Really offline: a file that was never cached cannot be fetched.
    expect(
      await page.evaluate(() =>
        fetch('/not-cached.txt').then(
          () => 'fetched',
          () => 'failed',
        ),
      ),
    ).toBe('failed');
    expect(await activeBackend(page)).toBe('wasm');
    await lab(page).getByRole('button', { name: 'Start run' }).click();
    await expect(lab(page).getByTestId('run-status')).toHaveText('finished', { timeout: 60_000 });
    expect(await steps(page)).toBe(5);
    // The failed fetch of the uncached file is logged by the browser; nothing else may go wrong.
    expect(pageErrors.filter((e) => !e.includes('not-cached.txt') && !e.includes('ERR_INTERNET_DISCONNECTED'))).toEqual(
      [],
    );
  });
});

import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, activeBackend } from './fixtures';

/**
 * The notebook around the training lab: settings live in the URL (sliders replace the history entry, presets
 * and runs push one), damaged links are repaired with a notice, runs stream into the perplexity figure, are
 * kept in IndexedDB across reloads, and export/import as JSON; figures export as SVG.
 */
const TINY = '/?n=32&k=8&d=32&ff=64&L=1&h=2&b=8&s=10&wu=2&ev=5';
/** Other sections of the notebook show some of the same settings; these tests use the training lab's. */
const lab = (page: Page) => page.getByRole('region', { name: 'Training lab: masked-language modelling' });

test('a finished slider change is one history entry, and a reload restores it', async ({ page, pageErrors }) => {
  await page.goto(TINY);
  await activeBackend(page);
  const nSlider = lab(page).getByLabel('Sequence length n');
  const entries = await page.evaluate(() => history.length);
  await nSlider.focus();
  // Two presses in a row are one edit. Steps are powers of two and midpoints: 32 → 48 → 64.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/[?&]n=64(&|$)/);
  expect(await page.evaluate(() => history.length)).toBe(entries + 1);
  // After a pause the edit is finished: the next press starts a new entry, and back returns to 64.
  await page.waitForTimeout(1000);
  await page.keyboard.press('ArrowLeft');
  await expect(page).toHaveURL(/[?&]n=48(&|$)/);
  expect(await page.evaluate(() => history.length)).toBe(entries + 2);
  await page.goBack();
  await expect(page).toHaveURL(/[?&]n=64(&|$)/);
  await expect(lab(page).getByLabel('Sequence length n')).toHaveAttribute('aria-valuetext', '64');
  await page.goForward();
  await expect(page).toHaveURL(/[?&]n=48(&|$)/);
  await page.reload();
  await activeBackend(page);
  await expect(lab(page).getByLabel('Sequence length n')).toHaveAttribute('aria-valuetext', '48');
  await expect(page).toHaveURL(/[?&]k=8(&|$)/);

  // Copy link puts exactly this experiment's address on the clipboard.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(lab(page).getByText('Link to this experiment copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
  expect(pageErrors).toEqual([]);
});

test('every setting says what it does, and the learning rate moves on a log scale', async ({ page, pageErrors }) => {
  await page.goto(TINY);
  await activeBackend(page);
  // The help under each control is its accessible description.
  await expect(lab(page).getByLabel('Sequence length n')).toHaveAccessibleDescription(/Characters per training sequence/);
  await expect(lab(page).getByLabel('Learning rate', { exact: true })).toHaveAccessibleDescription(/peak learning rate/);
  const logSlider = lab(page).getByLabel('Learning rate (log scale)');
  await logSlider.focus();
  // One step is a twentieth of a decade: a factor of about 1.12 per press.
  const before = Number(await lab(page).getByLabel('Learning rate', { exact: true }).inputValue());
  await page.keyboard.press('ArrowRight');
  const after = Number(await lab(page).getByLabel('Learning rate', { exact: true }).inputValue());
  expect(after / before).toBeGreaterThan(1.05);
  expect(after / before).toBeLessThan(1.2);
  await expect(page).toHaveURL(new RegExp(`[?&]lr=${after}(&|$)`));
  expect(pageErrors).toEqual([]);
});

test('a damaged link shows a notice and renders none of its markup', async ({ page, pageErrors }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto('/?n=abc&zz=1&k=<script>alert(1)</script>&a=<img src=x onerror=alert(2)>');
  await activeBackend(page);
  const notice = page.getByTestId('settings-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Sequence length n: ignored "abc" (not a number)');
  await expect(notice).toContainText('Ignored unknown setting "zz"');
  await expect(notice).toContainText('"<script>alert(1)</script>"');
  await expect(page.locator('#root script, #root img')).toHaveCount(0);
  // The repaired link is canonical: the bad values are gone from the address bar.
  await expect(page).not.toHaveURL(/script|zz=|abc/);
  expect(dialogs).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('back and forward restore settings set by a preset', async ({ page, pageErrors }) => {
  await page.goto(TINY);
  await activeBackend(page);
  const nSlider = lab(page).getByLabel('Sequence length n');
  const kSlider = lab(page).getByLabel('Projected length k');
  const attention = lab(page).getByLabel('Attention', { exact: true });
  await expect(nSlider).toHaveAttribute('aria-valuetext', '32');
  // Choosing a preset shows its plan; loading one of its runs (the quick look, seed 1) sets the settings.
  await page.getByRole('button', { name: 'k varied at fixed n' }).click();
  await expect(page.getByTestId('preset-plan')).toContainText('standard attention');
  await expect(nSlider).toHaveAttribute('aria-valuetext', '32');
  await page.getByRole('button', { name: 'Load run: standard attention' }).click();
  await expect(nSlider).toHaveAttribute('aria-valuetext', '16');
  await expect(attention).toHaveValue('standard');
  await page.getByRole('button', { name: 'Load run: k = 4' }).click();
  await expect(kSlider).toHaveAttribute('aria-valuetext', '4');
  await expect(attention).toHaveValue('linformer');

  await page.goBack();
  // The preset's standard-attention run (its k of 8 is kept for when attention is switched back).
  await expect(attention).toHaveValue('standard');
  await expect(kSlider).toHaveAttribute('aria-valuetext', '8');
  await expect(nSlider).toHaveAttribute('aria-valuetext', '16');
  await page.goBack();
  await expect(nSlider).toHaveAttribute('aria-valuetext', '32');
  await expect(kSlider).toHaveAttribute('aria-valuetext', '8');
  await expect(page).toHaveURL(/[?&]n=32(&|$)/);
  await page.goForward();
  await expect(nSlider).toHaveAttribute('aria-valuetext', '16');
  expect(pageErrors).toEqual([]);
});

test('a short run fills the perplexity figure, survives a reload, and exports and imports', async ({
  page,
  pageErrors,
}) => {
  test.setTimeout(300_000);
  await page.goto(TINY);
  expect(await activeBackend(page)).toBe('webgpu');
  const figure = page.getByTestId('ppl-chart');
  await expect(figure.locator('.series-marker')).toHaveCount(0);

  await page.getByRole('button', { name: 'Start run' }).click();
  // Points appear while the run streams (validation every 5 steps).
  await expect(figure.locator('.series-marker').first()).toBeVisible({ timeout: 200_000 });
  await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 200_000 });
  await expect(figure.locator('.series-marker')).toHaveCount(2);
  // One corpus shown, so the reference lines are not named by corpus; both are labelled with what they score.
  await expect(figure).toContainText('unigram baseline, whole validation text');
  await expect(figure).toContainText('context-blind floor, scored positions');
  await expect(page.getByTestId('loss-chart').locator('.series-line').first()).toBeVisible();

  const label = 'linformer k=8, n=32, seed 1';
  await page.reload();
  await activeBackend(page);
  const saved = page.getByTestId('history-run').filter({ hasText: label });
  await expect(saved).toHaveCount(1);
  await expect(saved).toContainText('finished');
  await expect(saved).toContainText('10 of 10 steps');
  // Nobody ticked a run: the latest runs are drawn after the reload, and the history says why.
  await expect(saved.getByRole('checkbox')).toBeChecked();
  await expect(figure.locator('.series-marker')).toHaveCount(2);
  await expect(page.getByTestId('history-latest-note')).toContainText('The figures show the latest run');
  // Unticking is a choice, kept across a reload.
  await saved.getByRole('checkbox').uncheck();
  await expect(figure.locator('.series-marker')).toHaveCount(0);
  await expect(page.getByTestId('history-latest-note')).toHaveCount(0);
  await page.reload();
  await activeBackend(page);
  await expect(saved).toHaveCount(1);
  await expect(saved.getByRole('checkbox')).not.toBeChecked();
  await expect(figure.locator('.series-marker')).toHaveCount(0);
  // Ticking the saved run draws it again.
  await saved.getByRole('checkbox').check();
  await expect(figure.locator('.series-marker')).toHaveCount(2);

  const [jsonDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: `Export JSON of ${label}` }).click(),
  ]);
  expect(jsonDownload.suggestedFilename()).toMatch(/\.json$/);
  const jsonPath = await jsonDownload.path();
  const file = JSON.parse(await readFile(jsonPath, 'utf8'));
  expect(file).toMatchObject({ format: 'linformer-lab-run', seed: 1, backend: 'webgpu', config: { seqLen: 32, k: 8 } });
  expect(file.series.validation).toHaveLength(2);

  await page.getByRole('button', { name: `Delete ${label}` }).click();
  await expect(page.getByTestId('history-run')).toHaveCount(0);
  await expect(figure.locator('.series-marker')).toHaveCount(0);
  await lab(page).getByLabel('Import a run (JSON)').setInputFiles(jsonPath);
  await expect(page.getByTestId('history-message')).toContainText(`Imported "${label}"`);
  await expect(page.getByTestId('history-run').filter({ hasText: label })).toHaveCount(1);
  await expect(figure.locator('.series-marker')).toHaveCount(2);

  // A file that is not a run is refused with a message.
  await lab(page)
    .getByLabel('Import a run (JSON)')
    .setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format": "linformer-lab-run", "formatVersion": 1, "config": {"seqLen": "<b>x</b>"}}'),
    });
  await expect(page.getByTestId('history-message')).toContainText('Could not import "broken.json"');
  await expect(page.locator('#root b')).toHaveCount(0);

  const [svgDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download validation perplexity against updates as SVG' }).click(),
  ]);
  expect(svgDownload.suggestedFilename()).toBe('validation-perplexity.svg');
  const svg = await readFile(await svgDownload.path(), 'utf8');
  expect(svg).toContain('<svg');
  expect(svg).toContain('unigram baseline');
  expect(svg).toContain('context-blind floor');
  expect(svg).not.toContain('var(--');

  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the data of validation perplexity against updates as CSV' }).click(),
  ]);
  const csv = await readFile(await csvDownload.path(), 'utf8');
  expect(csv.split('\r\n')[0]).toContain('validation_perplexity');
  expect(csv.trim().split('\r\n')).toHaveLength(3);
  expect(pageErrors).toEqual([]);
});

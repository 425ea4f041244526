import type { Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import { test, expect, activeBackend } from './fixtures';
import { EXPERIMENT_FIELDS, SCHEMA_VERSION, defaultValues } from '../src/app/settings/schema';

/**
 * The page on a phone (390 × 844 CSS pixels) and on a desktop (1280 × 900), in light and dark, checked by axe-core
 * with every rule it runs by default: the page as it opens, with a preset's plan open, and with spectra computed.
 * The phone test also checks by hand what axe cannot see in one snapshot: nothing scrolls sideways but the tables'
 * own boxes, whose captions wrap, and those boxes scroll from the keyboard.
 */
test.use({ viewport: { width: 390, height: 844 } });

/** A small model whose spectra compute in seconds on SwiftShader (as in spectra.spec.ts), standard attention. */
const SMALL_SPECTRA = '/?n=32&k=8&d=32&ff=64&L=2&h=2&a=standard&sn=2';

/**
 * axe's violations on the page as it stands, reduced to what a failure needs to be read: the rule, its impact and
 * the elements (CSS selectors) it found, so `toEqual([])` prints them.
 */
async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`.slice(0, 300)),
  }));
}

async function computeSpectra(page: Page) {
  const lab = page.getByRole('region', { name: /Attention spectra/ });
  await lab.getByRole('button', { name: 'Compute spectra' }).click();
  await expect(page.getByTestId('spectra-status')).toContainText('Done', { timeout: 200_000 });
  await expect(page.getByTestId('spectra-heatmap').locator('g.cell')).toHaveCount(4);
}

const trainingLab = (page: Page) => page.getByRole('region', { name: 'Training lab: masked-language modelling' });

interface Layout {
  scrollWidth: number;
  /** Every element that scrolls sideways, as axe would see it. */
  scrollers: { className: string; tabIndex: string | null; role: string | null; label: string }[];
  /** Every table box, scrolling or not. */
  boxes: { tabIndex: string | null; role: string | null; label: string }[];
  /** Table captions wider than their box (a caption must wrap to it). */
  wideCaptions: string[];
}

function layout(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const describe = (el: Element) => ({
      tabIndex: el.getAttribute('tabindex'),
      role: el.getAttribute('role'),
      label: el.getAttribute('aria-label') ?? '',
    });
    const scrollers = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => {
        const { overflowX } = getComputedStyle(el);
        return (overflowX === 'auto' || overflowX === 'scroll') && el.scrollWidth > el.clientWidth;
      })
      .map((el) => ({ className: String(el.className), ...describe(el) }));
    const wideCaptions = [...document.querySelectorAll('.table-wrap caption')]
      .filter((caption) => caption.getBoundingClientRect().width > caption.closest('.table-wrap')!.clientWidth + 1)
      .map((caption) => (caption.textContent ?? '').slice(0, 60));
    return {
      scrollWidth: document.documentElement.scrollWidth,
      scrollers,
      boxes: [...document.querySelectorAll('.table-wrap')].map(describe),
      wideCaptions,
    };
  });
}

function expectPhoneLayout(found: Layout) {
  expect(found.scrollWidth).toBeLessThanOrEqual(390);
  expect(found.wideCaptions).toEqual([]);
  expect(found.boxes.length).toBeGreaterThan(0);
  for (const box of [...found.boxes, ...found.scrollers]) {
    expect(box.tabIndex).toBe('0');
    expect(box.role).toBe('region');
    expect(box.label).not.toBe('');
  }
}

/** A finished run as a run file, with the default settings, for the history to import. */
function runFile(id: string): string {
  const config = defaultValues(EXPERIMENT_FIELDS);
  return JSON.stringify({
    format: 'linformer-lab-run',
    formatVersion: 1,
    schemaVersion: SCHEMA_VERSION,
    appVersion: '0.1.0',
    exportedAt: '2026-01-01T00:00:00.000Z',
    id,
    label: 'layout test run',
    startedAt: '2026-01-01T00:00:00.000Z',
    status: 'finished',
    backend: 'webgpu',
    adapter: null,
    seed: config.seed,
    link: '',
    config,
    info: {
      vocabSize: 85,
      parameters: { total: 1000, trainable: 1000 },
      trainTokens: 1000,
      validationTokens: 100,
      unigramPerplexity: 22.3,
    },
    series: {
      training: [{ step: 1, loss: 3.1, learningRate: 0.001, msPerStep: 12, tokensPerSecond: 900, numTensors: 40 }],
      validation: [{ step: 1, loss: 3.0, perplexity: 20.1 }],
    },
  });
}

test('on a phone nothing scrolls sideways but the tables, whose boxes take focus and scroll by keyboard', async ({
  page,
  pageErrors,
}) => {
  await page.goto('/');
  await activeBackend(page);
  expectPhoneLayout(await layout(page));
  expect(await axeViolations(page)).toEqual([]);

  // A figure reached by the keyboard shows its focus ring at once, before an arrow key draws the read-out's cursor:
  // Shift+Tab back from the figure's first export button lands on the figure itself.
  const lossFigure = trainingLab(page).getByTestId('loss-chart');
  await lossFigure.getByRole('button').first().focus();
  await page.keyboard.press('Shift+Tab');
  const figureSvg = lossFigure.locator('svg[role="figure"]');
  await expect(figureSvg).toBeFocused();
  expect(await figureSvg.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');

  // The wide fine-tune table scrolls in its box, from the keyboard too.
  const results = page.getByRole('region', { name: 'Fine-tune results measured here' });
  await results.focus();
  await expect(results).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => results.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);

  // A preset's plan, and a run in the history, fit as well.
  await page.getByRole('button', { name: 'k varied at fixed n' }).click();
  await expect(page.getByTestId('preset-plan')).toBeVisible();
  await trainingLab(page)
    .getByLabel('Import a run (JSON)')
    .setInputFiles({ name: 'layout-run.json', mimeType: 'application/json', buffer: Buffer.from(runFile('layout-1')) });
  await expect(page.getByTestId('history-run')).toHaveCount(1);
  expectPhoneLayout(await layout(page));
  expect(await axeViolations(page)).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('on a phone, spectra computed leave nothing for axe and nothing scrolling sideways', async ({ page, pageErrors }) => {
  test.setTimeout(240_000);
  await page.goto(SMALL_SPECTRA);
  await activeBackend(page);
  await computeSpectra(page);
  expectPhoneLayout(await layout(page));
  expect(await axeViolations(page)).toEqual([]);
  expect(pageErrors).toEqual([]);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`on a desktop in ${colorScheme} mode`, () => {
    test.use({ viewport: { width: 1280, height: 900 }, colorScheme });

    test('axe finds nothing as the page opens, with a preset open and with spectra computed', async ({
      page,
      pageErrors,
    }) => {
      test.setTimeout(240_000);
      await page.goto(SMALL_SPECTRA);
      await activeBackend(page);
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'k varied at fixed n' }).click();
      await expect(page.getByTestId('preset-plan')).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);

      await computeSpectra(page);
      expect(await axeViolations(page)).toEqual([]);
      expect(pageErrors).toEqual([]);
    });
  });
}

test('the footer says where the data lives, and clearing it empties the run history after a reload', async ({
  page,
  pageErrors,
}) => {
  await page.goto('/');
  await activeBackend(page);
  await expect(page.getByTestId('saved-data')).toContainText('IndexedDB');
  await trainingLab(page)
    .getByLabel('Import a run (JSON)')
    .setInputFiles({ name: 'layout-run.json', mimeType: 'application/json', buffer: Buffer.from(runFile('layout-2')) });
  await expect(page.getByTestId('history-run')).toHaveCount(1);
  await page.reload();
  await activeBackend(page);
  await expect(page.getByTestId('history-run')).toHaveCount(1);

  // Asked first, inline; Keep keeps everything.
  const clearAll = page.getByRole('button', { name: 'Clear all saved data' });
  await clearAll.click();
  await expect(page.getByText('Are you sure?')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Keep' })).toBeFocused();
  await page.getByRole('button', { name: 'Keep' }).click();
  await expect(clearAll).toBeFocused();
  await expect(page.getByTestId('history-run')).toHaveCount(1);

  await clearAll.click();
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Clear', exact: true }).click()]);
  await activeBackend(page);
  await expect(trainingLab(page).getByText('No runs yet.')).toBeVisible();
  await expect(page.getByTestId('history-run')).toHaveCount(0);
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('linformer-lab')));
  expect(keys).toEqual([]);
  // Still empty after one more reload: nothing was written back while the page unloaded.
  await page.reload();
  await activeBackend(page);
  await expect(trainingLab(page).getByText('No runs yet.')).toBeVisible();
  expect(pageErrors).toEqual([]);
});

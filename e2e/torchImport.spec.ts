import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect, activeBackend } from './fixtures';
import { readSafetensors, writeSafetensors } from '../src/lib/export/safetensors';

/** Debian's PyTorch is for /usr/bin/python3 (the python3 on PATH may be another interpreter). */
const PYTHON = '/usr/bin/python3';

function torchAvailable(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import torch, numpy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Trained weights back into the notebook: `npm run export:torch` writes a bundle (a tiny standard model trained two
 * steps, in Node), the spectra section opens its config.json + model.safetensors and shows the validation perplexity it
 * measured; a damaged weights file (one tensor missing) is refused with a message naming the tensor, and the weights
 * opened before stay the ones on offer; then the bundle's own trainer (`torchrun`, two CPU processes) trains two more
 * steps, and its trained.safetensors opens the same way and has its spectra computed. As in scripts/torch/, the
 * PyTorch part is skipped (with the reason) only where torch is missing and LINFORMER_REQUIRE_TORCH is not 1 (CI).
 */
test('a bundle from export:torch opens in the spectra section; a damaged one is refused by name', async ({
  page,
  pageErrors,
}) => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'torch-import-'));
  try {
    const bundle = path.join(dir, 'bundle');
    execFileSync(
      'npx',
      [
        'tsx',
        'scripts/export-torch.ts',
        '--settings',
        '?v=2&n=32&d=32&ff=64&L=1&h=2&a=standard',
        '--steps',
        '2',
        '--backend',
        'cpu',
        '--out',
        bundle,
      ],
      {
        stdio: 'pipe',
      },
    );
    const config = path.join(bundle, 'config.json');
    const weights = path.join(bundle, 'model.safetensors');
    const vocabSize = (JSON.parse(readFileSync(config, 'utf8')) as { model: { vocabSize: number } }).model.vocabSize;
    const damaged = path.join(dir, 'damaged.safetensors');
    const tensors = readSafetensors(readFileSync(weights)).tensors.filter(
      (tensor) => tensor.name !== 'layer0/feedForward/in/kernel',
    );
    writeFileSync(damaged, writeSafetensors(tensors));

    await page.goto('/?backend=wasm');
    expect(await activeBackend(page)).toBe('wasm');
    const lab = page.getByRole('region', { name: /Attention spectra/ });
    const input = lab.getByLabel('Open trained weights (config.json + .safetensors)');
    await input.setInputFiles([config, weights]);
    await expect(page.getByTestId('import-weights-message')).toContainText(
      'Checked every tensor and setting of model.safetensors against config.json',
      {
        timeout: 30_000,
      },
    );
    const perplexity = Number(await page.getByTestId('imported-perplexity').textContent());
    // Two steps from the initial weights: far from trained, but a measured perplexity of a model over this vocabulary.
    expect(perplexity).toBeGreaterThan(1);
    expect(perplexity).toBeLessThan(4 * vocabSize);
    await expect(page.getByTestId('imported-weights')).toContainText('model.safetensors (standard, n = 32, 2 steps)');

    await input.setInputFiles([config, damaged]);
    await expect(page.getByTestId('import-weights-message')).toContainText(
      'Refused damaged.safetensors: The weights do not fit config.json\'s model: tensor "layer0/feedForward/in/kernel" is missing',
    );
    await expect(page.getByTestId('import-weights-message')).toHaveAttribute('role', 'alert');
    await expect(page.getByTestId('imported-perplexity')).toHaveText(perplexity.toFixed(3));

    let analysed = 'model.safetensors';
    if (torchAvailable() || process.env.LINFORMER_REQUIRE_TORCH === '1') {
      // torch 1.13's torchrun needs --redirects/--tee under Python 3.11 (README); two gloo processes on the CPU.
      execFileSync(
        PYTHON,
        [
          '-m',
          'torch.distributed.run',
          '--redirects',
          '1',
          '--tee',
          '1',
          '--standalone',
          '--nproc_per_node=2',
          '-m',
          'linformer_lab.train',
          '.',
          '--steps',
          '2',
        ],
        { cwd: bundle, stdio: 'pipe', env: { ...process.env, OMP_NUM_THREADS: '1' } },
      );
      await input.setInputFiles([config, path.join(bundle, 'trained.safetensors')]);
      await expect(page.getByTestId('imported-weights')).toContainText(
        'trained.safetensors (standard, n = 32, 4 steps)',
        {
          timeout: 30_000,
        },
      );
      const trainedPerplexity = Number(await page.getByTestId('imported-perplexity').textContent());
      expect(trainedPerplexity).toBeGreaterThan(1);
      expect(trainedPerplexity).not.toBe(perplexity);
      analysed = 'trained.safetensors';
    } else {
      console.warn('torchImport.spec: /usr/bin/python3 has no torch; the torchrun part was skipped.');
    }

    await lab.getByLabel('Sequences to average over').fill('2');
    await lab.getByRole('button', { name: 'Compute spectra' }).click();
    const status = page.getByTestId('spectra-status');
    await expect(status).toContainText('Done', { timeout: 40_000 });
    await expect(status).toContainText('trained');
    await expect(page.getByTestId('spectra-heatmap').locator('g.cell')).toHaveCount(1 * 2);
    await expect(page.getByTestId('imported-weights')).toContainText(analysed);
    expect(pageErrors).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

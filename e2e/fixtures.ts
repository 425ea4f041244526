import { test as base, expect, type Page } from '@playwright/test';

/**
 * A page that records every uncaught page error and console error, so each test can assert the app
 * ran cleanly.
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: async ({ page }, provide) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    await provide(errors);
  },
});

export { expect };

/** Waits until the status area names an active backend, and returns it. */
export async function activeBackend(page: Page): Promise<string> {
  const backend = page.getByTestId('active-backend');
  await expect(backend).toBeVisible({ timeout: 60_000 });
  return (await backend.textContent()) ?? '';
}

/**
 * Takes a full-page screenshot of the running app in headless Chromium with WebGPU, for looking at
 * what we build and for the README. Usage: tsx scripts/screenshot.ts [url] [out.png] [--dark] [--wait-for TEXT]
 */
import { chromium } from '@playwright/test';
import { chromiumExecutable, chromiumWebGpuArgs } from '../e2e/browser';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
};
const dark = args.includes('--dark');
if (dark) args.splice(args.indexOf('--dark'), 1);
const waitFor = flag('--wait-for');
const width = Number(flag('--width') ?? 1280);
const [url = 'http://127.0.0.1:4173/', out = 'screenshot.png'] = args;

const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: chromiumWebGpuArgs });
const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: dark ? 'dark' : 'light' });
page.on('pageerror', (e) => console.error('pageerror:', e.message));
await page.goto(url);
await page.getByTestId('active-backend').waitFor({ timeout: 60_000 });
if (waitFor) await page.getByText(waitFor).first().waitFor({ timeout: 600_000 });
await page.screenshot({ path: out, fullPage: true });
await browser.close();
console.log(`wrote ${out}`);

// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EstimateButton, EstimateStatus } from './EstimateControl';
import type { MeasuredEstimate } from './measuredEstimate';
import { useMeasuredEstimate } from './useMeasuredEstimate';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
let root: Root;
let calls: string[];
let answer: () => Promise<MeasuredEstimate>;

/** A job whose estimate depends on `settingsKey`, with the button and the status line the labs show. */
function Job({ settingsKey }: { settingsKey: string }) {
  const state = useMeasuredEstimate(settingsKey, () => {
    calls.push(settingsKey);
    return answer();
  });
  return createElement(
    'div',
    null,
    createElement(EstimateButton, { state, help: 'times it' }),
    createElement(EstimateStatus, { state, busyText: 'Timing…', testId: 'estimate' }),
  );
}

const render = (settingsKey: string) => act(() => root.render(createElement(Job, { settingsKey })));
const status = () => container.querySelector('[data-testid="estimate"]')!;
const button = () => container.querySelector('button')!;
const click = () => act(async () => button().click());

describe('an estimate measured before a job starts', () => {
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    calls = [];
    answer = async () => ({ seconds: 180, basis: 'measured: 340 ms a step over 3 steps on wasm' });
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  it('shows nothing until asked, then the estimate with its basis, marked as an estimate', async () => {
    render('a');
    expect(status().textContent).toBe('');
    expect((status() as HTMLElement).hidden).toBe(true);
    await click();
    expect(calls).toEqual(['a']);
    expect(status().textContent).toBe(
      'Estimated before starting: about 3 min (measured: 340 ms a step over 3 steps on wasm).',
    );
  });

  it('is dropped as soon as the settings change, and asks for a new one; going back shows it again', async () => {
    render('a');
    await click();
    render('b');
    expect(status().textContent).toBe('The settings changed since the last estimate: estimate again.');
    render('a');
    expect(status().textContent).toContain('about 3 min');
  });

  it('keeps the button disabled while measuring, so one click starts one measurement', async () => {
    let finish!: (value: MeasuredEstimate) => void;
    answer = () => new Promise((resolve) => (finish = resolve));
    render('a');
    await click();
    expect(status().textContent).toBe('Timing…');
    expect(button().disabled).toBe(true);
    await click();
    expect(calls).toEqual(['a']);
    await act(async () => finish({ seconds: 30, basis: 'b' }));
    expect(button().disabled).toBe(false);
    expect(status().textContent).toBe('Estimated before starting: under a minute (b).');
  });

  it('shows a failed measurement as an error, never as an estimate', async () => {
    answer = () => Promise.reject(new Error('A run is training: pause or stop it before timing steps.'));
    render('a');
    await click();
    expect(status().textContent).toBe('Could not estimate: A run is training: pause or stop it before timing steps.');
    expect(status().className).toContain('status-error');
  });
});

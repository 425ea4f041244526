// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FineTuneControls } from './FineTuneControls';
import { defaultFineTuneChoices, type FineTuneChoices } from './finetuneFields';
import { KEPT_MODELS, trainedModelLabel } from './trainedModelLabels';
import type { TrainedModelChoice } from '../../../worker/finetuneTypes';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** The select reads no spec: an empty one stands in. */
const spec = {} as TrainedModelChoice['spec'];
const MODELS: TrainedModelChoice[] = [
  {
    id: 'run-3',
    label: 'linformer k=8, n=32, seed 1, sotu',
    steps: 400,
    corpus: 'sotu',
    spec,
    savedAt: null,
    current: true,
    training: false,
  },
  {
    id: 'run-2',
    label: 'standard, n=32, seed 1, sotu',
    steps: 300,
    corpus: 'sotu',
    spec,
    savedAt: '2026-01-01T12:00:00Z',
    current: false,
    training: false,
  },
];

let container: HTMLDivElement;
let root: Root;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

function render(choices: FineTuneChoices, trainedRunId: string, onChooseTrainedRun: (id: string) => void) {
  act(() =>
    root.render(
      createElement(FineTuneControls, {
        choices,
        disabled: false,
        onChoose: () => undefined,
        onInvalid: () => undefined,
        trainedModels: MODELS,
        trainedRunId,
        onChooseTrainedRun,
      }),
    ),
  );
}

const modelSelect = () => container.querySelector<HTMLSelectElement>('[data-testid="finetune-trained-model"]');

describe('the fine-tune controls’ choice of trained model', () => {
  it('offers every kept model under a visible label with its help, the latest chosen by default', () => {
    render({ ...defaultFineTuneChoices(), start: 'trained' }, '', () => undefined);
    const select = modelSelect()!;
    expect(container.querySelector(`label[for="${select.id}"]`)?.textContent).toBe('Trained model');
    expect([...select.options].map((option) => option.textContent)).toEqual(MODELS.map(trainedModelLabel));
    expect(select.value).toBe('run-3');
    expect(select.options[0].textContent).toMatch(/^latest: linformer k=8.*400 steps \(this session, not kept yet\)$/);
    const help = document.getElementById(select.getAttribute('aria-describedby')!)!;
    expect(help.textContent).toContain(`latest ${KEPT_MODELS} finished or stopped runs`);
  });

  it('names an older run by its id, and the latest again as "" (so a newer run becomes the default)', () => {
    const chosen = vi.fn();
    render({ ...defaultFineTuneChoices(), start: 'trained' }, 'run-2', chosen);
    const select = modelSelect()!;
    expect(select.value).toBe('run-2');
    act(() => {
      select.value = 'run-3';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(chosen).toHaveBeenLastCalledWith('');
    act(() => {
      select.value = 'run-2';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(chosen).toHaveBeenLastCalledWith('run-2');
  });

  it('is not offered for a fine-tune from fresh weights', () => {
    render({ ...defaultFineTuneChoices(), start: 'fresh' }, '', () => undefined);
    expect(modelSelect()).toBeNull();
  });
});

/**
 * How the trained-model choice names each model it offers: the run in words, its steps and where it lives (this
 * session's memory, or kept in IndexedDB since a time), with the latest marked. Pure, so the words are tested.
 */
import { formatCount } from '../../shared/format/format';
import type { TrainedModelChoice } from '../../../worker/finetuneTypes';
import { KEPT_MODELS } from '../../../worker/savedModelDb';

export { KEPT_MODELS };

/** "14:05:09 on 1 Dec" in the page's locale: enough to tell the runs of a day apart. */
function savedTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return 'at an unknown time';
  // Seconds too: two short runs ended within a minute must still read apart.
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const day = date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
  return `${time} on ${day}`;
}

export function trainedModelLabel(model: TrainedModelChoice, index: number): string {
  const where = model.training
    ? 'still training'
    : model.savedAt === null
      ? 'this session, not kept yet'
      : `kept ${savedTime(model.savedAt)}`;
  return `${index === 0 ? 'latest: ' : ''}${model.label}, ${formatCount(model.steps, 'step')} (${where})`;
}

export const TRAINED_MODEL_HELP =
  `Which training run's model to fine-tune a copy of. The models of the latest ${KEPT_MODELS} finished or stopped ` +
  'runs are kept in this browser (IndexedDB, a few megabytes at most); an older one is dropped when a newer run ends.';

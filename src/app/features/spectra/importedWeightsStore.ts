/**
 * Trained weights opened from a PyTorch bundle (config.json + .safetensors): the page's side of the worker's
 * importedModel.ts. While set, they are the trained model the spectra section analyses (SpectraLab reads `imported`);
 * a run started afterwards replaces them in the worker, and so here. A refused pair leaves everything as it was.
 */
import * as Comlink from 'comlink';
import { create } from 'zustand';
import { computeWorker } from '../../shared/compute/computeClient';
import { describeError } from '../../shared/format/describeError';
import type { ActionMessageValue } from '../../shared/forms/ActionMessage';
import { defaultSettings, type ExperimentSettings } from '../../settings/schema';
import { reconcile } from '../../settings/urlState';
import { useRunStore } from '../training/runStore';
import type { ImportedWeightsInfo } from '../../../worker/torchBundleTypes';

/** config.json is a few kilobytes; anything far larger is not one. */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;
/** A browser tab cannot hold much more; models a tab can analyse are far smaller. */
const MAX_WEIGHTS_BYTES = 1024 * 1024 * 1024;

export interface ImportedWeights extends ImportedWeightsInfo {
  /** The experiment settings that describe the model (for the figures' labels and the head view). */
  settings: ExperimentSettings;
}

interface ImportedWeightsState {
  imported: ImportedWeights | null;
  busy: boolean;
  message: ActionMessageValue | null;
  /** Opens the pair among `files` (one config.json and one .safetensors); refuses any other choice with a message. */
  open(files: readonly File[]): Promise<boolean>;
}

/** The experiment settings for an imported model: its architecture and corpus over the defaults. */
export function settingsOfImported(info: ImportedWeightsInfo): ExperimentSettings {
  const { config } = info;
  const sameK = config.kPerLayer.every((k) => k === config.kPerLayer[0]);
  const settings: ExperimentSettings = {
    ...defaultSettings(),
    corpus: info.corpus,
    tokenizer: info.tokenizer,
    attention: config.attention,
    sharing: config.sharing,
    projection: config.projection,
    projectionInit: config.projectionInit ?? 'normal',
    seqLen: config.seqLen,
    layers: config.layers,
    heads: config.heads,
    dModel: config.dModel,
    dFF: config.dFF,
    dropout: config.dropout,
    seed: config.seed,
    k: config.kPerLayer[0] ?? defaultSettings().k,
    kPerLayer: sameK ? [] : [...config.kPerLayer],
  };
  reconcile(settings);
  return settings;
}

/** Which of the chosen files is config.json and which the weights, or a sentence saying what is missing. */
export function pickBundlePair(files: readonly File[]): { config: File; weights: File } | string {
  const configs = files.filter((file) => file.name.toLowerCase().endsWith('.json'));
  const weights = files.filter((file) => file.name.toLowerCase().endsWith('.safetensors'));
  if (configs.length !== 1 || weights.length !== 1 || files.length !== 2) {
    return `Choose two files together: the bundle's config.json and one .safetensors of its weights (got ${files.length === 0 ? 'none' : files.map((f) => f.name.slice(0, 60)).join(', ')}).`;
  }
  if (configs[0].size > MAX_CONFIG_BYTES)
    return `${configs[0].name} is ${(configs[0].size / 1e6).toFixed(0)} MB: too large to be a bundle's config.json.`;
  if (weights[0].size > MAX_WEIGHTS_BYTES)
    return `${weights[0].name} is ${(weights[0].size / 1e9).toFixed(1)} GB: larger than this page can open (1 GB).`;
  return { config: configs[0], weights: weights[0] };
}

export const useImportedWeightsStore = create<ImportedWeightsState>((set, get) => ({
  imported: null,
  busy: false,
  message: null,
  async open(files) {
    if (get().busy) return false;
    const pair = pickBundlePair(files);
    if (typeof pair === 'string') {
      set({ message: { kind: 'error', text: pair } });
      return false;
    }
    set({
      busy: true,
      message: {
        kind: 'info',
        text: `Checking ${pair.weights.name} against ${pair.config.name} and scoring it on the validation text…`,
      },
    });
    try {
      const [configText, buffer] = await Promise.all([pair.config.text(), pair.weights.arrayBuffer()]);
      const weights = new Uint8Array(buffer);
      const outcome = await computeWorker().importTrainedWeights(
        Comlink.transfer({ configText, weights, weightsName: pair.weights.name }, [buffer]),
      );
      if (!outcome.ok) {
        set({ busy: false, message: { kind: 'error', text: `Refused ${pair.weights.name}: ${outcome.refusal}` } });
        return false;
      }
      const { info } = outcome;
      set({
        busy: false,
        imported: { ...info, settings: settingsOfImported(info) },
        message: {
          kind: 'info',
          text: `Checked every tensor and setting of ${pair.weights.name} against ${pair.config.name}, and scored it on ${info.corpus}'s validation text here (${info.backend}).`,
        },
      });
      return true;
    } catch (error) {
      set({ busy: false, message: { kind: 'error', text: `Could not open the weights: ${describeError(error)}` } });
      return false;
    }
  },
}));

// A run started after the import replaces the imported model in the worker (trainingSession.startRun).
useRunStore.subscribe((state, previous) => {
  if (state.current && state.current.id !== previous.current?.id && useImportedWeightsStore.getState().imported) {
    useImportedWeightsStore.setState({
      imported: null,
      message: { kind: 'info', text: 'The imported weights were closed: a new run is the trained model now.' },
    });
  }
});

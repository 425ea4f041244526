/**
 * What the page and the compute worker exchange for the PyTorch bundle (exportSession.ts) and for opening trained
 * weights (importedModel.ts). Plain data only (structured-cloneable), no imports of tfjs code, so the page can name
 * these types.
 */
import type { CorpusId } from '../lib/data/corpora';
import type { TokenizerKind, TrainingRunSpec } from '../lib/experiments/runSpec';
import type { ModelConfig } from '../lib/model/config';

export interface TorchExportRequest {
  /** The run history's id of the run to export. */
  runId: string;
  /** Its settings as a run spec (used when the worker does not hold its weights). */
  spec: TrainingRunSpec;
  /** Its experiment link's query string. */
  settingsQuery: string;
  /** Names the app and version in config.json. */
  createdBy: string;
}

export interface TorchBundleFile {
  /** Relative, with forward slashes: `config.json`, `data/train.txt`, `linformer_lab/model.py`. */
  path: string;
  bytes: Uint8Array;
}

export interface TorchExportResult {
  files: TorchBundleFile[];
  /** True when the files carry the run's trained weights; false: its initial weights (the worker no longer holds them). */
  trainedWeights: boolean;
  steps: number;
}

export interface ImportWeightsRequest {
  configText: string;
  weights: Uint8Array;
  /** The weights file's name, to label the model ("trained.safetensors"). */
  weightsName: string;
}

export interface ImportedWeightsInfo {
  id: string;
  label: string;
  corpus: CorpusId;
  tokenizer: TokenizerKind;
  /** Updates the weights have had: the weights file's metadata `steps` when present (a torchrun run writes it), else config.json's. */
  steps: number;
  config: ModelConfig;
  parameters: number;
  /** Measured here, on this corpus's validation batches, as a run trained here is scored. */
  validationLoss: number;
  validationPerplexity: number;
  backend: string;
}

export type ImportWeightsOutcome = { ok: true; info: ImportedWeightsInfo } | { ok: false; refusal: string };

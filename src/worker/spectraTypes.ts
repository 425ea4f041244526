/**
 * What the page asks of the compute worker for an attention-spectrum analysis, and what comes back.
 * Plain data only (structured-cloneable), shared by the worker and the main thread.
 */
import type { CorpusId } from '../lib/data/corpora';
import type { ModelConfig } from '../lib/model/config';
import type { MatrixSpectrum, SpectrumPrecision } from '../lib/spectra';

/** 'trained': the last training run's model; 'initialised': a fresh model from `model` (its seed included). */
export type SpectraSource = 'trained' | 'initialised';

export interface SpectraRequest {
  source: SpectraSource;
  /** Whose validation text supplies the sequences (and, for 'initialised', the vocabulary). */
  corpus: CorpusId;
  /** The model to build for 'initialised'; ignored for 'trained', which has its own. */
  model: Omit<ModelConfig, 'vocabSize'>;
  /** How many validation sequences to average over. */
  samples: number;
}

export interface SpectraProgress {
  stage: 'preparing' | 'computing' | 'done';
  /** Sequences whose attention has been read back. */
  sequencesDone: number;
  sequences: number;
  /** Matrices whose singular values are known. */
  matricesDone: number;
  matrices: number;
  message: string;
}

export interface SpectraEvents {
  progress(progress: SpectraProgress): void;
}

export interface SpectraResult {
  source: SpectraSource;
  corpus: CorpusId;
  /** The analysed model's full configuration (for 'trained', the run's). */
  config: ModelConfig;
  sequences: number;
  /** One entry per layer, head and sequence; `sigma` descending. */
  spectra: MatrixSpectrum[];
  /** Which steps ran in float32: the figure marks where that makes the tail meaningless. */
  precision: SpectrumPrecision;
  backend: string;
  /** How many SVD workers ran (0: computed inside the compute worker). */
  poolSize: number;
  timing: { totalMs: number; attentionMs: number; svdMs: number };
}

/** One forward and one SVD timed, the basis of the estimate shown before an analysis starts. */
export interface SpectraTiming {
  /** One forward pass of `sequencesPerForward` sequences, read back (kernels compiled beforehand). */
  forwardMs: number;
  /** One SVD of one attention matrix, on the pool (or in the compute worker when it has no workers). */
  svdMs: number;
  /** Forward passes the analysis makes. */
  forwards: number;
  sequencesPerForward: number;
  /** Matrices the analysis decomposes: sequences × layers × heads. */
  matrices: number;
  /** SVD workers that share the matrices (0: computed in the compute worker, one at a time). */
  poolSize: number;
  backend: string;
}

/** Sample counts the UI offers and the worker accepts. */
export const SPECTRA_SAMPLES = { min: 1, max: 256, default: 8 } as const;

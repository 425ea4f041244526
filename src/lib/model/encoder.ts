/**
 * A RoBERTa-style encoder with a masked-LM head, with standard or Linformer self-attention.
 *
 * Layout (post-LN, as in BERT and RoBERTa, so attention maps are comparable to the paper's Figure 1):
 *   x = LN(token embedding + position embedding)
 *   per layer: x = LN(x + Dropout(Wo · Attention(Wq x, Wk x, Wv x)))
 *              x = LN(x + Dropout(W2 · GELU(W1 x)))
 *   logits = LN(GELU(Wd x)) · token embeddingᵀ + output bias   (output weights tied to the input embedding)
 * Weights and biases are N(0, 0.02²) and 0 as in BERT; layer norms start at gain 1, bias 0.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../random';
import { compressedAttention, standardAttention } from './attention';
import { assertValidConfig, type ModelConfig } from './config';
import { dense, embed, gelu, layerNorm, maybeDropout, type DenseWeights, type LayerNormWeights } from './layers';
import { createLayerCompressions, type LayerCompression } from './projections';
import { WeightRegistry } from './weightRegistry';

export interface Encoder {
  readonly config: ModelConfig;
  /** Trainable variables (the trainer passes these to its optimizer). */
  readonly trainableVariables: tf.Variable[];
  /** Every named weight, trainable or fixed, for inspection/tests/export. */
  readonly weights: ReadonlyMap<string, tf.Variable>;
  dispose(): void;
}

export interface ForwardOptions {
  training: boolean;
  /** Seeds the dropout masks of this call (each dropout site draws its own seed from it). */
  dropoutSeed?: number;
  collectAttention?: boolean;
}

export interface ForwardResult {
  /** [batch, n, vocab] */
  logits: tf.Tensor3D;
  /** Per layer, the attention probabilities [batch, heads, n, n or k] when collectAttention, else []. */
  attention: tf.Tensor4D[];
}

interface EncoderLayerWeights {
  /** The query, key and value projections as one [dModel, 3·dModel] matrix (in that order), multiplied at once. */
  queryKeyValue: DenseWeights;
  output: DenseWeights;
  attentionNorm: LayerNormWeights;
  feedForwardIn: DenseWeights;
  feedForwardOut: DenseWeights;
  feedForwardNorm: LayerNormWeights;
  /** Present for Linformer attention. */
  compression?: LayerCompression;
}

interface EncoderParts {
  tokenEmbedding: tf.Variable<tf.Rank.R2>;
  positionEmbedding: tf.Variable<tf.Rank.R2>;
  embeddingNorm: LayerNormWeights;
  layers: EncoderLayerWeights[];
  headDense: DenseWeights;
  headNorm: LayerNormWeights;
  outputBias: tf.Variable<tf.Rank.R1>;
}

/** The structured weights behind each Encoder, kept out of the public interface. */
const partsByEncoder = new WeakMap<Encoder, EncoderParts>();

const INIT_STD = 0.02;

export function createEncoder(config: ModelConfig): Encoder {
  assertValidConfig(config);
  // A private copy: later edits to the caller's object must not change a built model's description.
  const ownConfig: ModelConfig = Object.freeze({ ...config, kPerLayer: Object.freeze([...config.kPerLayer]) as number[] });
  const registry = new WeightRegistry(ownConfig.seed);
  let parts: EncoderParts;
  try {
    parts = buildParts(ownConfig, registry);
  } catch (error) {
    registry.dispose();
    throw error;
  }
  const model: Encoder = {
    config: ownConfig,
    trainableVariables: registry.trainable,
    weights: registry.weights,
    dispose: () => {
      partsByEncoder.delete(model);
      registry.dispose();
    },
  };
  partsByEncoder.set(model, parts);
  return model;
}

function buildParts(config: ModelConfig, registry: WeightRegistry): EncoderParts {
  const { dModel, dFF } = config;
  const denseWeights = (name: string, fanIn: number, fanOut: number): DenseWeights => ({
    kernel: registry.create(`${name}/kernel`, [fanIn, fanOut], { kind: 'normal', std: INIT_STD }),
    bias: registry.create(`${name}/bias`, [fanOut], { kind: 'constant', value: 0 }),
  });
  const normWeights = (name: string): LayerNormWeights => ({
    gain: registry.create(`${name}/gain`, [dModel], { kind: 'constant', value: 1 }),
    bias: registry.create(`${name}/bias`, [dModel], { kind: 'constant', value: 0 }),
  });

  const tokenEmbedding = registry.create<tf.Rank.R2>('embedding/token', [config.vocabSize, dModel], { kind: 'normal', std: INIT_STD });
  const positionEmbedding = registry.create<tf.Rank.R2>('embedding/position', [config.seqLen, dModel], { kind: 'normal', std: INIT_STD });
  const embeddingNorm = normWeights('embedding/norm');
  const layers: EncoderLayerWeights[] = [];
  for (let layer = 0; layer < config.layers; layer++) {
    const prefix = `layer${layer}`;
    const attention = `${prefix}/attention`;
    layers.push({
      // Initialised as three separate query, key and value kernels would be (by their own names' streams).
      queryKeyValue: {
        kernel: registry.createSideBySide(`${attention}/queryKeyValue/kernel`, ['query', 'key', 'value'].map((part) => `${attention}/${part}/kernel`), dModel, dModel, {
          kind: 'normal',
          std: INIT_STD,
        }),
        bias: registry.create(`${attention}/queryKeyValue/bias`, [3 * dModel], { kind: 'constant', value: 0 }),
      },
      output: denseWeights(`${prefix}/attention/output`, dModel, dModel),
      attentionNorm: normWeights(`${prefix}/attention/norm`),
      feedForwardIn: denseWeights(`${prefix}/feedForward/in`, dModel, dFF),
      feedForwardOut: denseWeights(`${prefix}/feedForward/out`, dFF, dModel),
      feedForwardNorm: normWeights(`${prefix}/feedForward/norm`),
    });
  }
  createLayerCompressions(config, registry).forEach((compression, layer) => {
    layers[layer].compression = compression;
  });
  return {
    tokenEmbedding,
    positionEmbedding,
    embeddingNorm,
    layers,
    headDense: denseWeights('mlmHead/dense', dModel, dModel),
    headNorm: normWeights('mlmHead/norm'),
    outputBias: registry.create<tf.Rank.R1>('mlmHead/outputBias', [config.vocabSize], { kind: 'constant', value: 0 }),
  };
}

/**
 * Runs the encoder on token ids [batch, n] with a padding mask [batch, n] (1 token, 0 padding). Standard
 * attention accepts n ≤ seqLen; Linformer's projections are built for exactly n = seqLen. Intermediate
 * tensors are freed; the caller owns the returned logits and attention maps.
 */
/** `mask` is [batch, n], 1 at tokens and 0 at padding; pass undefined for a batch without padding (fewer kernels). */
export function encoderForward(model: Encoder, tokens: tf.Tensor2D, mask: tf.Tensor2D | undefined, options: ForwardOptions): ForwardResult {
  return runEncoder(model, tokens, mask, options, true) as ForwardResult;
}

export interface HiddenStatesResult {
  /** [batch, n, dModel]: the last layer's output, before the masked-LM head (what a task head reads). */
  hidden: tf.Tensor3D;
  /** As in ForwardResult. */
  attention: tf.Tensor4D[];
}

/**
 * The encoder without its masked-LM head: the final hidden states a fine-tuning head pools. Skipping the
 * head also skips its [batch·n, vocab] product, which a classifier would compute only to throw away.
 */
export function encoderHiddenStates(model: Encoder, tokens: tf.Tensor2D, mask: tf.Tensor2D, options: ForwardOptions): HiddenStatesResult {
  return runEncoder(model, tokens, mask, options, false) as HiddenStatesResult;
}

function runEncoder(
  model: Encoder,
  tokens: tf.Tensor2D,
  mask: tf.Tensor2D | undefined,
  options: ForwardOptions,
  withHead: boolean,
): ForwardResult | HiddenStatesResult {
  const parts = partsByEncoder.get(model);
  if (!parts) throw new Error('encoderForward needs a live model from createEncoder (was it disposed?).');
  const { config } = model;
  const [batch, n] = tokens.shape;
  checkSequenceShape(config, tokens, mask);
  const { dModel, heads } = config;
  const dHead = dModel / heads;
  const seeds = options.dropoutSeed === undefined ? undefined : createRng(options.dropoutSeed);
  const dropout = (x: tf.Tensor) => maybeDropout(x, config.dropout, seeds?.fork(), options.training);

  const result = tf.tidy(() => {
    const ids = tokens.dtype === 'int32' ? tokens : tf.cast(tokens, 'int32');
    // Looked up as oneHot · embedding rather than tf.gather: gather's gradient (UnsortedSegmentSum) adds
    // float rows with atomic compare-exchange loops on WebGPU — summed in no fixed order, so runs would
    // not repeat exactly, and slow where many tokens share an id — and costs V passes over the batch on
    // the cpu backend. The product costs no more than the tied output layer already does.
    const tokenVectors = tf.reshape(embed(tf.reshape(ids, [batch * n]), parts.tokenEmbedding), [batch, n, dModel]);
    const positions = n === config.seqLen ? parts.positionEmbedding : tf.slice(parts.positionEmbedding, [0, 0], [n, dModel]);
    let x = layerNorm(tf.reshape(tf.add(tokenVectors, positions), [batch * n, dModel]), parts.embeddingNorm);

    // One matMul gives [batch·n, 3·dModel]; one transpose puts queries, keys and values, each [batch, heads, n,
    // dHead], along a leading axis, from which unstack takes them.
    const splitQueryKeyValue = (projected: tf.Tensor2D) =>
      tf.unstack(tf.transpose(tf.reshape(projected, [batch, n, 3, heads, dHead]), [2, 0, 3, 1, 4])) as tf.Tensor4D[];
    const attention: tf.Tensor4D[] = [];
    for (const layer of parts.layers) {
      const [q, k, v] = splitQueryKeyValue(dense(x, layer.queryKeyValue));
      const attended = layer.compression
        ? compressedAttention(q, k, v, layer.compression.keys, layer.compression.values, mask)
        : standardAttention(q, k, v, mask);
      if (options.collectAttention) attention.push(attended.probs);
      const merged = tf.reshape(tf.transpose(attended.output, [0, 2, 1, 3]), [batch * n, dModel]) as tf.Tensor2D;
      x = layerNorm(tf.add(x, dropout(dense(merged, layer.output))) as tf.Tensor2D, layer.attentionNorm);
      const fed = dense(gelu(dense(x, layer.feedForwardIn)), layer.feedForwardOut);
      x = layerNorm(tf.add(x, dropout(fed)) as tf.Tensor2D, layer.feedForwardNorm);
    }

    if (!withHead) return { hidden: tf.reshape(x, [batch, n, dModel]) as tf.Tensor3D, attention };
    const head = layerNorm(gelu(dense(x, parts.headDense)), parts.headNorm);
    const logits = tf.add(tf.matMul(head, parts.tokenEmbedding, false, true), parts.outputBias);
    return { logits: tf.reshape(logits, [batch, n, config.vocabSize]) as tf.Tensor3D, attention };
  });
  return result;
}

function checkSequenceShape(config: ModelConfig, tokens: tf.Tensor2D, mask: tf.Tensor2D | undefined): void {
  const [batch, n] = tokens.shape;
  if (mask && (mask.shape[0] !== batch || mask.shape[1] !== n)) {
    throw new Error(`The mask is [${mask.shape}] but the tokens are [${tokens.shape}].`);
  }
  if (config.attention === 'linformer' && n !== config.seqLen) {
    throw new Error(`Linformer projections compress exactly n = ${config.seqLen} positions; got sequences of ${n}.`);
  }
  if (n > config.seqLen) throw new Error(`Sequences of ${n} are longer than the model's n = ${config.seqLen}.`);
}

/** The model's projection weights (Linformer E/F matrices or conv kernels) by name. */
export function projectionWeights(model: Encoder): Map<string, tf.Variable> {
  return new Map([...model.weights].filter(([name]) => name.startsWith('projection/')));
}

/** Numbers in the model: all of them, and those an optimizer updates. */
export function parameterCount(model: Encoder): { total: number; trainable: number } {
  const total = [...model.weights.values()].reduce((sum, weight) => sum + weight.size, 0);
  const trainable = model.trainableVariables.reduce((sum, weight) => sum + weight.size, 0);
  return { total, trainable };
}

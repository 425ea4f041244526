import { describe, expect, it } from 'vitest';
import { ConfigError, type ModelConfig } from '../model/config';
import { encoderCost } from './costModel';

// One layer, one head, d = 4, dFF = 8, n = 8, V = 10, batch B = 2: small enough to count by hand.
// B·n = 16 tokens; B·n·d = 64; B·n·dFF = 128; B·n·V = 160; B·h·n·n = 128 scores.
const tiny: ModelConfig = {
  layers: 1,
  heads: 1,
  dModel: 4,
  dFF: 8,
  seqLen: 8,
  vocabSize: 10,
  dropout: 0,
  attention: 'standard',
  sharing: 'headwise',
  projection: 'linear',
  kPerLayer: [2],
  seed: 1,
};
const linformer = (overrides: Partial<ModelConfig> = {}): ModelConfig => ({
  ...tiny,
  attention: 'linformer',
  ...overrides,
});

describe('encoderCost, counted by hand', () => {
  it('counts every FLOP of a standard forward pass', () => {
    const cost = encoderCost(tiny, 2);
    // Q, K, V, output: 4 × (2·16·4·4 = 512) products + 4 × 64 bias adds.
    expect(cost.flops.projections).toBe(4 * 512 + 4 * 64); // 2304
    // Q·Kᵀ and P·V: 2·128·4 = 1024 each; scale (1) + softmax (5) per score: 6·128 = 768; the padding mask
    // adds to every score and zeroes padded probabilities: 2·128 = 256.
    expect(cost.attentionFlops).toEqual({
      scores: 1024,
      softmax: 768,
      weightedValues: 1024,
      compression: 0,
      masking: 256,
    });
    expect(cost.flops.attention).toBe(1024 + 768 + 1024 + 256); // 3072
    // Two products 2·16·4·8 = 1024 each, biases 128 + 64, GELU 9·128 = 1152.
    expect(cost.flops.ffn).toBe(2 * 1024 + 128 + 64 + 1152); // 3392
    // Dense 2·16·4·4 = 512, bias 64, GELU 9·64 = 576; tied product 2·16·4·10 = 1280, bias 160,
    // softmax 5·160 = 800.
    expect(cost.flops.head).toBe(512 + 64 + 576 + 1280 + 160 + 800); // 3392
    // One-hot lookup 2·16·10·4 = 1280; position add 64; four layer norms (embedding, two in the layer, head)
    // 4·7·64 = 1792; two residual adds 128.
    expect(cost.flops.other).toBe(1280 + 64 + 1792 + 128); // 3264
    expect(cost.flops.total).toBe(2304 + 3072 + 3392 + 3392 + 3264); // 15424
    expect(cost.trainingStepFlops).toBe(3 * 15424);
  });

  it('counts Linformer attention with k = 2 for each projection kind', () => {
    // Scores Q·(EK)ᵀ: B·h·n·k = 32 entries, 2·32·4 = 256; P̄·(FV) also 256; scale + softmax 6·32 = 192.
    const linear = encoderCost(linformer(), 2);
    // E·K and F·V: 2 × 2·B·h·k·n·dh = 2 × 2·2·1·2·8·4 = 2 × 256. Zeroing padded rows of K and V: 2·64.
    expect(linear.attentionFlops).toEqual({
      scores: 256,
      softmax: 192,
      weightedValues: 256,
      compression: 512,
      masking: 128,
    });
    expect(linear.flops.total).toBe(15424 - 3072 + (256 + 192 + 256 + 512 + 128));
    // Random projections cost the same products as learned ones.
    expect(encoderCost(linformer({ projection: 'random' }), 2).attentionFlops.compression).toBe(512);
    // Sharing E = F still projects keys and values separately.
    expect(encoderCost(linformer({ sharing: 'kv' }), 2).attentionFlops.compression).toBe(512);
    // Strided conv: 2 × 2·B·h·n·dh = 2 × 2·64 = 256. Mean-pool: 2 × (64 adds + B·h·k·dh = 16 divides).
    // Max-pool: 2 × 64 compares.
    expect(encoderCost(linformer({ projection: 'conv' }), 2).attentionFlops.compression).toBe(256);
    expect(encoderCost(linformer({ projection: 'mean-pool' }), 2).attentionFlops.compression).toBe(160);
    expect(encoderCost(linformer({ projection: 'max-pool' }), 2).attentionFlops.compression).toBe(128);
  });

  it('counts the activations a training step keeps', () => {
    const standard = encoderCost(tiny, 2);
    // Masked maps: product, scaled scores, probabilities, zeroed probabilities, 4·128 = 512 elements.
    // Other: 8 width tensors 8·64 = 512, FFN hidden 2·128 = 256, embedding one-hot 160 + sum 64, head: last
    // output, dense, GELU, norm 4·64 = 256, logits + log-probs 2·160 = 320. 4 bytes each.
    expect(standard.activationBytes).toEqual({
      total: 4 * (512 + 1568),
      attentionMaps: 4 * 512,
      other: 4 * (512 + 256 + 160 + 64 + 256 + 320),
    });
    const compressed = encoderCost(linformer(), 2);
    // Unmasked maps: product and probabilities, 2·32 = 64; plus compressed keys and values 2·B·k·d = 32.
    expect(compressed.activationBytes).toEqual({
      total: 4 * (64 + 1600),
      attentionMaps: 4 * 64,
      other: 4 * (1568 + 32),
    });
    // Dropout keeps a mask on the attention output and on the feed-forward output: 2·64 more.
    expect(encoderCost({ ...tiny, dropout: 0.1 }, 2).activationBytes.other).toBe(4 * (1568 + 128));
    // Half-precision elements halve every byte count.
    expect(encoderCost(tiny, 2, 2).activationBytes.total).toBe(2 * 2080);
  });

  it('estimates the peak of one layer at inference', () => {
    // Standard: attention stage x, Q, K, V (4·64) + five live maps (5·128) = 896 beats FFN stage
    // residual, LN2 (2·64) + two hidden tensors (2·128) = 384.
    expect(encoderCost(tiny, 2).peakInferenceBytes).toBe(4 * 896);
    // Linformer k = 2: attention stage 256 + 32 compressed + 3·32 maps = 384, equal to the FFN stage.
    expect(encoderCost(linformer(), 2).peakInferenceBytes).toBe(4 * 384);
  });

  it('estimates the peak of a whole forward held in one tf.tidy', () => {
    // Held: embedding one-hot 160 + 3·64 = 352; the layer 19·64 + 3·128 + its probabilities 128 = 1728.
    // Then the larger of the head (4·64 + 2·160 = 576) and the call's other maps (4·128 = 512): 576.
    expect(encoderCost(tiny, 2).forwardPeakBytes).toBe(4 * (352 + 1728 + 576));
    // Linformer: the layer holds 19·64 + 3·128 + 32 = 1632; the call's extra 2·32 maps + 3·64 + 32 = 288
    // is below the head's 576.
    expect(encoderCost(linformer(), 2).forwardPeakBytes).toBe(4 * (352 + 1632 + 576));
  });

  it('counts parameters for each sharing mode and projection kind', () => {
    // Embeddings 10·4 + 8·4 = 72 and their norm 8; QKVO 4·(16 + 4) = 80; FFN 4·8 + 8 + 8·4 + 4 = 76;
    // two norms 16; head dense 16 + 4, norm 8, output bias 10 (its d×V product is the tied embedding).
    // Total 290.
    const standard = encoderCost(tiny, 2);
    expect(standard.parameterCount).toBe(290);
    expect(standard.trainableParameterCount).toBe(290);
    expect(standard.parameterBytes).toBe(4 * 290);
    // A k×n = 16 matrix: headwise E and F (2), kv (1), none with one head (2), layerwise (1).
    expect(encoderCost(linformer(), 2).parameterCount).toBe(290 + 32);
    expect(encoderCost(linformer({ sharing: 'kv' }), 2).parameterCount).toBe(290 + 16);
    expect(encoderCost(linformer({ sharing: 'none' }), 2).parameterCount).toBe(290 + 32);
    expect(encoderCost(linformer({ sharing: 'layerwise' }), 2).parameterCount).toBe(290 + 16);
    // Per head when unshared: 2 heads (d = 4 still divides) × 2 matrices.
    expect(encoderCost(linformer({ sharing: 'none', heads: 2 }), 2).parameterCount).toBe(290 + 64);
    // Conv: a kernel of n/k = 4 taps for E and for F. Pooling: nothing.
    expect(encoderCost(linformer({ projection: 'conv' }), 2).parameterCount).toBe(290 + 8);
    expect(encoderCost(linformer({ projection: 'mean-pool' }), 2).parameterCount).toBe(290);
    // Fixed random projections are stored but not trained.
    const random = encoderCost(linformer({ projection: 'random' }), 2);
    expect([random.parameterCount, random.trainableParameterCount]).toEqual([322, 290]);
  });

  it('sums attention over layers with different k', () => {
    const twoLayers = linformer({ layers: 2, kPerLayer: [4, 2] });
    // Scores per layer 2·(B·h·n·k)·dh: 2·64·4 = 512 for k = 4, 2·32·4 = 256 for k = 2.
    expect(encoderCost(twoLayers, 2).attentionFlops.scores).toBe(512 + 256);
    // Maps 2·(64 + 32) elements.
    expect(encoderCost(twoLayers, 2).activationBytes.attentionMaps).toBe(4 * 2 * (64 + 32));
  });

  it('rejects an unusable config or batch', () => {
    expect(() => encoderCost(linformer({ kPerLayer: [16] }), 2)).toThrow(ConfigError);
    expect(() => encoderCost(tiny, 0)).toThrow(RangeError);
    expect(() => encoderCost(tiny, 1.5)).toThrow(RangeError);
  });
});

describe('encoderCost, standard against Linformer with k = n', () => {
  it('has the same attention FLOPs plus the cost of projecting K and V', () => {
    const config: ModelConfig = {
      ...tiny,
      layers: 2,
      heads: 4,
      dModel: 32,
      dFF: 64,
      seqLen: 64,
      vocabSize: 30,
      kPerLayer: [64, 64],
    };
    const standard = encoderCost(config, 3);
    const full = encoderCost({ ...config, attention: 'linformer' }, 3);
    expect(full.attentionFlops.scores).toBe(standard.attentionFlops.scores);
    expect(full.attentionFlops.softmax).toBe(standard.attentionFlops.softmax);
    expect(full.attentionFlops.weightedValues).toBe(standard.attentionFlops.weightedValues);
    // Per layer E·K and F·V, each 2·B·h·k·n·dh = 2·3·4·64·64·8.
    const projectionCost = 2 * 2 * (2 * 3 * 4 * 64 * 64 * 8);
    // Masking differs: 2 per score for standard (2 layers · 2·3·4·64·64), 2·B·n·d per layer for Linformer.
    expect(standard.attentionFlops.masking).toBe(2 * 2 * 3 * 4 * 64 * 64);
    expect(full.attentionFlops.masking).toBe(2 * 2 * 3 * 64 * 32);
    const maskingChange = full.attentionFlops.masking - standard.attentionFlops.masking;
    expect(full.flops.attention - standard.flops.attention).toBe(projectionCost + maskingChange);
    expect(full.flops.total - standard.flops.total).toBe(projectionCost + maskingChange);
    for (const bucket of ['projections', 'ffn', 'head', 'other'] as const)
      expect(full.flops[bucket]).toBe(standard.flops[bucket]);
  });
});

describe('encoderCost against the real encoder', () => {
  it('counts exactly the weights createEncoder makes, for every kind and sharing', async () => {
    const { createEncoder, parameterCount } = await import('../model/encoder');
    const configs: ModelConfig[] = [
      { ...tiny, layers: 2, heads: 2, kPerLayer: [4, 2] },
      linformer({ layers: 2, heads: 2, kPerLayer: [4, 2], sharing: 'none' }),
      linformer({ layers: 2, heads: 2, kPerLayer: [2, 2], sharing: 'layerwise', projection: 'random' }),
      linformer({ layers: 2, heads: 2, kPerLayer: [4, 2], sharing: 'kv', projection: 'conv' }),
    ];
    for (const config of configs) {
      const model = createEncoder(config);
      const cost = encoderCost(config, 1);
      expect({ total: cost.parameterCount, trainable: cost.trainableParameterCount }).toEqual(parameterCount(model));
      model.dispose();
    }
  });
});

/** The bundle's README.md: what is in it, the commands single- and multi-node, and what to expect. */
import { SHARING_TEXT } from '../model/config';
import type { BundleConfig } from './bundleConfig';

export function bundleReadme(config: BundleConfig): string {
  const { model, training, data } = config;
  const attention =
    model.attention === 'standard'
      ? 'standard attention'
      : `Linformer attention (${model.projection} projection, ${SHARING_TEXT[model.sharing]}, k = ${[...new Set(model.kPerLayer)].join('/')})`;
  return `# Linformer Lab experiment: ${data.corpus}, ${attention}

Exported by ${config.createdBy}. ${model.layers} layers, ${model.heads} heads, d = ${model.dModel}, d_ff = ${model.dFF},
n = ${model.seqLen}, vocabulary ${model.vocabSize} (${data.tokenizer === 'bpe512' ? 'BPE subwords' : 'characters'}).
The weights in \`model.safetensors\` have had ${config.steps} masked-LM update${config.steps === 1 ? '' : 's'}${config.steps === 0 ? ' (the initial weights)' : ''}.
${config.settingsQuery ? `\nThe same experiment in the notebook: append \`${config.settingsQuery}\` to the notebook's address.\n` : ''}
## Files

- \`config.json\`: every setting (model, training, data, seed); the format is described in the notebook's
  \`src/lib/export/README.md\`.
- \`model.safetensors\`: float32 weights named as the browser encoder names them (\`layer0/attention/queryKeyValue/kernel\`, …).
- \`tokenizer.json\`: Hugging Face \`tokenizers\` format, the browser's ids.
- \`data/train.txt\`, \`data/validation.txt\`: the prepared text; \`data/tokens.safetensors\`: the same text as ids
  (sha256 of each in \`config.json\`).
- \`reference.json\`: a fixed validation batch (one row padded) and the browser model's logits on it.
- \`linformer_lab/\`: the PyTorch module (\`model.py\`), the trainer (\`train.py\`) and the check (\`check.py\`).

Needs Python 3 and PyTorch (CPU or CUDA); nothing else.

## 1. Check the PyTorch module against the browser

\`\`\`sh
python3 -m linformer_lab.check .
\`\`\`

It loads \`model.safetensors\`, runs \`reference.json\`'s batch and prints the largest difference from the browser's
logits; it passes when that is within 1e-4 (typically ~1e-7 in float32) and exits 1 otherwise, or 2 when the bundle
is damaged (a missing or misshapen tensor, a config field out of range: the message names it).

## 2. Train

One machine, N processes (GPUs with nccl, else CPUs with gloo):

\`\`\`sh
torchrun --standalone --nproc_per_node=N -m linformer_lab.train .
\`\`\`

Several machines (run on every node, node_rank 0 … nnodes − 1; HOST:PORT reachable from all of them):

\`\`\`sh
torchrun --nnodes=2 --nproc_per_node=8 --node_rank=0 --rdzv_id=linformer --rdzv_backend=c10d \\
  --rdzv_endpoint=HOST:29500 -m linformer_lab.train .
\`\`\`

The batch of ${training.batchSize} sequences is split over all processes, so the run follows the same recipe as in the
browser: AdamW (lr ${training.learningRate}, β = ${training.beta1}/${training.beta2}, ε = ${training.epsilon},
weight decay ${training.weightDecay}), ${training.warmupSteps} warm-up steps, linear decay to
${training.finalLearningRateFraction} × lr at ${training.totalSteps} steps, gradient clipping at ${training.clipNorm},
masking 15% (80% [MASK], 10% random, 10% kept), validation ${training.evalInterval > 0 ? `every ${training.evalInterval} steps and ` : ''}after the last on
${training.validation.batches} × ${training.validation.batchSize} windows. Edit \`config.json\`'s \`training\` (not its
\`model\`) to train longer or with another schedule; the options are described at the top of \`linformer_lab/train.py\`.
\`train.py\` draws the browser's own seeded windows and masks, so with dropout 0 the losses printed by rank 0 are the
browser run's up to float rounding, whatever the number of processes (with dropout the masks come from PyTorch's
generator: the same statistics, not the same numbers).

PyTorch 1.13 on Python 3.11 (Debian's \`python3-torch\`): plain \`torchrun\` fails inside elastic's \`to_map\`; add
\`--redirects 1 --tee 1\`, or start each worker yourself with \`RANK\`, \`LOCAL_RANK\`, \`WORLD_SIZE\`, \`MASTER_ADDR\` and
\`MASTER_PORT\` set (all \`train.py\` reads). PyTorch 2.x has no such problem.

It writes \`trained.safetensors\` here (same names and shapes as \`model.safetensors\`) and \`trained.json\` (losses,
gradient norms, validation, world size). With \`--out DIR\` it writes them there, with a \`config.json\` whose \`steps\`
and \`weights.file\` name the trained file, so that folder is a pair the notebook opens.

## 3. Open the trained weights in the notebook

In the notebook's spectra section choose **Open trained weights (config.json + .safetensors)** and pick this
directory's \`config.json\` together with \`trained.safetensors\`. The notebook checks every name, shape and setting,
shows the model's validation perplexity on the same validation text, and computes its attention spectra like those of
a model trained in the browser.
`;
}

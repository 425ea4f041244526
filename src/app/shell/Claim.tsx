import type { ReactNode } from 'react';

/** The paper's claims, each in a few sentences: what the paper found and what this page lets you test. */
const CLAIMS = {
  'low-rank': {
    number: 1,
    title: 'Self-attention is low rank',
    paper:
      'In pretrained RoBERTa, the n × n attention matrix P of every layer and head has a long-tail spectrum: a few singular values hold most of its mass, and higher layers are more skewed (Figure 1, n = 512).',
    here: 'Compute the singular values of P for each layer and head of the model you trained, and read off how much of the spectrum the top k values keep.',
  },
  'k-not-n': {
    number: 2,
    title: 'Quality depends on k, not on n',
    paper:
      'Projecting keys and values from n down to k rows costs little: at n = 512, k = 128 nearly matches the Transformer, and with k = 256 fixed, runs at n = 512 … 4096 end at about the same perplexity (Figure 3).',
    here: 'Train tiny masked-language-model encoders on character-level text and overlay their validation perplexity beside the context-blind floor, the line a run must get below to show that it reads context (beating unigram is not enough). The presets set up the three comparisons; runs stay in the history across reloads.',
  },
  linear: {
    number: 3,
    title: 'Cost grows linearly with n',
    paper:
      'With k fixed, Linformer attention costs O(n k) time and memory instead of O(n²): on a V100 at n = 4096, k = 128 it was 3.4× faster and fit a 14× larger batch (Table 3).',
    here: 'Measure time and memory of a forward pass as n grows, in this browser, next to the cost model and the paper’s numbers (labelled as from other hardware).',
  },
  finetune: {
    number: 4,
    title: 'Linformer fine-tunes as well',
    paper:
      'After masked-LM pretraining, Linformer fine-tuned on SST-2, IMDB, QNLI and QQP scores within about half a point of RoBERTa, and sharing projections across heads and layers costs nothing (Table 2).',
    here: 'Fine-tune the model you trained (or, as the baseline, fresh weights) on labelled sentences and compare dev accuracy across attention kinds, k and sharing, against the majority class and beside the paper’s figures.',
  },
} as const;

export type ClaimId = keyof typeof CLAIMS;

/** A notebook cell: the claim's text beside its live figure (stacked on narrow screens). */
export function Claim({ id, children }: { id: ClaimId; children?: ReactNode }) {
  const claim = CLAIMS[id];
  const titleId = `claim-${id}`;
  return (
    <article className="claim" aria-labelledby={titleId} data-testid={`claim-${id}`}>
      <div className="claim-text">
        <h2 id={titleId}>
          <span className="claim-number">Claim {claim.number}.</span> {claim.title}
        </h2>
        <p>
          <strong>Paper:</strong> {claim.paper}
        </p>
        <p>
          <strong>Here:</strong> {claim.here}
        </p>
      </div>
      <div className="claim-figure">{children}</div>
    </article>
  );
}

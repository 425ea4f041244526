/**
 * The efficiency lab's sentence about what it measures: the model from the settings and what each point times, in
 * words that agree with the numbers ("1 layer", "no projection sharing") and with the options (no training steps
 * named when they are not timed).
 */
import { formatCount } from '../../shared/format/format';
import type { BenchOptions } from './efficiencyStore';
import type { BenchShape } from './ratioAnalysis';
import { SHARING_TEXT } from '../../../lib/model/config';

export function modelText(shape: BenchShape): string {
  const size = [
    formatCount(shape.layers, 'layer'),
    formatCount(shape.heads, 'head'),
    `dModel ${shape.dModel}`,
    `dFF ${shape.dFF}`,
    `batch ${shape.batch}`,
    `vocabulary ${shape.vocabSize}`,
  ].join(', ');
  return `${size}; Linformer with ${shape.projection} projections, ${SHARING_TEXT[shape.sharing]}`;
}

export function timingText(options: BenchOptions): string {
  const warm = options.warmup > 0 ? `, warms it up (${formatCount(options.warmup, 'untimed run')})` : '';
  const timed = options.training
    ? `${formatCount(options.repeats, 'forward')} and ${formatCount(options.repeats, 'training step')}`
    : `${formatCount(options.repeats, 'forward')} (training steps are not timed)`;
  return `Each point builds the model once${warm}, then times ${timed}.`;
}

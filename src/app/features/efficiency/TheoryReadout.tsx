import { paperMemorySaving, paperSpeedup } from '../../../lib/efficiency/paperReference';
import { theoreticalRatios } from '../../../lib/efficiency/ratios';
import { sweepPointConfig } from '../../../lib/efficiency/sweepPlan';
import { MISSING_TEXT, formatBytes } from '../../shared/format/format';
import type { BenchShape } from './ratioAnalysis';

const times = (v: number) => `${v.toPrecision(3)}×`;
const flops = (v: number) => (v >= 1e9 ? `${(v / 1e9).toPrecision(3)} GFLOP` : `${(v / 1e6).toPrecision(3)} MFLOP`);

/** The cost model at the selected (n, k), updated as the sliders move: nothing is measured here. */
export function TheoryReadout({ n, k, shape }: { n: number; k: number; shape: BenchShape }) {
  const ratios = theoreticalRatios(sweepPointConfig(shape, { n, k, attention: 'linformer' }), shape.batch);
  const paperS = paperSpeedup(n, k);
  const paperM = paperMemorySaving(n, k);
  return (
    <dl className="metrics" data-testid="efficiency-theory">
      <div>
        <dt>Theory speed-up (whole forward)</dt>
        <dd data-testid="theory-speedup">{times(ratios.speedup)}</dd>
      </div>
      <div>
        <dt>Theory speed-up (attention alone)</dt>
        <dd>{times(ratios.attentionSpeedup)}</dd>
      </div>
      <div>
        <dt>Theory memory saving (forward peak)</dt>
        <dd>{times(ratios.forwardMemorySaving)}</dd>
      </div>
      <div>
        <dt>Forward FLOPs standard / Linformer</dt>
        <dd>
          {flops(ratios.standard.flops.total)} / {flops(ratios.linformer.flops.total)}
        </dd>
      </div>
      <div>
        <dt>Forward peak standard / Linformer</dt>
        <dd>
          {formatBytes(ratios.standard.forwardPeakBytes)} / {formatBytes(ratios.linformer.forwardPeakBytes)}
        </dd>
      </div>
      <div>
        <dt>Paper Table 3 here (V100, larger model)</dt>
        <dd>{paperS === null ? 'not in the table' : `${times(paperS)} / ${paperM === null ? MISSING_TEXT : times(paperM)}`}</dd>
      </div>
    </dl>
  );
}

import { useMemo, useState } from 'react';
import { finishEdit } from '../../settings/link';
import { lowRankApproximation, rankErrors } from '../../../lib/numerics/lowRank';
import type { HeadAttentionResult } from '../../../worker/headTypes';
import { HeadMatrixFigure } from './HeadMatrixFigure';
import { HeadSpectrumFigure } from './HeadSpectrumFigure';
import { RankSlider } from './RankSlider';
import {
  axisLabels,
  blockOf,
  colourDomain,
  describeHead,
  formatError,
  isCompressed,
  needsWindow,
  shownRank,
  shownWindow,
  subscript,
  topShare,
} from './headViewData';

interface Props {
  result: HeadAttentionResult;
  /** As chosen; shown clamped to the matrix's min(rows, cols). */
  rank: number;
  windowStart: number;
  onRank(rank: number): void;
}

/** "97.7%"; a share within 5e-4 of 1 as "all but 1.19e-6", so it never rounds up to a misleading "100.00%". */
const share = (value: number) => (value < 1 && 1 - value < 5e-4 ? `all but ${formatError(1 - value)}` : `${(100 * value).toPrecision(3)}%`);

/**
 * The head on show: its matrix P (or Linformer's P̄) over the sequence's tokens beside its best rank-r
 * approximation, the rank slider with the relative error, the singular values beside them, and a read-out of the
 * cell under the pointer or keyboard cursor in both matrices.
 */
export function HeadFigures({ result, rank, windowStart, onRank }: Props) {
  const size = result.svd.size;
  const r = shownRank(rank, size);
  const compressed = isCompressed(result);
  const name = compressed ? 'P̄' : 'P';
  const label = describeHead(result);
  const errors = useMemo(() => rankErrors(result.svd.sigma), [result]);
  const block = useMemo(() => shownWindow(result.rows, result.cols, windowStart), [result, windowStart]);
  const labels = useMemo(() => axisLabels(result, block), [result, block]);
  const domain = useMemo(() => colourDomain(result.data), [result]);
  const values = useMemo(() => blockOf(result.data, result.cols, block), [result, block]);
  const approximation = useMemo(() => {
    const formed = lowRankApproximation(result.svd, r, block);
    return blockOf(formed, block.colCount, { rowStart: 0, rowCount: block.rowCount, colStart: 0, colCount: block.colCount });
  }, [result, r, block]);
  const [cell, setCell] = useState<{ row: number; col: number } | null>(null);

  const windowWords = needsWindow(result)
    ? ` Drawn: queries ${block.rowStart + 1}–${block.rowStart + block.rowCount} and ${compressed ? 'compressed keys' : 'keys'} ${block.colStart + 1}–${block.colStart + block.colCount} of ${result.rows} × ${result.cols}; the error and the singular values are of the whole matrix.`
    : '';
  const rowsWords = compressed
    ? `Row i is query i's attention over the k = ${result.cols} compressed keys; column j is row j of E·K, a learned mix of all ${result.rows} key positions, not one token.`
    : "Row i is query token i's attention over the keys of the same sequence; every row sums to 1.";
  const fileStem = `L${result.layer + 1}H${result.head + 1}-seq${result.sequence + 1}`;
  const error = errors[r];
  const sub = subscript(r);

  return (
    <div className="head-shown">
      {compressed && (
        <p className="notice" role="note" data-testid="head-linformer-note">
          Linformer&apos;s P̄ = softmax(Q·(E·K)ᵀ/√d) is n × k, here {result.rows} × {result.cols}. Its columns are compressed
          key positions: column j is the attention to row j of E·K, a learned mix of all n keys (the projection E), not to
          any one token, so they are numbered, not labelled. It has at most k = {result.cols} singular values, so at r ={' '}
          {result.cols} the error is 0 by construction.
        </p>
      )}
      <RankSlider value={r} max={size} onChange={onRank} onCommit={finishEdit} />
      <p className="head-error" data-testid="head-error" data-error={error} aria-live="polite">
        Relative error ‖{name} − {name}
        {sub}‖<sub>F</sub> / ‖{name}‖<sub>F</sub> = <strong>{formatError(error)}</strong> at r = {r} of {size}: the top {r}{' '}
        singular value{r === 1 ? '' : 's'} hold {share(topShare(result.svd.sigma, r))} of Σσ and {share(1 - error * error)}{' '}
        of Σσ² (the error is the square root of the rest: Eckart–Young).
      </p>
      <div className="head-figures">
        <HeadMatrixFigure
          title={compressed ? `P̄: attention over ${result.cols} compressed keys` : 'P: attention probabilities'}
          description={`${label}: the attention probabilities of this head for this sequence.`}
          caption={`${label}. ${rowsWords}${windowWords}`}
          values={values}
          block={block}
          labels={labels}
          compressed={compressed}
          domain={domain}
          valueLabel={`${name} entry`}
          csvValueName="p"
          fileName={`head-${compressed ? 'Pbar' : 'P'}-${fileStem}`}
          testId="head-heatmap-p"
          onHover={setCell}
        />
        <HeadMatrixFigure
          title={`${name}${sub}: best rank-${r} approximation`}
          description={`${label}: the best rank-${r} approximation of ${name}, the sum of its top ${r} singular triplets.`}
          caption={`${label}. The sum σ₁u₁v₁ᵀ + … of the top ${r} singular triplets: by Eckart–Young no matrix of rank ${r} is closer to ${name} in the Frobenius norm (relative error ${formatError(error)}). It is not a probability matrix: entries can dip below 0.${windowWords}`}
          values={approximation}
          block={block}
          labels={labels}
          compressed={compressed}
          domain={domain}
          valueLabel={`${name}${sub} entry`}
          csvValueName={`p_r${r}`}
          fileName={`head-${compressed ? 'Pbar' : 'P'}-r${r}-${fileStem}`}
          testId="head-heatmap-pr"
          onHover={setCell}
        />
        <HeadSpectrumFigure
          sigma={result.svd.sigma}
          errors={errors}
          rank={r}
          label={label}
          matrixName={name}
          fileName={`head-spectrum-${fileStem}`}
        />
      </div>
      <p className="head-readout muted" data-testid="head-readout" aria-live="polite">
        {cell ? readout(result, cell, approximation, block, name, sub) : 'Point at a cell, or focus a matrix and use the arrow keys, to read it in both matrices.'}
      </p>
    </div>
  );
}

/** "query 5 ‘t’ → key 3 ‘e’: P = 0.0312, P₅ = 0.0309", naming a masked position's original token. */
function readout(
  result: HeadAttentionResult,
  cell: { row: number; col: number },
  approximation: number[][],
  block: { rowStart: number; colStart: number },
  name: string,
  sub: string,
): string {
  const token = (i: number) => {
    const shown = `‘${result.tokens[i]}’`;
    return result.predicted[i] && result.tokens[i] !== result.originals[i] ? `${shown} (was ‘${result.originals[i]}’)` : shown;
  };
  const key = isCompressed(result) ? `compressed key ${cell.col + 1}` : `key ${cell.col + 1} ${token(cell.col)}`;
  const p = result.data[cell.row * result.cols + cell.col];
  const pr = approximation[cell.row - block.rowStart]?.[cell.col - block.colStart];
  return `query ${cell.row + 1} ${token(cell.row)} → ${key}: ${name} = ${p.toPrecision(3)}, ${name}${sub} = ${pr === undefined ? '—' : pr.toPrecision(3)}`;
}

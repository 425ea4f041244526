import { downloadCsv } from '../../shared/export/exportFigure';
import { MISSING_TEXT } from '../../shared/format/format';
import type { HeadSummary } from '../../../lib/spectra';
import { headCsvRows } from './spectraFigureData';
import { TableScroll } from '../../shared/table/TableScroll';

interface Props {
  summaries: readonly HeadSummary[];
  /** The index i (already clamped to the snapshot's spectrum); not the model's k. */
  index: number;
  label: string;
  testId: string;
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : MISSING_TEXT);
/** Significant digits, not decimals: fresh models give shares like 0.99987 and errors like 2.3e-5. */
const precise = (value: number, digits: number) => (Number.isFinite(value) ? value.toPrecision(digits) : MISSING_TEXT);

/** Per head: the top-i share, the best rank-i relative error (Eckart–Young) and an effective rank, averaged over sequences. */
export function HeadTable({ summaries, index, label, testId }: Props) {
  return (
    <div>
      <TableScroll label={`Per-head spectrum table (${label})`}>
        <table className="data-table spectra-table" data-testid={testId}>
          <caption>Per head ({label})</caption>
          <thead>
            <tr>
              <th scope="col">Layer</th>
              <th scope="col">Head</th>
              <th scope="col" title={`Mean share of Σσ held by the top ${index} singular values`}>
                Top-{index} share
              </th>
              <th
                scope="col"
                title={`Mean ‖P − P_${index}‖_F / ‖P‖_F of the best rank-${index} approximation (Eckart–Young)`}
              >
                Rank-{index} error
              </th>
              <th scope="col" title="Mean exp(entropy of σ/Σσ) (Roy & Vetterli)">
                Effective rank
              </th>
              <th scope="col" title="Leading singular values above the float32 rounding floor, out of all">
                Meaningful values
              </th>
            </tr>
          </thead>
          <tbody>
            {summaries.map((s) => (
              <tr key={`${s.layer}:${s.head}`}>
                <td>{s.layer + 1}</td>
                <td>{s.head + 1}</td>
                <td>{precise(s.cumulativeAtK, 5)}</td>
                <td>{s.rankKError === 0 ? '0' : precise(s.rankKError, 3)}</td>
                <td>{fixed(s.effectiveRank, 2)}</td>
                <td>
                  {s.meaningfulTail} / {s.meanCumulative.length}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <div className="figure-export">
        <span className="muted">Export:</span>
        <button
          type="button"
          aria-label={`Download the per-head table (${label}) as CSV`}
          onClick={() => downloadCsv(headCsvRows(summaries, index), `spectra-heads-i${index}-${label}`)}
        >
          CSV
        </button>
      </div>
    </div>
  );
}

import { PAPER_TABLE_2 } from '../../../lib/finetune/paperTable2';
import { MISSING_TEXT } from '../../shared/format/format';
import { TableScroll } from '../../shared/table/TableScroll';

/** The paper's SST-2 and IMDB dev accuracies, labelled as a reference from other models and hardware. */
export function PaperTable2() {
  return (
    <TableScroll label="The paper’s Table 2 (reference)">
      <table className="data-table finetune-table" data-testid="finetune-paper-table">
        <caption>
          Reference, not measured here: the paper’s Table 2 (dev accuracy, %, 12-layer RoBERTa-base-sized models
          pretrained on BookCorpus + Wikipedia with 64 V100s, then fine-tuned).
        </caption>
        <thead>
          <tr>
            <th scope="col">n</th>
            <th scope="col" className="text">
              Model
            </th>
            <th scope="col">k</th>
            <th scope="col" className="text">
              Sharing
            </th>
            <th scope="col">SST-2</th>
            <th scope="col">IMDB</th>
          </tr>
        </thead>
        <tbody>
          {PAPER_TABLE_2.map((row, i) => (
            <tr key={i}>
              <td>{row.n}</td>
              <td className="text">{row.model}</td>
              <td>{row.k ?? MISSING_TEXT}</td>
              <td className="text">{row.k === null ? MISSING_TEXT : row.sharing}</td>
              <td>{row.sst2.toFixed(1)}</td>
              <td>{row.imdb.toFixed(1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

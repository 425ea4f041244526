import { CLASSIFICATION_DATASETS, type ClassificationDatasetId } from '../../../lib/finetune/classificationDataset';
import { MISSING_TEXT, formatCount } from '../../shared/format/format';
import { TableScroll } from '../../shared/table/TableScroll';
import { Pager, usePage } from '../../shared/forms/Pager';
import {
  attentionLabel,
  modelSizeLabel,
  pretrainingLabel,
  sharingLabel,
  toPercent,
  type StoredFineTune,
} from './finetuneResults';

interface Props {
  results: readonly StoredFineTune[];
  onRemove(id: string): void;
  /** Sets the page up to run a result again from its link; missing while a fine-tune runs. */
  onOpen?: (link: string) => void;
}

/**
 * The measured Table 2: one row per fine-tune (newest first), its dev accuracy under its sentence set's
 * column, and the majority-class row every classifier has to beat.
 */
export function ResultsTable({ results, onRemove, onOpen }: Props) {
  const majority = new Map<ClassificationDatasetId, number>();
  for (const { result } of results)
    if (!majority.has(result.dataset)) majority.set(result.dataset, result.majorityAccuracy);
  // A page at a time: thousands of imported results render as fast as fifty.
  const page = usePage(results);
  return (
    <>
      <TableScroll label="Fine-tune results measured here">
        <table className="data-table finetune-table" data-testid="finetune-table">
          <caption>Measured in this browser: dev accuracy after fine-tuning (newest first).</caption>
          <thead>
            <tr>
              <th scope="col" className="text">
                Attention
              </th>
              <th scope="col" className="text">
                Sharing
              </th>
              <th scope="col" className="text">
                Pretrained
              </th>
              <th scope="col" className="text">
                Model
              </th>
              <th scope="col" className="text">
                Fine-tune
              </th>
              {CLASSIFICATION_DATASETS.map((dataset) => (
                <th scope="col" key={dataset.id}>
                  {dataset.title} <span className="muted">({dataset.paperColumn} stand-in)</span>
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {results.length === 0 && (
              <tr>
                <td className="text muted" colSpan={6 + CLASSIFICATION_DATASETS.length}>
                  No fine-tunes yet.
                </td>
              </tr>
            )}
            {page.items.map(({ id, result, link, backend }) => (
              <tr key={id} data-testid="finetune-row">
                <td className="text">{attentionLabel(result)}</td>
                <td className="text">{sharingLabel(result)}</td>
                <td className="text">{pretrainingLabel(result)}</td>
                <td className="text">{modelSizeLabel(result)}</td>
                <td className="text">
                  {formatCount(result.steps, 'step')}
                  {result.stoppedEarly ? ' (stopped)' : ''}, {result.pooling} pooling, lr {result.learningRate}
                  {backend ? `, on ${backend}` : ''}
                </td>
                {CLASSIFICATION_DATASETS.map((dataset) => (
                  <td key={dataset.id}>
                    {dataset.id === result.dataset ? <strong>{toPercent(result.devAccuracy)}</strong> : MISSING_TEXT}
                  </td>
                ))}
                <td className="row-actions">
                  {link && (
                    <button
                      type="button"
                      className="link-button open"
                      disabled={!onOpen}
                      title="Set the experiment and fine-tune settings to run this again"
                      aria-label={`Open the settings of ${attentionLabel(result)}, ${toPercent(result.devAccuracy)}`}
                      onClick={() => onOpen?.(link)}
                    >
                      settings
                    </button>
                  )}
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Remove the result of ${attentionLabel(result)}, ${toPercent(result.devAccuracy)}`}
                    onClick={() => onRemove(id)}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            ))}
            {majority.size > 0 && (
              <tr className="baseline-row" data-testid="finetune-majority-row">
                <td className="text" colSpan={5}>
                  Majority class (always answer the most frequent training label)
                </td>
                {CLASSIFICATION_DATASETS.map((dataset) => {
                  const value = majority.get(dataset.id);
                  return <td key={dataset.id}>{value === undefined ? MISSING_TEXT : toPercent(value)}</td>;
                })}
                <td />
              </tr>
            )}
          </tbody>
        </table>
      </TableScroll>
      <Pager page={page} noun="results" testId="finetune-pager" />
    </>
  );
}

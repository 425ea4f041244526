/** A finished fine-tune as the page keeps it (IndexedDB): shared by the results table and the file reader. */
import type { FineTuneResult } from '../../../worker/finetuneTypes';

export interface StoredFineTune {
  id: string;
  /** When it finished (ISO 8601). */
  finishedAt: string;
  result: FineTuneResult;
  /** The address query that sets the page up to repeat it (experiment and fine-tune settings). */
  link?: string;
  /** The tfjs backend it ran on. */
  backend?: string;
}

/**
 * Problems no single setting shows and the link reader does not repair (a repair would change the experiment in a
 * way nobody asked for): heads that do not divide dModel, pooling whose window n/k is not whole, layerwise
 * sharing with different k per layer. They are the model's own check (configProblems, the same the worker applies
 * at Start), said when a link is opened or settings are applied, so nobody learns of them only when a run fails.
 */
import { configProblems } from '../../lib/model/config';
import type { ExperimentSettings } from './schema';
import { toRunSpec } from './toRunSpec';

/** At most this many lines: a model with many layers repeats one problem per layer. */
const MAX_PROBLEMS = 3;

/** One sentence per problem, naming the fields, or an empty list when Start can build the model. */
export function settingsProblems(settings: ExperimentSettings): string[] {
  // The vocabulary is the corpus's, known only once it loads; configProblems asks of it only that it be positive.
  const problems = configProblems({ ...toRunSpec(settings).model, vocabSize: 1 });
  const shown = problems
    .slice(0, MAX_PROBLEMS)
    .map((problem) => `Cannot train as set: ${problem} Change one of these settings before Start.`);
  if (problems.length > MAX_PROBLEMS) shown.push(`…and ${problems.length - MAX_PROBLEMS} more of the same kind.`);
  return shown;
}

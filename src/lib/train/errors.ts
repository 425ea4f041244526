/** Errors the training layer raises, each with a message a user can act on. */

/** The loss (or the gradient norm) stopped being a finite number: the run cannot continue. */
export class TrainingDivergedError extends Error {
  constructor(
    readonly step: number,
    readonly quantity: 'loss' | 'gradient norm',
    readonly value: number,
    readonly learningRate: number,
  ) {
    super(
      `Training diverged at step ${step}: the ${quantity} is ${value}. ` +
        `Try a lower learning rate (it was ${learningRate.toPrecision(3)} at this step), a longer warm-up or a smaller clip norm.`,
    );
    this.name = 'TrainingDivergedError';
  }
}

/** A training configuration that cannot be used; `problems` names each offending field. */
export class TrainConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid training configuration: ${problems.join(' ')}`);
    this.name = 'TrainConfigError';
  }
}

/** Theory of the efficiency lab: counted costs, expected ratios, guard rails and the paper's reference figures. */
export * from './costModel';
export * from './parameters';
export * from './ratios';
export * from './guardRails';
export * from './paperReference';
export * from './sweepPlan';
export * from './measureStats';

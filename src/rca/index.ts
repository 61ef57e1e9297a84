/**
 * The RCA view: quality histograms per dataset, their payload, bins,
 * summaries and parts.
 */
export * from './payload';
export * from './bins';
export * from './summary';
export * from './state';
export * from './view';
export * from './histogram';
export * from './controls';
export * from './table';
export * from './hover';
export * from './picture';
export * from './examples-payload';
export * from './examples';

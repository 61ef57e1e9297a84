/** RCA quality histograms per dataset: payload, bins, summaries and the view. */
export * from './payload';
export * from './bins';
export * from './summary';
export * from './histogram-chart';
export * from './rca-table';
export * from './rca-view';

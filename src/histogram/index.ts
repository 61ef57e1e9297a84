/**
 * The histogram view: any numeric column per group, its payload, decimal
 * grid, merging, summaries and parts.
 */
export * from './payload';
export * from './grid';
export * from './merge';
export * from './summary';
export * from './state';
export * from './view';
export * from './figure';
export * from './controls';
export * from './table';
export * from './hover';
export * from './picture';
export * from './examples-payload';

/**
 * Landmark plots: one row's contour set, or the shapes of up to 10,000 rows
 * with their mean, spread and outliers. Payload, pure statistics and the view.
 */
export * from './payload';
export * from './shapes';
export * from './model';
export * from './point-grid';
export * from './mapping';
export * from './density-painter';
export * from './plot-frame';
export * from './shape-layer';
export * from './plot-controls';
export * from './outlier-list';
export * from './underlay';
export * from './labels';
export * from './hit-test';
export * from './plot-state';
export * from './plot-stats';
export * from './plot-canvases';
export * from './shape-content';
export * from './plot-parts';
export * from './landmark-view';
export * from './figure-picture';

/**
 * The landmark view: one row's contour set, or the shapes of up to 10,000
 * rows with their mean, spread and outliers. Payload, pure statistics, the
 * plot's parts and the view.
 */
export * from './payload';
export * from './model';
export * from './shapes';
export * from './statistics';
export * from './point-grid';
export * from './density';
export * from './state';
export * from './view';
export * from './plot';
export * from './frame';
export * from './contours';
export * from './underlay';
export * from './shape-layer';
export * from './controls';
export * from './outliers';
export * from './labels';
export * from './hover';
export * from './picture';

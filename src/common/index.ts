/**
 * What the views share: DOM and colour helpers, form controls, the legend,
 * zoom, axes, the histogram chart with its controls, table and tooltip,
 * the mask painter, the payload checks every payload makes, and
 * the view skeleton (`PayloadView`) with its error panel, export bar,
 * picture output and lazy painting.
 */
export * from './dom';
export * from './colors';
export * from './inputs';
export * from './legend';
export * from './sigma-scale';
export * from './color-bar';
export * from './zoom';
export * from './axes';
export * from './mask-painter';
export * from './organ-rgb';
export * from './mask-layer';
export * from './scratch-image';
export * from './canvas-pool';
export * from './error-panel';
export * from './payload-view';
export * from './placeholder';
export * from './picture-triggers';
export * from './model-data';
export * from './picture-output';
export * from './svg-picture';
export * from './paint-queue';
export * from './latest-only';
export * from './idle-queue';
export * from './visibility';
export * from './timing';
export * from './export-bar';
export * from './payload';
export * from './fine-bins';
export * from './histogram-chart';
export * from './histogram-controls';
export * from './summary-table';
export * from './tooltip';
export * from './chart-width';
export * from './csv-export';
export * from './histogram-figure';
export * from './chart-view';

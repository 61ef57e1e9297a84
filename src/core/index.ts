/**
 * The CheXmask decoding core: pure TypeScript, no DOM, no JupyterLab. It runs
 * in Node, in the browser and in a Web Worker, and every view, test and
 * benchmark of the project uses it.
 */
export * from './errors';
export * from './dimensions';
export * from './organs';
export * from './datasets';
export * from './rle';
export * from './runs';
export * from './landmarks';
export * from './uncertainty';
export * from './fill';
export * from './row';
export * from './geometry';
export * from './organ-masks';
export * from './csv';
export * from './row-measurements';
export * from './numpy-reductions';
export * from './agreement';
export * from './surface-distance';

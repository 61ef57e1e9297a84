/** Small DOM and colour helpers shared by every view. */
export * from './dom';
export * from './colors';
export * from './error-panel';
export * from './payload-view';
export * from './picture-output';
export * from './svg-picture';
export * from './paint-queue';
export * from './visibility';
export * from './timing';
export * from './export-bar';

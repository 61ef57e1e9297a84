/** The interactive mask overlay of one CheXmask row. */
export * from './xray';
export * from './mask-painter';
export * from './annotations';
export * from './zoom';
export * from './controls';
export * from './header';
export * from './row-view';
export * from './picture';
export * from './hover';

/**
 * The gallery view: many CheXmask rows as tiles (sort, filter, select,
 * export, open large), its payload and its parts.
 */
export * from './payload';
export * from './tile-payload';
export * from './state';
export * from './exports';
export * from './row-export';
export * from './header';
export * from './view';
export * from './gallery';
export * from './grid';
export * from './tile';
export * from './controls';
export * from './hover';
export * from './large';
export * from './large-payload';
export * from './picture';
export * from './examples-payload';
export * from './examples';

/**
 * The row view: the interactive overlay of one CheXmask row (masks, x-ray,
 * landmarks, cardiothoracic ratio), its payload and its parts.
 */
export * from './payload';
export * from './image';
export * from './state';
export * from './view';
export * from './overlay';
export * from './controls';
export * from './header';
export * from './measurements';
export * from './picture';
export * from './hover';
export * from './annotations';
export * from './xray';

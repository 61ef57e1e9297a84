/**
 * The compare view: two segmentations of one image (A, B, both outlined,
 * the agreement map, blend, swipe) with the per-organ table, its payload
 * and its parts.
 */
export * from './payload';
export * from './state';
export * from './view';
export * from './comparison';
export * from './header';
export * from './layers';
export * from './off-thread';
export * from './controls';
export * from './hover';
export * from './picture';
export * from './table';
export * from './metrics';
export * from './agreement-colors';
export * from './agreement-painter';

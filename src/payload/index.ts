/** The MIME payloads the kernel side writes, and their checks. */
export * from './version';
export * from './fields';
export * from './image';
export * from './row-payload';

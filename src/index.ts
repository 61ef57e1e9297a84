/**
 * jupyterlab-chexmask: the package entry. The decoding core is re-exported so
 * other extensions and scripts can use the exact same decoder.
 */
export * from './core';

/**
 * Jest: ts-jest on the TypeScript sources. Core tests run in plain Node (no
 * jsdom): the core must not need a DOM. d3 is ES modules only, so it is
 * mapped to its UMD bundle (see ../shared/TOOLCHAIN.md).
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/__tests__/**/*.spec.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }]
  },
  moduleNameMapper: {
    '^d3$': '<rootDir>/node_modules/d3/dist/d3.min.js',
    // Unit tests have no workers; the row view then decodes on the main thread.
    'spawn-worker$': '<rootDir>/src/__tests__/no-worker.js',
    '\\.(css|less)$': '<rootDir>/src/__tests__/style-mock.js'
  },
  testTimeout: 120000
};

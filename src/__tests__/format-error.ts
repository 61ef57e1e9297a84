/**
 * Test helper: run `fn` and return the ChexmaskFormatError it throws; any
 * other error is rethrown and returning normally fails the test.
 */
import { ChexmaskFormatError } from '../core';

export function formatError(fn: () => unknown): ChexmaskFormatError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ChexmaskFormatError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a ChexmaskFormatError, but nothing was thrown');
}

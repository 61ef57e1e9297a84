import { ChexmaskFormatError, describeType } from '../core';

/**
 * A payload field that must be a JSON object.
 *
 * @throws ChexmaskFormatError naming `field` otherwise.
 */
export function expectObject(
  value: unknown,
  field: string
): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ChexmaskFormatError(
      field,
      `must be an object, got ${describeType(value)}`
    );
  }
  return value as Record<string, unknown>;
}

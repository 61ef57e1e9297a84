/**
 * The one error type of the decoding core.
 *
 * Every malformed value in a CheXmask row ends in a `ChexmaskFormatError` whose
 * `field` names the CSV column (or payload field) at fault, so a view can show
 * the user exactly which cell of which row is wrong.
 */
export class ChexmaskFormatError extends Error {
  /** The column or payload field that holds the malformed value, e.g. `Heart`. */
  readonly field: string;

  /**
   * @param field - The column or payload field at fault.
   * @param problem - What is wrong, in words, without the field name.
   */
  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.name = 'ChexmaskFormatError';
    this.field = field;
    // Keep `instanceof` working when compiled to ES5-style classes.
    Object.setPrototypeOf(this, ChexmaskFormatError.prototype);
  }
}

/**
 * Quote untrusted text for an error message: bounded in length and with
 * control characters escaped, so a 50 MB cell never becomes a 50 MB message.
 */
export function quoteForMessage(value: string, maxLength = 24): string {
  const cut =
    value.length > maxLength ? value.slice(0, maxLength) + '…' : value;
  return JSON.stringify(cut);
}

/** Describe the type of an unexpected value for an error message. */
export function describeType(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (value === undefined) {
    // Not "a undefined": the field is absent or was never set.
    return 'nothing';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Quote any untrusted value for an error message: numbers and booleans as
 * written (NaN and Infinity too), text bounded by {@link quoteForMessage},
 * anything else by its type. Never `String()` or `JSON.stringify` of an
 * array or object: 10⁵ levels of nesting overflow the stack there.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (typeof value === 'string') {
    return `the text ${quoteForMessage(value)}`;
  }
  return describeType(value);
}

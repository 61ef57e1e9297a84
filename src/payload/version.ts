import { ChexmaskFormatError, describeValue } from '../core';

/** The payload version this extension writes and reads. */
export const PAYLOAD_VERSION = 1;

/**
 * Check a payload's `version`: 1 is read; a higher one was written by a newer
 * extension and gets a message saying so rather than a confusing field error.
 */
export function checkPayloadVersion(version: unknown, mimeType: string): void {
  if (version === PAYLOAD_VERSION) {
    return;
  }
  if (
    typeof version === 'number' &&
    Number.isInteger(version) &&
    version > PAYLOAD_VERSION
  ) {
    throw new ChexmaskFormatError(
      'version',
      `this ${mimeType} payload is version ${version}, newer than this extension reads (${PAYLOAD_VERSION}): upgrade jupyterlab-chexmask`
    );
  }
  throw new ChexmaskFormatError(
    'version',
    `must be ${PAYLOAD_VERSION}, got ${describeValue(version)}`
  );
}

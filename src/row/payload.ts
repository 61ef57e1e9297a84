/**
 * The row payload, `application/vnd.chexmask.row.v1+json`: one CheXmask CSV
 * row, an optional x-ray and a title. Its format is specified in
 * `schema/payloads/row.v1.json`; this is the check users see, naming the
 * field or CSV column at fault.
 */
import {
  ChexmaskFormatError,
  describeType,
  IChexmaskRow,
  parseRow
} from '../core';
import {
  checkPayloadVersion,
  expectObject,
  MAX_TEXT,
  PayloadVersion
} from '../common/payload';
import { IEmbeddedImage, parseEmbeddedImage } from './image';

/** The MIME type of one CheXmask row, versioned so the payload can evolve. */
export const MIME_ROW = 'application/vnd.chexmask.row.v1+json';

/**
 * The payload of {@link MIME_ROW}, as the kernel-side `show()` writes it:
 * `row` is a CheXmask CSV row keyed by column name, as raw CSV cells or as
 * pandas' `Series.to_dict()` through JSON; the frontend's core parses it.
 */
export interface IRowPayload {
  version: PayloadVersion;
  row: Record<string, unknown>;
  image?: IEmbeddedImage | null;
  title?: string | null;
}

/** A row payload after checking: the normalised row, its image and title. */
export interface IParsedRowPayload {
  row: IChexmaskRow;
  image: IEmbeddedImage | null;
  title: string | null;
}

/**
 * Check and normalise a row payload.
 *
 * @throws ChexmaskFormatError naming the payload field or CSV column at fault.
 */
export function parseRowPayload(data: unknown): IParsedRowPayload {
  const payload = expectObject(data, 'payload');
  checkPayloadVersion(payload.version, MIME_ROW);
  if (!('row' in payload)) {
    throw new ChexmaskFormatError('row', 'is missing from the payload');
  }
  const row = parseRow(payload.row);
  const image =
    payload.image === undefined || payload.image === null
      ? null
      : parseEmbeddedImage(payload.image);
  return { row, image, title: Private.title(payload.title) };
}

namespace Private {
  /** `title`: text, cut to {@link MAX_TEXT} characters, or null/absent. */
  export function title(value: unknown): string | null {
    if (value === undefined || value === null) {
      return null;
    }
    if (typeof value !== 'string') {
      throw new ChexmaskFormatError(
        'title',
        `must be text, got ${describeType(value)}`
      );
    }
    return value.slice(0, MAX_TEXT);
  }
}

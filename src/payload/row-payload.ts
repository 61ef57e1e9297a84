import {
  ChexmaskFormatError,
  describeType,
  IChexmaskRow,
  parseRow
} from '../core';
import { checkPayloadVersion } from './version';
import { IEmbeddedImage, parseEmbeddedImage } from './image';

/** The MIME type of one CheXmask row, versioned so the payload can evolve. */
export const MIME_ROW = 'application/vnd.chexmask.row.v1+json';

/**
 * The payload of {@link MIME_ROW}, as the kernel-side `show()` writes it.
 *
 * ```json
 * { "version": 1,
 *   "row": { "dicom_id": "…", "Dice RCA (Mean)": 0.86, "Right Lung": "123 4 …", "Height": 1024, … },
 *   "image": { "mimeType": "image/png", "data": "<base64>", "width": 1024, "height": 1024 } | null,
 *   "title": "optional caption" | null }
 * ```
 *
 * `row` is a CheXmask CSV row keyed by column name, as raw CSV cells or as
 * pandas' `Series.to_dict()` through JSON; the frontend's core parses it.
 */
export interface IRowPayload {
  version: 1;
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
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ChexmaskFormatError(
      'payload',
      `must be an object, got ${describeType(data)}`
    );
  }
  const payload = data as Record<string, unknown>;
  checkPayloadVersion(payload.version, MIME_ROW);
  if (!('row' in payload)) {
    throw new ChexmaskFormatError('row', 'is missing from the payload');
  }
  const row = parseRow(payload.row);
  const image =
    payload.image === undefined || payload.image === null
      ? null
      : parseEmbeddedImage(payload.image);
  let title: string | null = null;
  if (payload.title !== undefined && payload.title !== null) {
    if (typeof payload.title !== 'string') {
      throw new ChexmaskFormatError(
        'title',
        `must be text, got ${describeType(payload.title)}`
      );
    }
    title = payload.title.slice(0, 500);
  }
  return { row, image, title };
}

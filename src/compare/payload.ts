/**
 * The compare payload, `application/vnd.chexmask.compare.v1+json`: two
 * segmentations of one image (A and B) as CheXmask RLE at one size, their
 * labels and landmarks, the per-organ table the kernel computed, an optional
 * x-ray and a title. Its format is specified in
 * `schema/payloads/compare.v1.json`; this is the check users see: every
 * error names the field, and a bad mask or landmark list names its source by
 * label too.
 */
import {
  ChexmaskFormatError,
  checkMaskSize,
  describeType,
  describeValue,
  LandmarkPoint,
  MAX_MASK_PIXELS,
  ORGANS,
  OrganKey,
  parseLandmarks,
  parseRuns,
  quoteForMessage
} from '../core';
import {
  checkPayloadVersion,
  expectObject,
  isWholeNumber,
  optionalText,
  PayloadVersion
} from '../common/payload';
import { IEmbeddedImage, parseEmbeddedImage } from '../row/image';

/** The MIME type of a comparison, versioned so the payload can evolve. */
export const MIME_COMPARE = 'application/vnd.chexmask.compare.v1+json';

/** The longest label kept: longer labels are cut. */
export const MAX_LABEL = 100;

/** The two sides, by their payload field. */
export type Side = 'a' | 'b';

/** One side of the payload, as written (see the schema). */
export interface ICompareSidePayload {
  id?: string | number | null;
  masks: Partial<Record<string, string | null>>;
  landmarks?: unknown;
}

/** One organ's row of the kernel's table, as written (`null`: undefined). */
export interface ITableEntryPayload {
  organ: string;
  dice: number;
  iou: number;
  hd: number | null;
  hd95: number | null;
  assd: number | null;
  areaA: number;
  areaB: number;
  landmarkDistance: number | null;
}

/** The payload of {@link MIME_COMPARE}, as `cm.compare()` writes it. */
export interface IComparePayload {
  version: PayloadVersion;
  labels: [string, string];
  height: number;
  width: number;
  resizedFrom?: { height: number; width: number } | null;
  a: ICompareSidePayload;
  b: ICompareSidePayload;
  table?: ITableEntryPayload[] | null;
  image?: IEmbeddedImage | null;
  title?: string | null;
}

/** One side after checking: its masks as 0-based runs, its landmarks. */
export interface ICompareSide {
  id: string | null;
  runs: Record<OrganKey, Int32Array>;
  landmarks: LandmarkPoint[] | null;
}

/** The metrics of one organ (`NaN`: undefined, exactly one mask empty). */
export interface IOrganMetrics {
  dice: number;
  iou: number;
  hd: number;
  hd95: number;
  assd: number;
  areaA: number;
  areaB: number;
  /** `NaN` unless both sides have 120 landmarks. */
  landmarkDistance: number;
}

/** A compare payload after checking. */
export interface IParsedComparePayload {
  labels: [string, string];
  height: number;
  width: number;
  /** B's size before the kernel resampled it (`resize="nearest"`), or `null`. */
  resizedFrom: { height: number; width: number } | null;
  a: ICompareSide;
  b: ICompareSide;
  /** The kernel's table by organ, or `null` when the payload has none. */
  table: Record<OrganKey, IOrganMetrics> | null;
  image: IEmbeddedImage | null;
  title: string | null;
}

/**
 * Check and normalise a compare payload: version, labels, size, each side's
 * masks (every RLE rule of the core) and landmarks, the table, image, title.
 *
 * @throws ChexmaskFormatError naming the field at fault.
 */
export function parseComparePayload(data: unknown): IParsedComparePayload {
  const payload = expectObject(data, 'payload');
  checkPayloadVersion(payload.version, MIME_COMPARE);
  const labels = Private.labels(payload.labels);
  const height = Private.side(payload.height, 'height');
  const width = Private.side(payload.width, 'width');
  try {
    checkMaskSize(height, width);
  } catch {
    throw new ChexmaskFormatError(
      'height',
      `a ${height}×${width} mask has ${height * width} pixels, above the limit of ${MAX_MASK_PIXELS}`
    );
  }
  const resizedFrom = Private.resizedFrom(payload.resizedFrom);
  const a = Private.sideOf(payload.a, 'a', labels[0], height, width);
  const b = Private.sideOf(payload.b, 'b', labels[1], height, width);
  const table =
    payload.table === undefined || payload.table === null
      ? null
      : Private.table(payload.table, height * width);
  const image =
    payload.image === undefined || payload.image === null
      ? null
      : parseEmbeddedImage(payload.image);
  const title = optionalText(payload.title, 'title');
  return { labels, height, width, resizedFrom, a, b, table, image, title };
}

namespace Private {
  /** The organs by their column name, as the masks and the table name them. */
  const BY_COLUMN = new Map<string, OrganKey>(
    ORGANS.map(o => [o.column, o.key])
  );
  const COLUMNS = ORGANS.map(o => o.column).join(', ');

  /** `labels`: two non-blank texts, cut to {@link MAX_LABEL} characters. */
  export function labels(value: unknown): [string, string] {
    if (!Array.isArray(value) || value.length !== 2) {
      throw new ChexmaskFormatError(
        'labels',
        `must be the two sources' names, e.g. ["CheXmask", "model"], got ${
          Array.isArray(value) ? `${value.length} values` : describeValue(value)
        }`
      );
    }
    return value.map((label: unknown, i) => {
      if (typeof label !== 'string' || label.trim() === '') {
        throw new ChexmaskFormatError(
          `labels[${i}]`,
          `the ${i ? 'second' : 'first'} source's name must be non-blank text, got ${describeValue(label)}`
        );
      }
      return label.slice(0, MAX_LABEL);
    }) as [string, string];
  }

  /** `height` or `width`: a whole number of pixels from 1 to the mask limit. */
  export function side(value: unknown, field: string): number {
    if (!isWholeNumber(value, 1, MAX_MASK_PIXELS)) {
      throw new ChexmaskFormatError(
        field,
        `the masks' ${field} must be a whole number of pixels from 1 to ${MAX_MASK_PIXELS}, got ${describeValue(value)}`
      );
    }
    return value;
  }

  /** `resizedFrom`: B's size before resampling, or null/absent. */
  export function resizedFrom(
    value: unknown
  ): { height: number; width: number } | null {
    if (value === undefined || value === null) {
      return null;
    }
    const size = expectObject(value, 'resizedFrom');
    return {
      height: side(size.height, 'resizedFrom.height'),
      width: side(size.width, 'resizedFrom.width')
    };
  }

  /** Who a side is, for messages: `"other" (b)`. */
  export function who(label: string, field: Side): string {
    return `${quoteForMessage(label, 40)} (${field})`;
  }

  /** A side: its id, masks (RLE at the payload's size) and landmarks. */
  export function sideOf(
    value: unknown,
    field: Side,
    label: string,
    height: number,
    width: number
  ): ICompareSide {
    const side = expectObject(value, field);
    const id = side.id;
    if (
      id !== undefined &&
      id !== null &&
      typeof id !== 'string' &&
      typeof id !== 'number'
    ) {
      throw new ChexmaskFormatError(
        `${field}.id`,
        `the image id of ${who(label, field)} must be text, a number or null, got ${describeType(id)}`
      );
    }
    const masks = expectObject(side.masks, `${field}.masks`);
    for (const key of Object.keys(masks)) {
      if (!BY_COLUMN.has(key)) {
        throw new ChexmaskFormatError(
          `${field}.masks`,
          `${who(label, field)} has a mask of an unknown organ ${quoteForMessage(key)} (the organs are ${COLUMNS})`
        );
      }
    }
    const runs = {} as Record<OrganKey, Int32Array>;
    for (const organ of ORGANS) {
      const at = `${field}.masks.${organ.column}`;
      const cell = masks[organ.column];
      if (cell !== undefined && cell !== null && typeof cell !== 'string') {
        throw new ChexmaskFormatError(
          at,
          `the ${organ.label} mask of ${who(label, field)} must be CheXmask RLE text or null, got ${describeType(cell)}`
        );
      }
      // As in a row: null, absent or blank text is an empty mask.
      const empty = cell === undefined || cell === null || cell.trim() === '';
      runs[organ.key] = empty
        ? new Int32Array(0)
        : rethrown(at, `the ${organ.label} mask of ${who(label, field)}`, () =>
            parseRuns(cell as string | null | undefined, height, width, at)
          );
    }
    // As in a row's Landmarks cell: null, absent or blank text is none.
    const landmarks =
      side.landmarks === undefined ||
      side.landmarks === null ||
      (typeof side.landmarks === 'string' && side.landmarks.trim() === '')
        ? null
        : rethrown(
            `${field}.landmarks`,
            `the landmarks of ${who(label, field)}`,
            () => parseLandmarks(side.landmarks, `${field}.landmarks`)
          );
    return {
      id: id === undefined || id === null ? null : String(id).slice(0, 500),
      runs,
      landmarks
    };
  }

  /** Run a check, saying whose value failed in front of the core's message. */
  export function rethrown<T>(field: string, whose: string, check: () => T): T {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof ChexmaskFormatError)) {
        throw error;
      }
      const problem = error.message.startsWith(`${error.field}: `)
        ? error.message.slice(error.field.length + 2)
        : error.message;
      throw new ChexmaskFormatError(field, `${whose}: ${problem}`);
    }
  }

  /** The table's value names, the words messages use for them, and whether null is allowed. */
  const VALUES: ReadonlyArray<
    [keyof IOrganMetrics, string, 'score' | 'distance' | 'area']
  > = [
    ['dice', 'Dice', 'score'],
    ['iou', 'IoU', 'score'],
    ['hd', 'Hausdorff distance', 'distance'],
    ['hd95', 'HD95', 'distance'],
    ['assd', 'ASSD', 'distance'],
    ['areaA', 'area A', 'area'],
    ['areaB', 'area B', 'area'],
    ['landmarkDistance', 'mean landmark distance', 'distance']
  ];

  /** `table`: one entry per organ, each organ once. */
  export function table(
    value: unknown,
    pixels: number
  ): Record<OrganKey, IOrganMetrics> {
    if (!Array.isArray(value) || value.length !== ORGANS.length) {
      throw new ChexmaskFormatError(
        'table',
        `must be a list of ${ORGANS.length} organs' metrics (${COLUMNS}), got ${
          Array.isArray(value) ? `${value.length} entries` : describeType(value)
        }`
      );
    }
    const out = {} as Record<OrganKey, IOrganMetrics>;
    value.forEach((item: unknown, i) => {
      const entry = expectObject(item, `table[${i}]`);
      const key =
        typeof entry.organ === 'string'
          ? BY_COLUMN.get(entry.organ)
          : undefined;
      if (key === undefined) {
        throw new ChexmaskFormatError(
          `table[${i}].organ`,
          `must be one of ${COLUMNS}, got ${describeValue(entry.organ)}`
        );
      }
      if (out[key]) {
        throw new ChexmaskFormatError(
          `table[${i}].organ`,
          `${entry.organ} appears twice in the table`
        );
      }
      const metrics = {} as IOrganMetrics;
      for (const [name, words, kind] of VALUES) {
        metrics[name] = number(
          entry[name],
          `table[${i}].${name}`,
          `the ${words} of ${entry.organ}`,
          kind,
          pixels
        );
      }
      out[key] = metrics;
    });
    return out;
  }

  /** One value of the table (`NaN` for a distance that is null). */
  export function number(
    value: unknown,
    field: string,
    what: string,
    kind: 'score' | 'distance' | 'area',
    pixels: number
  ): number {
    if (kind === 'distance' && value === null) {
      return NaN;
    }
    const ok =
      kind === 'score'
        ? typeof value === 'number' && value >= 0 && value <= 1
        : kind === 'area'
          ? isWholeNumber(value, 0, pixels)
          : typeof value === 'number' && value >= 0 && Number.isFinite(value);
    if (!ok) {
      const expected =
        kind === 'score'
          ? 'a number from 0 to 1'
          : kind === 'area'
            ? `a whole number of pixels from 0 to ${pixels}`
            : 'a number of pixels, at least 0, or null where it has no value';
      throw new ChexmaskFormatError(
        field,
        `${what} must be ${expected}, got ${describeValue(value)}`
      );
    }
    return value as number;
  }
}

/**
 * One row of a gallery payload (also of the example rows under a histogram),
 * checked into a tile, or into an error tile naming the field at fault (as
 * `rows[3].tile.heart`) for anything malformed in it.
 */
import {
  ChexmaskFormatError,
  describeType,
  describeValue,
  DICE_MAX_COLUMN,
  DICE_MEAN_COLUMN,
  ID_COLUMNS,
  inferDataset,
  LandmarkPoint,
  ORGANS,
  OrganKey,
  parseLandmarks,
  parseRuns
} from '../core';
import {
  expectObject,
  isWholeNumber,
  MAX_TEXT,
  optionalText
} from '../common/payload';
import { IEmbeddedImage, parseEmbeddedImage } from '../row/image';

/** The largest tile side (pixels of the tile masks). */
export const MAX_TILE_SIDE = 512;

/** The largest mask side a gallery row may state (as the row payload's limit). */
const MAX_MASK_PIXELS = 100_000_000;

/** A flag under a tile: something a reader should know about the row. */
export type TileFlag = 'swapped' | 'empty-organ' | 'no-score' | 'malformed';

/** A row drawn as a tile. */
export interface IGalleryTile {
  kind: 'tile';
  /** Position in the payload's `rows`. */
  index: number;
  id: string | null;
  idColumn: string | null;
  dataset: string | null;
  /** The mask's size (the row's Height × Width). */
  height: number;
  width: number;
  /** The numeric columns carried, by name (`null` when missing). */
  values: Record<string, number | null>;
  /** The tile grid's size. */
  tileHeight: number;
  tileWidth: number;
  /** Runs of each organ on the tile grid (empty for an empty organ). */
  runs: Record<OrganKey, Int32Array>;
  /** Organs whose RLE cell is empty (an empty mask). */
  emptyOrgans: OrganKey[];
  /** The 120 landmarks at mask size, or `null`. */
  landmarks: LandmarkPoint[] | null;
  /** The x-ray thumbnail, or `null`. */
  image: IEmbeddedImage | null;
  flags: TileFlag[];
}

/** A row that cannot be drawn: the field at fault and why. */
export interface IGalleryErrorTile {
  kind: 'error';
  index: number;
  id: string | null;
  idColumn: string | null;
  dataset: string | null;
  /** The CSV column (kernel) or payload field at fault. */
  field: string;
  message: string;
  /** Who found it: the kernel checking the CSV row, or this parser. */
  foundBy: 'kernel' | 'payload';
  /** Error tiles keep the numeric columns they could read, for sorting. */
  values: Record<string, number | null>;
  flags: TileFlag[];
}

/** Anything in the grid. */
export type GalleryItem = IGalleryTile | IGalleryErrorTile;

/**
 * Check one gallery row: a tile, or an error tile naming the field (as
 * `rows[3].tile.heart`) for anything malformed in it.
 */
export function parseGalleryRow(
  value: unknown,
  index: number,
  columns: ReadonlyArray<string>
): GalleryItem {
  const where = `rows[${index}]`;
  let row: Record<string, unknown>;
  try {
    row = expectObject(value, where);
  } catch (error) {
    return Private.errorTile(index, {}, error, where);
  }
  try {
    return Private.tile(row, index, columns);
  } catch (error) {
    return Private.errorTile(index, row, error, where);
  }
}

/** Whether a tile's flags include `flag`. */
export function hasFlag(item: GalleryItem, flag: TileFlag): boolean {
  return item.flags.includes(flag);
}

/** The short id under a tile: the file name of a path, the id otherwise. */
export function shortId(id: string | null, max = 28): string {
  if (id === null) {
    return '(no id)';
  }
  const last = id.split('/').filter(Boolean);
  const name =
    id.includes('/') && last.length >= 3 ? last.slice(-3).join('/') : id;
  return name.length > max ? `…${name.slice(name.length - max + 1)}` : name;
}

namespace Private {
  /** Identity fields, read leniently: an error tile still shows them. */
  interface IIdentity {
    id: string | null;
    idColumn: string | null;
    dataset: string | null;
  }

  export function identity(
    row: Record<string, unknown>,
    where: string
  ): IIdentity {
    const id = row.id;
    if (id !== undefined && id !== null && typeof id !== 'string') {
      throw new ChexmaskFormatError(
        `${where}.id`,
        `must be text or null, got ${describeType(id)}`
      );
    }
    const idColumn = optionalText(row.idColumn, `${where}.idColumn`);
    if (idColumn !== null && !ID_COLUMNS.includes(idColumn)) {
      throw new ChexmaskFormatError(
        `${where}.idColumn`,
        `must be one of ${ID_COLUMNS.join(', ')} or null, got ${describeValue(idColumn)}`
      );
    }
    const text = id === undefined || id === null ? null : id.slice(0, MAX_TEXT);
    return {
      id: text,
      idColumn,
      dataset:
        optionalText(row.dataset, `${where}.dataset`) ??
        inferDataset(idColumn, text)
    };
  }

  /** A mask side, 1 to 100,000,000 pixels. */
  export function side(value: unknown, field: string, max: number): number {
    if (!isWholeNumber(value, 1, max)) {
      throw new ChexmaskFormatError(
        field,
        `must be a whole number of pixels from 1 to ${max}, got ${describeValue(value)}`
      );
    }
    return value;
  }

  /** `values`: a number or null per carried column; unknown keys ignored. */
  export function values(
    value: unknown,
    columns: ReadonlyArray<string>,
    where: string
  ): Record<string, number | null> {
    const object =
      value === undefined || value === null
        ? {}
        : expectObject(value, `${where}.values`);
    const out: Record<string, number | null> = {};
    for (const column of columns) {
      const v = object[column];
      if (v === undefined || v === null) {
        out[column] = null;
      } else if (typeof v === 'number' && Number.isFinite(v)) {
        out[column] = v;
      } else {
        throw new ChexmaskFormatError(
          `${where}.values[${JSON.stringify(column.slice(0, 40))}]`,
          `must be a number or null, got ${describeValue(v)}`
        );
      }
    }
    // The Dice scores are checked wherever present, carried or not.
    for (const column of [DICE_MEAN_COLUMN, DICE_MAX_COLUMN]) {
      const v = object[column];
      if (v === undefined || v === null) {
        continue;
      }
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
        throw new ChexmaskFormatError(
          `${where}.values[${JSON.stringify(column)}]`,
          `must be a Dice score between 0 and 1, got ${describeValue(v)}`
        );
      }
    }
    return out;
  }

  /** Flags every row has from its scores. */
  export function scoreFlags(
    values: Record<string, number | null>
  ): TileFlag[] {
    const mean = values[DICE_MEAN_COLUMN] ?? null;
    const max = values[DICE_MAX_COLUMN] ?? null;
    const flags: TileFlag[] = [];
    if (mean !== null && max !== null && mean > max) {
      flags.push('swapped');
    }
    if (mean === null) {
      flags.push('no-score');
    }
    return flags;
  }

  /** A drawable row. */
  export function tile(
    row: Record<string, unknown>,
    index: number,
    columns: ReadonlyArray<string>
  ): GalleryItem {
    const where = `rows[${index}]`;
    const who = identity(row, where);
    const vals = values(row.values, columns, where);
    if (row.error !== undefined && row.error !== null) {
      const error = expectObject(row.error, `${where}.error`);
      const field = optionalText(error.field, `${where}.error.field`);
      const message = optionalText(error.message, `${where}.error.message`);
      if (field === null || message === null) {
        throw new ChexmaskFormatError(
          `${where}.error`,
          'must name a field and say what is wrong (field and message, as text)'
        );
      }
      return {
        kind: 'error',
        index,
        ...who,
        field,
        message,
        foundBy: 'kernel',
        values: vals,
        flags: [...scoreFlags(vals), 'malformed']
      };
    }
    const height = side(row.height, `${where}.height`, MAX_MASK_PIXELS);
    const width = side(row.width, `${where}.width`, MAX_MASK_PIXELS);
    if (height * width > MAX_MASK_PIXELS) {
      throw new ChexmaskFormatError(
        `${where}.height`,
        `a ${height}×${width} mask has ${height * width} pixels, above the limit of ${MAX_MASK_PIXELS}`
      );
    }
    const tileObject = expectObject(row.tile, `${where}.tile`);
    const tileHeight = side(
      tileObject.height,
      `${where}.tile.height`,
      MAX_TILE_SIDE
    );
    const tileWidth = side(
      tileObject.width,
      `${where}.tile.width`,
      MAX_TILE_SIDE
    );
    const runs = {} as Record<OrganKey, Int32Array>;
    const emptyOrgans: OrganKey[] = [];
    for (const organ of ORGANS) {
      const cell = tileObject[organ.key];
      const field = `${where}.tile.${organ.key}`;
      if (cell === null) {
        emptyOrgans.push(organ.key);
        runs[organ.key] = new Int32Array(0);
        continue;
      }
      if (typeof cell !== 'string') {
        throw new ChexmaskFormatError(
          field,
          `must be the ${organ.label.toLowerCase()}'s tile mask as RLE text ("" when it vanishes at tile size) or null for an empty cell, got ${describeType(cell)}`
        );
      }
      runs[organ.key] = parseRuns(cell, tileHeight, tileWidth, field);
    }
    const landmarks =
      row.landmarks === undefined || row.landmarks === null
        ? null
        : parseLandmarks(row.landmarks, `${where}.landmarks`);
    let image: IEmbeddedImage | null = null;
    if (row.image !== undefined && row.image !== null) {
      try {
        image = parseEmbeddedImage(row.image);
      } catch (error) {
        throw error instanceof ChexmaskFormatError
          ? new ChexmaskFormatError(
              `${where}.${error.field}`,
              error.message.slice(error.field.length + 2)
            )
          : error;
      }
    }
    const flags = scoreFlags(vals);
    if (emptyOrgans.length) {
      flags.push('empty-organ');
    }
    return {
      kind: 'tile',
      index,
      ...who,
      height,
      width,
      values: vals,
      tileHeight,
      tileWidth,
      runs,
      emptyOrgans,
      landmarks,
      image,
      flags
    };
  }

  /** The error tile of a row the parser refused. */
  export function errorTile(
    index: number,
    row: Record<string, unknown>,
    error: unknown,
    where: string
  ): IGalleryErrorTile {
    let who: IIdentity = { id: null, idColumn: null, dataset: null };
    try {
      who = identity(row, where);
    } catch {
      // The identity itself is what is wrong: the error says so.
    }
    const field = error instanceof ChexmaskFormatError ? error.field : where;
    const message = error instanceof Error ? error.message : String(error);
    return {
      kind: 'error',
      index,
      ...who,
      field,
      message,
      foundBy: 'payload',
      values: {},
      flags: ['malformed']
    };
  }
}

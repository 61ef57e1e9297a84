/**
 * CheXmask's source datasets and the image-id column each one uses. No file
 * has a column literally named "Image ID", whatever the documentation says.
 */

/** One source dataset of CheXmask. */
export interface IDatasetInfo {
  /** Name as in the release's file names, e.g. `MIMIC-CXR-JPG`. */
  readonly name: string;
  /** The column holding the image id in that dataset's CSV. */
  readonly idColumn: string;
  /** Rows in the release (0.4/1.0; CANDID-PTX only in 0.1). */
  readonly rows: number;
}

/** The six datasets, in the order of the PhysioNet page. */
export const DATASETS: readonly IDatasetInfo[] = Object.freeze([
  { name: 'CheXpert', idColumn: 'Path', rows: 187825 },
  { name: 'ChestX-ray8', idColumn: 'Image Index', rows: 112120 },
  { name: 'MIMIC-CXR-JPG', idColumn: 'dicom_id', rows: 243334 },
  { name: 'Padchest', idColumn: 'ImageID', rows: 96184 },
  { name: 'VinDr-CXR', idColumn: 'image_id', rows: 18000 },
  { name: 'CANDID-PTX', idColumn: 'ImageID', rows: 19235 }
]);

/**
 * Every image-id column name, in the order they are looked for. `Image ID`
 * (documented but never used) and `id` are accepted for hand-made rows.
 */
export const ID_COLUMNS: readonly string[] = Object.freeze([
  'Path',
  'Image Index',
  'dicom_id',
  'ImageID',
  'image_id',
  'Image ID',
  'id'
]);

/**
 * The dataset a row comes from, judged from its id column and, where two
 * datasets share a column (`ImageID`: Padchest and CANDID-PTX), from the id:
 * Padchest ids are `….png`, CANDID-PTX ids are dotted numbers ending `.jpg`.
 *
 * @returns The dataset name, or `null` when the column says nothing.
 */
export function inferDataset(
  idColumn: string | null,
  id: string | null
): string | null {
  if (idColumn === 'ImageID') {
    if (id && /\.jpe?g$/i.test(id)) {
      return 'CANDID-PTX';
    }
    return 'Padchest';
  }
  const dataset = DATASETS.find(d => d.idColumn === idColumn);
  return dataset ? dataset.name : null;
}

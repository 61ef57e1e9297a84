/**
 * The three organs of a CheXmask row and how HybridGNet's 120 landmarks map
 * onto them. Kept as data so every view, test and language binding agrees.
 */

/** Key of an organ in normalised rows and payloads. */
export type OrganKey = 'rightLung' | 'leftLung' | 'heart';

/** One organ: its CSV column, its slice of the landmarks and its ring. */
export interface IOrgan {
  /** Key used in normalised rows (`row.masks[key]`). */
  readonly key: OrganKey;
  /** The CSV column holding its run-length mask. */
  readonly column: 'Right Lung' | 'Left Lung' | 'Heart';
  /** A label for people. "Right" is the patient's right: the left of the image. */
  readonly label: string;
  /** First landmark index of the organ (inclusive). */
  readonly start: number;
  /** One past the last landmark index of the organ (exclusive). */
  readonly end: number;
}

/** Number of HybridGNet landmarks in a CheXmask row. */
export const LANDMARK_COUNT = 120;

/**
 * The organs in CSV order of their landmarks: right lung 0–43, left lung
 * 44–93, heart 94–119. Each organ's points form a closed ring in index order.
 */
export const ORGANS: readonly IOrgan[] = Object.freeze([
  Object.freeze({
    key: 'rightLung',
    column: 'Right Lung',
    label: 'Right lung',
    start: 0,
    end: 44
  }),
  Object.freeze({
    key: 'leftLung',
    column: 'Left Lung',
    label: 'Left lung',
    start: 44,
    end: 94
  }),
  Object.freeze({
    key: 'heart',
    column: 'Heart',
    label: 'Heart',
    start: 94,
    end: 120
  })
] as IOrgan[]);

/** The organ keys in landmark order. */
export const ORGAN_KEYS: readonly OrganKey[] = Object.freeze(
  ORGANS.map(o => o.key)
);

/** Look up an organ by key. */
export function organByKey(key: OrganKey): IOrgan {
  const organ = ORGANS.find(o => o.key === key);
  if (!organ) {
    throw new RangeError(`unknown organ key ${String(key)}`);
  }
  return organ;
}

/** The organ that owns a landmark index (0–119), or `undefined` outside. */
export function organOfLandmark(index: number): IOrgan | undefined {
  return ORGANS.find(o => index >= o.start && index < o.end);
}

/**
 * The ring connectivity of the landmarks as `[from, to]` index pairs: within
 * each organ point i joins i + 1 and the last joins the first; no edges join
 * two organs. 120 edges in all.
 */
export const LANDMARK_EDGES: ReadonlyArray<readonly [number, number]> =
  Object.freeze(
    ORGANS.flatMap(o => {
      const edges: Array<readonly [number, number]> = [];
      for (let i = o.start; i < o.end; i++) {
        edges.push(
          Object.freeze([i, i + 1 < o.end ? i + 1 : o.start] as const)
        );
      }
      return edges;
    })
  );

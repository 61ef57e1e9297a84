/**
 * The shared parts of the payload-schema case tables (`schema-*-cases.ts`):
 * the payload kinds, a named case, the hostile tables' cases picked by name,
 * and the small builders the tables share.
 */
import { HostileExpectation, IHostileCase } from './hostile-cases';
import { COMPARE_CASES } from './hostile-compare-cases';
import { HISTOGRAM_CASES } from './hostile-histogram-cases';
import { LANDMARK_CASES } from './hostile-landmarks-cases';
import { RCA_CASES } from './hostile-rca-cases';
import { image, ROW_CASES } from './hostile-row-cases';
import { smallLandmarks, TINY_PNG } from './valid-payloads';

export type Kind =
  'row' | 'rca' | 'landmarks' | 'histogram' | 'compare' | 'gallery';
export type Json = Record<string, unknown>;

/** The views with hostile tables and fixture builders in `valid-payloads.ts`. */
export const KINDS = [
  'row',
  'rca',
  'landmarks',
  'histogram',
  'compare'
] as const;
/** Every payload with a schema. */
export const ALL_KINDS: readonly Kind[] = [...KINDS, 'gallery'];

/** A named payload of a kind, built lazily (some are 50 MB). */
export type Case = [name: string, kind: Kind, payload: () => unknown];

/** Each view's hostile cases (hostile-{row,rca,landmarks,histogram,compare}-cases.ts). */
export const HOSTILE: Record<Kind, IHostileCase[]> = {
  row: ROW_CASES,
  rca: RCA_CASES,
  landmarks: LANDMARK_CASES,
  histogram: HISTOGRAM_CASES,
  compare: COMPARE_CASES,
  gallery: []
};

/**
 * The cases of `kind`'s hostile table named `names`, each of which must end
 * in `state` there: the very payloads the views are tested with. A name the
 * table does not hold (say, a case renamed there) fails the whole file.
 */
export function hostile(
  kind: Kind,
  state: HostileExpectation['state'],
  names: readonly string[]
): Case[] {
  return names.map((name): Case => {
    const found = HOSTILE[kind].find(c => c.name === name);
    if (found?.expect.state !== state) {
      throw new Error(`no ${state} case "${name}" in hostile-${kind}-cases.ts`);
    }
    return [name, kind, found.payload];
  });
}

/** A row payload over `TINY_PNG` with `changes` to its image. */
export const png = (changes: Json = {}) =>
  image({
    mimeType: 'image/png',
    data: TINY_PNG,
    width: 1,
    height: 1,
    ...changes
  });

export const LANDMARKS = smallLandmarks();
export const NUMBERS = LANDMARKS.split(',').map(Number);

/**
 * A landmark plot's model of four rows grouped by dataset (A, B, A, C), all
 * with the same 120 points: the fixture of the state and control specs.
 */
import { formatLandmarks, LandmarkPoint } from '../../core';
import { buildLandmarkModel, ILandmarkModel } from '../model';
import { parseLandmarkPayload } from '../payload';

/** The model of four rows in datasets A, B, A and C. */
export function fourRowModel(): ILandmarkModel {
  const points: LandmarkPoint[] = Array.from({ length: 120 }, (_, k) => [
    100 + k,
    200
  ]);
  return buildLandmarkModel(
    parseLandmarkPayload({
      version: 1,
      groupBy: 'dataset',
      rows: ['A', 'B', 'A', 'C'].map(dataset => ({
        dataset,
        landmarks: formatLandmarks(points)
      }))
    })
  );
}

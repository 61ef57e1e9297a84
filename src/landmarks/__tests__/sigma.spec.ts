/**
 * Colouring a landmark plot by CheXmask-U's σ (synthetic σ: see
 * core/__tests__/chexmask-u.ts): each row in the colour of its mean σ on
 * the viridis scale, the contour cloud in bands of that scale, rows without
 * σ grey; the payload without σ is read as before.
 */
import { interpolateViridis, scaleLinear } from 'd3';
import { meanSigma } from '../../core';
import { syntheticSigma, syntheticStd } from '../../core/__tests__/chexmask-u';
import { landmarkPayload } from '../../__tests__/valid-payloads';
import { buildLandmarkModel } from '../model';
import { packModel, unpackModel } from '../off-thread-task';
import { parseLandmarkPayload } from '../payload';
import {
  NO_SIGMA_COLOR,
  SIGMA_BINS,
  sigmaBin,
  sigmaDensityGroups
} from '../sigma';
import { initialPlotState, plotHighlights, rowColor } from '../state';

type Json = Record<string, unknown>;

/** A payload of `n` rows, row i carrying the synthetic σ of seed i unless in `without`. */
function payload(n: number, without: number[] = []): Json {
  const data = landmarkPayload(n);
  (data.rows as Json[]).forEach((row, i) => {
    if (!without.includes(i)) {
      row.sigma = syntheticStd(i);
    }
  });
  return data;
}

describe('a landmark plot coloured by σ', () => {
  const n = 40;
  const model = buildLandmarkModel(parseLandmarkPayload(payload(n, [3, 7])));
  const means = Array.from({ length: n }, (_, i) =>
    [3, 7].includes(i) ? null : meanSigma(syntheticSigma(i))
  );
  const largest = Math.max(...means.filter((m): m is number => m !== null));
  const top = scaleLinear().domain([0, largest]).nice().domain()[1];

  it('reads each row’s σ and mean σ', () => {
    model.rows.forEach((row, i) => {
      expect(row.meanSigma).toBe(means[i]);
      expect(row.sigma).toEqual(means[i] === null ? null : syntheticSigma(i));
    });
    expect(model.sigmaScale!.max).toBe(top);
  });

  it('colours each row by its mean σ on the viridis scale, grey without σ', () => {
    const state = { ...initialPlotState(false), colorBy: 'sigma' as const };
    model.rows.forEach((_, i) => {
      expect(rowColor(model, state, i)).toBe(
        means[i] === null ? NO_SIGMA_COLOR : interpolateViridis(means[i]! / top)
      );
    });
    state.pinned = 5;
    expect(plotHighlights(model, state)[0].color).toBe(
      interpolateViridis(means[5]! / top)
    );
    // By group, as before.
    const byGroup = initialPlotState(false);
    expect(rowColor(model, byGroup, 5)).toBe(
      model.groups[model.rowGroup[5]].color
    );
  });

  it('paints the cloud in bands of the scale, every shown row once', () => {
    const shown = new Uint8Array(n).fill(1);
    shown[10] = 0;
    const groups = sigmaDensityGroups(model.rows, model.sigmaScale!, shown);
    expect(groups[0].color).toBe(NO_SIGMA_COLOR);
    expect(Array.from(groups[0].rows)).toEqual([3, 7]);
    const seen = groups.flatMap(g => Array.from(g.rows)).sort((a, b) => a - b);
    expect(seen).toEqual(
      Array.from({ length: n }, (_, i) => i).filter(i => i !== 10)
    );
    for (const group of groups.slice(1)) {
      const bins = new Set(
        Array.from(group.rows, r => sigmaBin(model.sigmaScale!, means[r]!))
      );
      expect(bins.size).toBe(1);
      const [bin] = bins;
      expect(group.color).toBe(interpolateViridis((bin + 0.5) / SIGMA_BINS));
      // The band holds its rows' mean σ.
      for (const r of group.rows) {
        expect(means[r]! / top).toBeGreaterThanOrEqual(bin / SIGMA_BINS);
        expect(means[r]! / top).toBeLessThanOrEqual((bin + 1) / SIGMA_BINS);
      }
    }
  });

  it('crosses to and from the worker (structured clone) with its σ', () => {
    const packed = structuredClone(packModel(model));
    const back = unpackModel(packed);
    back.rows.forEach((row, i) => {
      expect(row.sigma).toEqual(model.rows[i].sigma);
      expect(row.meanSigma).toBe(model.rows[i].meanSigma);
    });
    expect(back.sigmaScale!.max).toBe(top);
    const plain = buildLandmarkModel(parseLandmarkPayload(landmarkPayload(3)));
    expect(packModel(plain).sigmas).toBeNull();
    expect(unpackModel(packModel(plain)).sigmaScale).toBeNull();
  });

  it('has no σ scale when no row carries σ', () => {
    const plain = buildLandmarkModel(parseLandmarkPayload(landmarkPayload(3)));
    expect(plain.sigmaScale).toBeNull();
    expect(
      plain.rows.every(r => r.sigma === null && r.meanSigma === null)
    ).toBe(true);
  });
});

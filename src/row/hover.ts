import {
  IChexmaskRow,
  organOfLandmark,
  ORGANS,
  OrganKey,
  runsContain
} from '../core';

/** What the hover readout looks at. */
export interface IHoverScene {
  row: IChexmaskRow;
  runs: Record<OrganKey, Int32Array>;
  visible: Record<OrganKey, boolean>;
  showLandmarks: boolean;
  /** Whether the uncertainty layer is shown (a CheXmask-U row's σ). */
  showUncertainty: boolean;
}

/**
 * The hover readout at a point in mask pixels (fractional): the pixel, the
 * visible organs covering it (a binary search in each organ's runs, so no
 * decoded mask is needed) and the nearest landmark within `radius` mask
 * pixels when landmarks or their uncertainty are shown, with its σx and σy
 * when the row has them; `null` outside the mask.
 */
export function hoverReadout(
  scene: IHoverScene,
  fx: number,
  fy: number,
  radius: number
): string | null {
  const { row } = scene;
  const x = Math.floor(fx);
  const y = Math.floor(fy);
  if (x < 0 || y < 0 || x >= row.width || y >= row.height) {
    return null;
  }
  const index = y * row.width + x;
  const organs = ORGANS.filter(
    o => scene.visible[o.key] && runsContain(scene.runs[o.key], index)
  ).map(o => o.label);
  let text = `x ${x}, y ${y}: ${organs.length ? organs.join(' + ') : 'no organ'}`;
  const withSigma = scene.showUncertainty && row.sigma !== null;
  if ((scene.showLandmarks || withSigma) && row.landmarks) {
    const near = nearestLandmark(row, fx, fy, radius);
    if (near !== null) {
      const organ = organOfLandmark(near)!;
      text += ` · landmark ${near} (${organ.label} #${near - organ.start})`;
      if (withSigma) {
        const [sx, sy] = row.sigma![near];
        text += ` σx ${sx.toFixed(2)} px, σy ${sy.toFixed(2)} px`;
      }
    }
  }
  return text;
}

/** The landmark nearest to (x, y) within `radius` mask pixels, or null. */
export function nearestLandmark(
  row: IChexmaskRow,
  x: number,
  y: number,
  radius: number
): number | null {
  let best: number | null = null;
  let bestDistance = radius * radius;
  row.landmarks?.forEach((p, i) => {
    const d = (p[0] + 0.5 - x) ** 2 + (p[1] + 0.5 - y) ** 2;
    if (d <= bestDistance) {
      bestDistance = d;
      best = i;
    }
  });
  return best;
}

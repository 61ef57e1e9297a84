import {
  ICardiothoracicRatio,
  IChexmaskRow,
  MaskSource,
  meanSigma,
  ORGANS,
  OrganKey
} from '../core';
import { formatNumber } from '../common';
import { IRowState } from './state';
import { rowSigmaScale, sigmaNodes } from './uncertainty';

/*
 * The static picture of a row overlay (written back into the output as
 * image/png) and its alt text.
 */

/**
 * Draw the ratio widths, the landmarks and the uncertainty layer (each when
 * shown) onto a picture.
 */
export function drawRowAnnotations(
  context: CanvasRenderingContext2D,
  row: IChexmaskRow,
  ratio: ICardiothoracicRatio | null,
  state: IRowState,
  colors: Record<OrganKey, string>
): void {
  const scale = Math.max(1, Math.max(row.width, row.height) / 512);
  if (ratio && state.showRatio) {
    context.lineWidth = 2 * scale;
    context.setLineDash([6 * scale, 3 * scale]);
    for (const [extent, color] of [
      [ratio.thorax, '#f0a030'],
      [ratio.heart, '#30a0f0']
    ] as const) {
      context.strokeStyle = color;
      context.beginPath();
      context.moveTo(extent.x0, extent.row + 0.5);
      context.lineTo(extent.x1 + 1, extent.row + 0.5);
      context.stroke();
    }
    context.setLineDash([]);
  }
  if (row.landmarks && state.showLandmarks) {
    for (const organ of ORGANS) {
      if (!state.visible[organ.key]) {
        continue;
      }
      const ring = row.landmarks.slice(organ.start, organ.end);
      context.strokeStyle = context.fillStyle = colors[organ.key];
      context.lineWidth = 1.5 * scale;
      context.beginPath();
      ring.forEach(([x, y], k) =>
        k ? context.lineTo(x + 0.5, y + 0.5) : context.moveTo(x + 0.5, y + 0.5)
      );
      context.closePath();
      context.stroke();
      for (const [x, y] of ring) {
        context.beginPath();
        context.arc(x + 0.5, y + 0.5, 2 * scale, 0, 2 * Math.PI);
        context.fill();
      }
    }
  }
  if (row.landmarks && row.sigma && state.showUncertainty) {
    drawUncertainty(context, row, state, scale);
  }
}

/** The uncertainty layer: 1σ ellipses (when asked) under nodes in their σ colour. */
function drawUncertainty(
  context: CanvasRenderingContext2D,
  row: IChexmaskRow,
  state: IRowState,
  scale: number
): void {
  const nodes = sigmaNodes(
    row.landmarks!,
    row.sigma!,
    rowSigmaScale(row.sigma!)
  ).filter(n => state.visible[n.organ]);
  if (state.showEllipses) {
    context.lineWidth = scale;
    for (const n of nodes) {
      context.strokeStyle = n.color;
      context.beginPath();
      context.ellipse(n.x + 0.5, n.y + 0.5, n.sx, n.sy, 0, 0, 2 * Math.PI);
      context.stroke();
    }
  }
  context.lineWidth = 0.75 * scale;
  context.strokeStyle = '#fff';
  for (const n of nodes) {
    context.fillStyle = n.color;
    context.beginPath();
    context.arc(n.x + 0.5, n.y + 0.5, 3 * scale, 0, 2 * Math.PI);
    context.fill();
    context.stroke();
  }
}

/**
 * The picture's alt text: id, dataset, size, organ areas (an empty organ says
 * so; one filled from its landmarks says that too), CTR, Dice RCA and, for a
 * CheXmask-U row, the mean landmark σ. The kernel's picture says the same
 * words (`row_alt_text` in Python).
 */
export function rowAltText(
  row: IChexmaskRow,
  sources: Record<OrganKey, MaskSource>,
  areas: Record<OrganKey, number> | null,
  ratio: ICardiothoracicRatio | null
): string {
  const organs = ORGANS.map(o => {
    const name = o.label.toLowerCase();
    if (sources[o.key] === 'empty') {
      return `${name} empty`;
    }
    const area = areas ? areas[o.key].toLocaleString('en-US') : '?';
    const from = sources[o.key] === 'landmarks' ? ' from landmarks' : '';
    return `${name} ${area} px${from}`;
  }).join(', ');
  const ctr = ratio
    ? `; cardiothoracic ratio ${ratio.ratio.toFixed(3)}`
    : areas
      ? '; no cardiothoracic ratio'
      : '';
  return (
    `CheXmask segmentation of ${row.id ?? 'an image'}${row.dataset ? ` (${row.dataset})` : ''}, ` +
    `${row.height}×${row.width} px: ${organs}${ctr}` +
    `; Dice RCA mean ${formatNumber(row.diceRcaMean)}, max ${formatNumber(row.diceRcaMax)}` +
    (row.sigma
      ? `; landmark σ mean ${meanSigma(row.sigma).toFixed(2)} px`
      : '') +
    '.'
  );
}

/** A text summary of the view for screen readers. */
export function rowDescription(row: IChexmaskRow): string {
  return (
    `CheXmask segmentation of ${row.id ?? 'an image'}` +
    (row.dataset ? ` from ${row.dataset}` : '') +
    `, ${row.height}×${row.width} pixels, Dice RCA mean ${formatNumber(row.diceRcaMean)}` +
    ` and max ${formatNumber(row.diceRcaMax)}; right lung, left lung and heart masks` +
    (row.sigma ? ', with the landmarks’ uncertainty (CheXmask-U)' : '') +
    '.'
  );
}

/*
 * The static picture of a comparison (written back into the output as
 * image/png): the agreement map at the masks' native resolution, opaque over
 * a neutral grey, as the kernel draws it (`compare/picture.py`); its alt
 * text, in the kernel's words; and the stage's description.
 */
import { ORGANS, OrganKey } from '../core';
import { AGREEMENT_COLORS } from './agreement-colors';
import { AgreementPainter } from './agreement-painter';
import { IOrganMetrics, IParsedComparePayload } from './payload';

/** The agreement map of the visible organs, opaque over grey, at native resolution. */
export function agreementPicture(
  payload: IParsedComparePayload,
  visible: Record<OrganKey, boolean>
): HTMLCanvasElement {
  const { height, width } = payload;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  const map = context.createImageData(width, height);
  new AgreementPainter(payload.a.runs, payload.b.runs, height, width).paint(
    map.data,
    {
      colors: {
        both: AGREEMENT_COLORS.both.rgb,
        onlyA: AGREEMENT_COLORS.onlyA.rgb,
        onlyB: AGREEMENT_COLORS.onlyB.rgb
      },
      visible,
      opacity: 1
    }
  );
  // The kernel's neutral grey (119) where nothing is painted: the map is
  // opaque elsewhere.
  const grey = 0xff777777;
  const words = new Uint32Array(map.data.buffer);
  for (let i = 0; i < words.length; i++) {
    if (words[i] === 0) {
      words[i] = grey;
    }
  }
  context.putImageData(map, 0, 0);
  return canvas;
}

/** A distance for people: 2 decimals, or "—" and why it is undefined. */
export function distanceText(
  value: number,
  metrics: IOrganMetrics,
  labels: readonly [string, string]
): string {
  if (!Number.isNaN(value)) {
    return value.toFixed(2);
  }
  return `— (${undefinedReason(metrics, labels)})`;
}

/** Why the surface distances of an organ are undefined: exactly one mask is empty. */
export function undefinedReason(
  metrics: IOrganMetrics,
  labels: readonly [string, string]
): string {
  return `${metrics.areaA === 0 ? labels[0] : labels[1]}'s mask is empty`;
}

/**
 * What the picture shows, in words: the sources, the size (and B's size
 * before resampling) and each organ's row of the table. The kernel's picture
 * says the same (`compare_alt_text` in Python).
 */
export function compareAltText(
  payload: IParsedComparePayload,
  table: Record<OrganKey, IOrganMetrics>
): string {
  const { labels, height, width, resizedFrom } = payload;
  const resized = resizedFrom
    ? ` (${labels[1]} resized from ${resizedFrom.height}×${resizedFrom.width}, nearest)`
    : '';
  const px = (n: number): string => `${n.toLocaleString('en-US')} px`;
  const organs = ORGANS.map(o => {
    const m = table[o.key];
    const d = (v: number): string => distanceText(v, m, labels);
    const landmarks = Number.isNaN(m.landmarkDistance)
      ? ''
      : `, mean landmark distance ${m.landmarkDistance.toFixed(2)} px`;
    return (
      `${o.column} Dice ${m.dice.toFixed(3)}, IoU ${m.iou.toFixed(3)}, ` +
      `HD ${d(m.hd)}, HD95 ${d(m.hd95)}, ASSD ${d(m.assd)}, ` +
      `area A ${px(m.areaA)}, area B ${px(m.areaB)}, B − A ${px(m.areaB - m.areaA)}` +
      landmarks
    );
  });
  return (
    `Agreement of ${labels[0]} (A) and ${labels[1]} (B), ${height}×${width} px${resized}: ` +
    `${organs.join('; ')}.`
  );
}

/** A text summary of the stage for screen readers. */
export function compareDescription(payload: IParsedComparePayload): string {
  const [la, lb] = payload.labels;
  return (
    `Comparison of two segmentations of one ${payload.height}×${payload.width} image, ` +
    `A ${la} and B ${lb}: right lung, left lung and heart.`
  );
}

/**
 * The measurements of a row in words, as the overlay shows them under the
 * picture and in its legend: areas, the cardiothoracic ratio and the Dice
 * agreement of each RLE mask with its filled landmark ring.
 */
import {
  ICardiothoracicRatio,
  IChexmaskRow,
  IRowMeasurements,
  MaskSource,
  ORGANS,
  OrganKey
} from '../core';
import { formatNumber } from '../common/dom';

/** An organ's area for its legend entry, e.g. "61,234 px (5.8%)". */
export function areaText(measured: IRowMeasurements, key: OrganKey): string {
  return `${measured.pixels[key].toLocaleString('en-US')} px (${(measured.share[key] * 100).toFixed(1)}%)`;
}

/** The cardiothoracic ratio with its two widths, or why there is none. */
export function ratioText(
  ratio: ICardiothoracicRatio | null,
  sources: Record<OrganKey, MaskSource>
): string {
  return ratio
    ? `Cardiothoracic ratio ${ratio.ratio.toFixed(3)} (heart ${ratio.heart.width} px on row ${ratio.heart.row}, thorax ${ratio.thorax.width} px on row ${ratio.thorax.row})`
    : sources.heart === 'empty'
      ? 'Cardiothoracic ratio: undefined, the row has no heart mask'
      : 'Cardiothoracic ratio: needs a heart and a lung';
}

/** The Dice agreement of each mask with its landmark ring. */
export function agreementText(
  row: IChexmaskRow,
  measured: IRowMeasurements
): string {
  const agree = ORGANS.map(
    o => `${o.label} ${formatNumber(measured.agreement[o.key], 4)}`
  ).join(', ');
  return `Mask/landmark Dice: ${row.landmarks ? agree : 'no landmarks'}`;
}

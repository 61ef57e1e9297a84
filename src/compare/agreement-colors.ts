/**
 * The agreement map's three classes and their colours: Okabe–Ito's yellow,
 * vermillion and blue, which stay distinct under every common colour-vision
 * deficiency (they differ in lightness as well as hue). Fixed, named colours
 * rather than settings: a reader of a saved picture must be able to rely on
 * them. The kernel's picture uses the same bytes (`AGREEMENT_COLORS` in
 * `jupyterlab_chexmask/compare/picture.py`; a test keeps the two equal).
 */
import type { Rgb } from '../common/colors';

/** Where a pixel of one organ is: in both segmentations, only in A, only in B. */
export type AgreementClass = 'both' | 'onlyA' | 'onlyB';

/** The classes in the order they are listed. */
export const AGREEMENT_CLASSES: readonly AgreementClass[] = Object.freeze([
  'both',
  'onlyA',
  'onlyB'
]);

/** A class's colour and its name in words. */
export interface IAgreementColor {
  rgb: Rgb;
  name: string;
}

/** The colour of each class. */
export const AGREEMENT_COLORS: Readonly<
  Record<AgreementClass, IAgreementColor>
> = Object.freeze({
  both: { rgb: [0xf0, 0xe4, 0x42], name: 'yellow' },
  onlyA: { rgb: [0xd5, 0x5e, 0x00], name: 'vermillion' },
  onlyB: { rgb: [0x00, 0x72, 0xb2], name: 'blue' }
});

/** What a class means with the sources' labels, e.g. "only in CheXmask". */
export function agreementClassText(
  kind: AgreementClass,
  labels: readonly [string, string]
): string {
  return kind === 'both'
    ? `in both ${labels[0]} and ${labels[1]}`
    : `only in ${kind === 'onlyA' ? labels[0] : labels[1]}`;
}

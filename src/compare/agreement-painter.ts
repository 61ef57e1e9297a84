/**
 * The agreement map painted from runs (no DOM, so the shared worker runs it
 * too): per organ, the pixels both segmentations hold, only A holds and only
 * B holds, each in its class colour (`agreement-colors.ts`). The three run
 * lists of each organ are derived once, by merging A's and B's runs; each
 * paint is then three fills per organ, like the organ masks' painter.
 */
import { ORGANS, OrganKey, runsIntersect, runsSubtract } from '../core';
import type { Rgb } from '../common/colors';
import { paintRuns } from '../common/mask-painter';
import { AGREEMENT_CLASSES, AgreementClass } from './agreement-colors';

/** How the agreement map is painted. */
export interface IAgreementStyle {
  colors: Record<AgreementClass, Rgb>;
  visible: Record<OrganKey, boolean>;
  /** 0–1; at 1 a later organ covers an earlier one where they overlap. */
  opacity: number;
}

/** Each organ's pixels by class, as runs. */
export type AgreementRuns = Record<
  OrganKey,
  Record<AgreementClass, Int32Array>
>;

/** The runs of each class of each organ. */
export function agreementRuns(
  a: Record<OrganKey, Int32Array>,
  b: Record<OrganKey, Int32Array>
): AgreementRuns {
  const out = {} as AgreementRuns;
  for (const { key } of ORGANS) {
    out[key] = {
      both: runsIntersect(a[key], b[key]),
      onlyA: runsSubtract(a[key], b[key]),
      onlyB: runsSubtract(b[key], a[key])
    };
  }
  return out;
}

/** Paints the agreement map of two segmentations of one size. */
export class AgreementPainter {
  private readonly _runs: AgreementRuns;

  constructor(
    a: Record<OrganKey, Int32Array>,
    b: Record<OrganKey, Int32Array>,
    private readonly _height: number,
    private readonly _width: number
  ) {
    this._runs = agreementRuns(a, b);
  }

  /** Whether this painter paints maps of this size. */
  paints(height: number, width: number): boolean {
    return height === this._height && width === this._width;
  }

  /**
   * Paint into `pixels` (RGBA of the masks' size), transparent where no
   * visible organ is, organs in the order right lung, left lung, heart.
   */
  paint(pixels: Uint8ClampedArray, style: IAgreementStyle): void {
    const out = new Uint32Array(
      pixels.buffer,
      pixels.byteOffset,
      this._height * this._width
    );
    out.fill(0);
    if (style.opacity <= 0) {
      return;
    }
    for (const { key } of ORGANS) {
      if (!style.visible[key]) {
        continue;
      }
      for (const kind of AGREEMENT_CLASSES) {
        paintRuns(
          out,
          this._runs[key][kind],
          style.colors[kind],
          style.opacity
        );
      }
    }
  }
}

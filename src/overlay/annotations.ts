import { ICardiothoracicRatio, LandmarkPoint, ORGANS, OrganKey } from '../core';
import { svg } from '../common';

/**
 * The vector layer above the masks, in mask pixel coordinates (the SVG's
 * viewBox is the mask), so it zooms with the canvas: landmark rings and
 * points per organ, and the two widths of the cardiothoracic ratio.
 */
export class AnnotationLayer {
  readonly node: SVGSVGElement;
  private readonly _landmarks: SVGGElement;
  private readonly _ctr: SVGGElement;
  private readonly _organGroups = new Map<OrganKey, SVGGElement>();

  constructor(
    private readonly _width: number,
    private readonly _height: number
  ) {
    this.node = svg('svg', {
      class: 'jp-chexmask-annotations',
      viewBox: `0 0 ${_width} ${_height}`,
      preserveAspectRatio: 'none',
      'aria-hidden': 'true'
    });
    this._landmarks = svg('g', { class: 'jp-chexmask-landmarks' });
    this._ctr = svg('g', { class: 'jp-chexmask-ctr' });
    this.node.append(this._landmarks, this._ctr);
  }

  /** Draw the landmarks (once); later calls only restyle. */
  setLandmarks(points: ReadonlyArray<LandmarkPoint> | null): void {
    this._landmarks.replaceChildren();
    this._organGroups.clear();
    if (!points) {
      return;
    }
    const radius = Math.max(1.5, Math.max(this._width, this._height) / 300);
    for (const organ of ORGANS) {
      const group = svg('g', { 'data-organ': organ.key });
      const ring = points.slice(organ.start, organ.end);
      group.appendChild(
        svg('polygon', {
          class: 'jp-chexmask-ring',
          points: ring.map(p => `${p[0] + 0.5},${p[1] + 0.5}`).join(' ')
        })
      );
      ring.forEach((p, k) => {
        const circle = svg('circle', {
          class: 'jp-chexmask-landmark',
          cx: p[0] + 0.5,
          cy: p[1] + 0.5,
          r: radius,
          'data-index': organ.start + k
        });
        group.appendChild(circle);
      });
      this._organGroups.set(organ.key, group);
      this._landmarks.appendChild(group);
    }
  }

  /** Colours and visibility of the landmark groups. */
  styleLandmarks(
    show: boolean,
    colors: Record<OrganKey, string>,
    visible: Record<OrganKey, boolean>
  ): void {
    this._landmarks.style.display = show ? '' : 'none';
    for (const [key, group] of this._organGroups) {
      group.style.display = visible[key] ? '' : 'none';
      group.style.setProperty('--jp-chexmask-organ-color', colors[key]);
    }
  }

  /** Draw (or clear) the two widths of the cardiothoracic ratio. */
  setRatio(ctr: ICardiothoracicRatio | null, show: boolean): void {
    this._ctr.replaceChildren();
    if (!ctr || !show) {
      return;
    }
    for (const [kind, extent] of [
      ['thorax', ctr.thorax],
      ['heart', ctr.heart]
    ] as const) {
      const y = extent.row + 0.5;
      this._ctr.appendChild(
        svg('line', {
          class: `jp-chexmask-ctr-line jp-chexmask-ctr-${kind}`,
          x1: extent.x0,
          x2: extent.x1 + 1,
          y1: y,
          y2: y
        })
      );
    }
  }
}

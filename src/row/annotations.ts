import { select, Selection } from 'd3';
import {
  ICardiothoracicRatio,
  IHorizontalExtent,
  LandmarkPoint,
  ORGANS,
  OrganKey
} from '../core';
import { svg } from '../common';
import { ISigmaNode, UncertaintyLayer } from './uncertainty';

/** One organ's ring of landmarks, as bound to the SVG. */
interface IOrganRing {
  key: OrganKey;
  start: number;
  points: LandmarkPoint[];
}

/**
 * The vector layer above the masks, in mask pixel coordinates (the SVG's
 * viewBox is the mask), so it zooms with the canvas: landmark rings and
 * points per organ, the uncertainty layer of a CheXmask-U row and the two
 * widths of the cardiothoracic ratio. Drawn with d3 data joins.
 */
export class AnnotationLayer {
  readonly node: SVGSVGElement;
  private readonly _landmarks: Selection<SVGGElement, unknown, null, undefined>;
  private readonly _uncertainty: UncertaintyLayer;
  private readonly _ctr: Selection<SVGGElement, unknown, null, undefined>;
  private readonly _radius: number;
  /** The landmarks to draw, whether they are drawn and shown. */
  private _points: ReadonlyArray<LandmarkPoint> | null = null;
  private _drawn = true;
  private _shown = false;

  constructor(width: number, height: number) {
    this.node = svg('svg', {
      class: 'jp-chexmask-annotations',
      viewBox: `0 0 ${width} ${height}`,
      preserveAspectRatio: 'none',
      'aria-hidden': 'true'
    });
    const root = select(this.node);
    this._radius = Math.max(1.5, Math.max(width, height) / 300);
    this._landmarks = root.append('g').attr('class', 'jp-chexmask-landmarks');
    this._uncertainty = new UncertaintyLayer(root, 1.5 * this._radius);
    this._ctr = root.append('g').attr('class', 'jp-chexmask-ctr');
  }

  /**
   * The landmarks to draw: one group per organ with its closed ring and
   * points, made when first shown (see {@link styleLandmarks}). Hidden by
   * default, and a row has over a hundred: a view scrolled past then makes
   * and drops none of their nodes.
   */
  setLandmarks(points: ReadonlyArray<LandmarkPoint> | null): void {
    this._points = points;
    this._drawn = false;
    if (this._shown) {
      this._drawLandmarks();
    }
  }

  /** Draw the landmarks set last. */
  private _drawLandmarks(): void {
    this._drawn = true;
    const points = this._points;
    const rings: IOrganRing[] = points
      ? ORGANS.map(o => ({
          key: o.key,
          start: o.start,
          points: points.slice(o.start, o.end)
        }))
      : [];
    const groups = this._landmarks
      .selectAll<SVGGElement, IOrganRing>('g')
      .data(rings, d => d.key)
      .join('g')
      .attr('data-organ', d => d.key);
    groups
      .selectAll('polygon')
      .data(d => [d])
      .join('polygon')
      .attr('class', 'jp-chexmask-ring')
      .attr('points', d =>
        d.points.map(p => `${p[0] + 0.5},${p[1] + 0.5}`).join(' ')
      );
    groups
      .selectAll('circle')
      .data(d => d.points.map((p, k) => ({ p, index: d.start + k })))
      .join('circle')
      .attr('class', 'jp-chexmask-landmark')
      .attr('cx', d => d.p[0] + 0.5)
      .attr('cy', d => d.p[1] + 0.5)
      .attr('r', this._radius)
      .attr('data-index', d => d.index);
  }

  /** Colours and visibility of the landmark groups. */
  styleLandmarks(
    show: boolean,
    colors: Record<OrganKey, string>,
    visible: Record<OrganKey, boolean>
  ): void {
    this._shown = show;
    if (show && !this._drawn) {
      this._drawLandmarks();
    }
    this._landmarks.style('display', show ? '' : 'none');
    this._landmarks
      .selectAll<SVGGElement, IOrganRing>('g')
      .style('display', d => (visible[d.key] ? null : 'none'))
      .style('--jp-chexmask-organ-color', d => colors[d.key]);
  }

  /** Draw the uncertainty layer's nodes (none for a row without σ). */
  setUncertainty(nodes: ReadonlyArray<ISigmaNode>): void {
    this._uncertainty.setNodes(nodes);
  }

  /** Show or hide the uncertainty layer and its ellipses, organ by organ. */
  styleUncertainty(
    show: boolean,
    ellipses: boolean,
    visible: Record<OrganKey, boolean>
  ): void {
    this._uncertainty.style(show, ellipses, visible);
  }

  /** Draw (or clear) the two widths of the cardiothoracic ratio. */
  setRatio(ctr: ICardiothoracicRatio | null, show: boolean): void {
    const lines: Array<[string, IHorizontalExtent]> =
      ctr && show
        ? [
            ['thorax', ctr.thorax],
            ['heart', ctr.heart]
          ]
        : [];
    this._ctr
      .selectAll('line')
      .data(lines)
      .join('line')
      .attr('class', d => `jp-chexmask-ctr-line jp-chexmask-ctr-${d[0]}`)
      .attr('x1', d => d[1].x0)
      .attr('x2', d => d[1].x1 + 1)
      .attr('y1', d => d[1].row + 0.5)
      .attr('y2', d => d[1].row + 0.5);
  }
}

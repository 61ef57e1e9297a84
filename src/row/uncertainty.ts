/**
 * The uncertainty layer of a CheXmask-U row: each landmark drawn in the
 * colour of its σ, (σx + σy) / 2, on the σ colour scale, with its 1σ
 * ellipse (radii σx, σy) on demand. In mask pixel coordinates, inside the
 * annotation layer's SVG, so it zooms with the masks.
 */
import { Selection } from 'd3';
import {
  LandmarkPoint,
  LandmarkSigma,
  nodeSigma,
  organOfLandmark,
  OrganKey
} from '../core';
import { ISigmaScale, sigmaScale } from '../common';

/** One landmark with its uncertainty, as drawn and hovered. */
export interface ISigmaNode {
  /** The landmark's index, 0–119. */
  index: number;
  organ: OrganKey;
  /** The landmark (mask pixels). */
  x: number;
  y: number;
  /** Its standard deviations along x and y (mask pixels). */
  sx: number;
  sy: number;
  /** (σx + σy) / 2. */
  sigma: number;
  /** The scale's colour of {@link ISigmaNode.sigma}. */
  color: string;
}

/** The σ colour scale of a row: 0 to a round number ≥ its largest landmark σ. */
export function rowSigmaScale(
  sigma: ReadonlyArray<Readonly<LandmarkSigma>>
): ISigmaScale {
  return sigmaScale(Math.max(0, ...sigma.map(s => nodeSigma(s))));
}

/** The landmarks with their σ and colour on `scale`. */
export function sigmaNodes(
  points: ReadonlyArray<LandmarkPoint>,
  sigma: ReadonlyArray<Readonly<LandmarkSigma>>,
  scale: ISigmaScale
): ISigmaNode[] {
  return points.map(([x, y], index) => {
    const [sx, sy] = sigma[index];
    const s = nodeSigma(sigma[index]);
    return {
      index,
      organ: organOfLandmark(index)!.key,
      x,
      y,
      sx,
      sy,
      sigma: s,
      color: scale.color(s)
    };
  });
}

/** Where the layer draws: the annotation SVG selected with d3. */
type Parent = Selection<SVGSVGElement, unknown, null, undefined>;

/**
 * The layer's SVG group (see the module's comment): per organ a group of
 * ellipses under a group of nodes. Colours are `fill`/`stroke` attributes
 * (data, not style), so a node's colour is read from the node itself.
 */
export class UncertaintyLayer {
  private readonly _root: Selection<SVGGElement, unknown, null, undefined>;

  /**
   * @param parent - The annotation SVG.
   * @param radius - A node's radius in mask pixels.
   */
  constructor(
    parent: Parent,
    private readonly _radius: number
  ) {
    this._root = parent
      .append('g')
      .attr('class', 'jp-chexmask-uncertainty')
      .style('display', 'none');
  }

  /** Draw the nodes and their ellipses (none for a row without σ). */
  setNodes(nodes: ReadonlyArray<ISigmaNode>): void {
    const organs = [...new Set(nodes.map(n => n.organ))].map(organ => ({
      organ,
      nodes: nodes.filter(n => n.organ === organ)
    }));
    const groups = this._root
      .selectAll<SVGGElement, { organ: OrganKey }>('g')
      .data(organs, d => d.organ)
      .join('g')
      .attr('data-organ', d => d.organ);
    groups
      .selectAll('ellipse')
      .data(d => d.nodes)
      .join('ellipse')
      .attr('class', 'jp-chexmask-sigma-ellipse')
      .attr('cx', d => d.x + 0.5)
      .attr('cy', d => d.y + 0.5)
      .attr('rx', d => d.sx)
      .attr('ry', d => d.sy)
      .attr('stroke', d => d.color)
      .attr('data-index', d => d.index);
    groups
      .selectAll('circle')
      .data(d => d.nodes)
      .join('circle')
      .attr('class', 'jp-chexmask-sigma-node')
      .attr('cx', d => d.x + 0.5)
      .attr('cy', d => d.y + 0.5)
      .attr('r', this._radius)
      .attr('fill', d => d.color)
      .attr('data-index', d => d.index)
      .attr('data-sigma', d => d.sigma);
  }

  /** Show or hide the layer, its ellipses, and each organ with its mask. */
  style(
    show: boolean,
    ellipses: boolean,
    visible: Record<OrganKey, boolean>
  ): void {
    this._root.style('display', show ? '' : 'none');
    this._root.classed('jp-chexmask-no-ellipses', !ellipses);
    this._root
      .selectAll<SVGGElement, { organ: OrganKey }>('g')
      .style('display', d => (visible[d.organ] ? null : 'none'));
  }
}

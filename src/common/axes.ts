/**
 * Axes of the d3 charts (the RCA histogram, the landmark plot): tick groups
 * and axis titles placed the same way in both, so the charts read alike.
 */
import { Axis, AxisDomain, Selection } from 'd3';

/** An SVG element selected with d3, as the charts hold their roots. */
export type SvgRoot = Selection<SVGSVGElement, unknown, null, undefined>;

/** The plot area in the chart's SVG units: where the axes go around. */
export interface IPlotBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Axis titles. */
export interface IAxisLabels {
  x: string;
  y: string;
}

/**
 * A group of ticks drawn by `axis` (d3's `axisBottom`, `axisLeft`, …), with
 * the axis classes the styles and tests know.
 *
 * @param parent - Where the group goes (the chart, or one of its panels).
 * @param className - Classes besides `jp-chexmask-axis`, e.g. `jp-chexmask-axis-x`.
 * @param transform - Where the axis line lies.
 * @param axis - The ticks, or none yet (an axis redrawn on each zoom).
 */
export function appendAxis<E extends SVGElement, D extends AxisDomain>(
  parent: Selection<E, unknown, null, undefined>,
  className: string,
  transform: string,
  axis?: Axis<D>
): SVGGElement {
  const group = parent
    .append('g')
    .attr('class', `jp-chexmask-axis ${className}`)
    .attr('transform', transform);
  if (axis) {
    group.call(axis);
  }
  return group.node() as SVGGElement;
}

/**
 * Title the axes: x centred under the plot area at the foot of the chart,
 * y turned a quarter turn along its left edge.
 *
 * @param height - The chart's height in its SVG units.
 */
export function appendAxisLabels(
  root: SvgRoot,
  labels: IAxisLabels,
  plot: IPlotBox,
  height: number
): void {
  root
    .append('text')
    .attr('class', 'jp-chexmask-axis-label')
    .attr('x', (plot.left + plot.right) / 2)
    .attr('y', height - 6)
    .attr('text-anchor', 'middle')
    .text(labels.x);
  root
    .append('text')
    .attr('class', 'jp-chexmask-axis-label')
    .attr(
      'transform',
      `translate(14,${(plot.top + plot.bottom) / 2}) rotate(-90)`
    )
    .attr('text-anchor', 'middle')
    .text(labels.y);
}

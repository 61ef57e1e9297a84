/**
 * A horizontal colour bar: a sequential scale's gradient with its ticks and
 * a title, as a small SVG for a view's controls.
 */
import { axisBottom, scaleLinear, select } from 'd3';
import { svg } from './dom';
import { ISigmaScale } from './sigma-scale';

/** The bar's size in CSS pixels. */
const WIDTH = 160;
const BAR_HEIGHT = 10;
const HEIGHT = 34;
const MARGIN = 8;

/** Gradient ids must be unique in the document: one per bar made. */
let barCount = 0;

/**
 * A colour bar of `scale` from 0 to its max, ticked in pixels (`unit`),
 * titled `title`. `data-max` holds the top of the domain, for tests and
 * assistive tools; the bar's accessible name says the range in words.
 */
export function colorBar(
  scale: ISigmaScale,
  title: string,
  unit = 'px'
): SVGSVGElement {
  const id = `jp-chexmask-color-bar-${++barCount}`;
  const node = svg('svg', {
    class: 'jp-chexmask-color-bar',
    width: WIDTH + 2 * MARGIN,
    height: HEIGHT,
    viewBox: `0 0 ${WIDTH + 2 * MARGIN} ${HEIGHT}`,
    role: 'img',
    'aria-label': `${title}: colour scale from 0 to ${scale.max} ${unit}`,
    'data-max': scale.max
  });
  const root = select(node);
  const stops = 16;
  root
    .append('defs')
    .append('linearGradient')
    .attr('id', id)
    .selectAll('stop')
    .data(Array.from({ length: stops + 1 }, (_, i) => i / stops))
    .join('stop')
    .attr('offset', t => `${100 * t}%`)
    .attr('stop-color', t => scale.color(t * scale.max));
  root
    .append('rect')
    .attr('class', 'jp-chexmask-color-bar-ramp')
    .attr('x', MARGIN)
    .attr('y', 0)
    .attr('width', WIDTH)
    .attr('height', BAR_HEIGHT)
    .attr('fill', `url(#${id})`);
  const x = scaleLinear()
    .domain([0, scale.max])
    .range([MARGIN, MARGIN + WIDTH]);
  root
    .append('g')
    .attr('class', 'jp-chexmask-axis')
    .attr('transform', `translate(0,${BAR_HEIGHT})`)
    .call(
      axisBottom(x)
        .tickValues(scale.ticks(4))
        .tickSize(3)
        .tickFormat(v => `${+v}${unit}`)
    );
  return node;
}

/**
 * The vector layer of a landmark plot (SVG): one row's rings and points, or
 * the mean shape, ellipses, group means and highlighted rows over the cloud.
 */
import { select, Selection } from 'd3';
import { ORGANS, OrganKey } from '../core';
import { svg } from '../common';
import { ICanvasMapping } from './frame';
import { IEllipse } from './shapes';

/** A shape drawn as organ rings: 240 frame numbers `x0, y0, x1, y1, …`. */
export type Shape = ArrayLike<number>;

/** A row drawn on top of the cloud (hovered, or picked in the outlier list). */
export interface IHighlight {
  row: number;
  shape: Shape;
  color: string;
  /** `pinned` (clicked in the list) or `hover` (pointer or list hover). */
  kind: 'pinned' | 'hover';
}

/** What the vector layer shows; every part is optional. */
export interface IShapeLayerContent {
  /** Organs shown (in `ORGANS` order). */
  organs: readonly boolean[];
  /** One row's contour set: rings and points in organ colours. */
  single: { shape: Shape; colors: Record<OrganKey, string> } | null;
  /** The mean shape, bold. */
  mean: Shape | null;
  /** One-standard-deviation ellipses, one per landmark, around `centers`. */
  ellipses: { centers: Shape; axes: IEllipse[] } | null;
  /** Per-group mean shapes in the group's colour. */
  groupMeans: Array<{ name: string; color: string; shape: Shape }>;
  /** Rows drawn bold above the cloud. */
  highlights: IHighlight[];
}

type GroupSelection = Selection<SVGGElement, unknown, null, undefined>;

interface IRing {
  key: string;
  organ: OrganKey;
  points: string;
}

/**
 * The vector layer of a landmark plot, drawn with d3 joins in the plot
 * area's layout pixels: rings and points of one row, or the mean shape, its
 * ellipses, group means and highlighted rows above the canvas cloud. Positions
 * are recomputed on each zoom (a few hundred elements), so strokes and points
 * keep their size at any zoom.
 */
export class ShapeLayer {
  /** The SVG, sized to the plot area. */
  readonly node: SVGSVGElement;
  private readonly _groupMeans: GroupSelection;
  private readonly _ellipses: GroupSelection;
  private readonly _mean: GroupSelection;
  private readonly _highlights: GroupSelection;
  private readonly _single: GroupSelection;
  private readonly _hover: Selection<
    SVGCircleElement,
    unknown,
    null,
    undefined
  >;
  private _content: IShapeLayerContent = {
    organs: [true, true, true],
    single: null,
    mean: null,
    ellipses: null,
    groupMeans: [],
    highlights: []
  };
  private _mapping: ICanvasMapping = { scale: 1, dx: 0, dy: 0 };
  private _hoverAt: [number, number] | null = null;

  /**
   * @param width - The plot area's width in layout pixels (the viewBox).
   * @param height - Its height.
   */
  constructor(width: number, height: number) {
    this.node = svg('svg', {
      class: 'jp-chexmask-lm-shapes',
      viewBox: `0 0 ${width} ${height}`,
      'aria-hidden': 'true'
    });
    const root = select(this.node);
    this._groupMeans = root
      .append('g')
      .attr('class', 'jp-chexmask-lm-group-means');
    this._ellipses = root.append('g').attr('class', 'jp-chexmask-lm-ellipses');
    this._mean = root.append('g').attr('class', 'jp-chexmask-lm-mean');
    this._highlights = root
      .append('g')
      .attr('class', 'jp-chexmask-lm-highlights');
    this._single = root.append('g').attr('class', 'jp-chexmask-lm-single');
    this._hover = root
      .append('circle')
      .attr('class', 'jp-chexmask-lm-hover')
      .attr('r', 6)
      .style('display', 'none');
  }

  /**
   * Replace what is drawn (keeps the mapping). Changing only `highlights`
   * redraws only them: that is what a hover does.
   */
  setContent(content: Partial<IShapeLayerContent>): void {
    this._content = { ...this._content, ...content };
    const keys = Object.keys(content);
    if (keys.length === 1 && keys[0] === 'highlights') {
      this._renderHighlights();
    } else {
      this.render();
    }
  }

  /** A new frame → layout-pixel mapping (after a zoom): re-place everything. */
  setMapping(mapping: ICanvasMapping): void {
    this._mapping = mapping;
    this.render();
  }

  /** Mark the hovered point (frame coordinates), or clear the mark. */
  setHover(at: [number, number] | null): void {
    this._hoverAt = at;
    this._placeHover();
  }

  /** Draw everything with the current content and mapping. */
  render(): void {
    const c = this._content;
    const m = this._mapping;
    const px = (v: number): number => m.scale * v + m.dx;
    const py = (v: number): number => m.scale * v + m.dy;
    const rings = (shape: Shape | null, prefix: string): IRing[] =>
      this._rings(shape, prefix);

    this._groupMeans
      .selectAll<SVGPolygonElement, IRing & { color: string }>('polygon')
      .data(
        c.groupMeans.flatMap(g =>
          rings(g.shape, g.name).map(r => ({ ...r, color: g.color }))
        ),
        d => d.key
      )
      .join('polygon')
      .attr('class', 'jp-chexmask-lm-group-mean')
      .attr('points', d => d.points)
      .style('stroke', d => d.color);

    const mean = c.mean;
    const centers = c.ellipses?.centers ?? [];
    const ellipses = c.ellipses
      ? c.ellipses.axes
          .map((e, k) => ({ e, k }))
          .filter(({ e, k }) => shown(c.organs, k) && e.major > 0)
      : [];
    this._ellipses
      .selectAll<SVGEllipseElement, { e: IEllipse; k: number }>('ellipse')
      .data(ellipses, d => d.k)
      .join('ellipse')
      .attr('class', 'jp-chexmask-lm-ellipse')
      .attr('data-index', d => d.k)
      .attr('rx', d => Math.max(0.5, d.e.major * m.scale))
      .attr('ry', d => Math.max(0.5, d.e.minor * m.scale))
      .attr(
        'transform',
        d =>
          `translate(${px(centers[2 * d.k]).toFixed(2)},${py(centers[2 * d.k + 1]).toFixed(2)}) rotate(${((d.e.angle * 180) / Math.PI).toFixed(3)})`
      );

    this._mean
      .selectAll<SVGPolygonElement, IRing>('polygon')
      .data(rings(mean, 'mean'), d => d.key)
      .join('polygon')
      .attr('class', 'jp-chexmask-lm-mean-ring')
      .attr('data-organ', d => d.organ)
      .attr('points', d => d.points);
    this._mean
      .selectAll<SVGCircleElement, number>('circle')
      .data(mean ? visibleIndices(c.organs) : [])
      .join('circle')
      .attr('class', 'jp-chexmask-lm-mean-point')
      .attr('data-index', k => k)
      .attr('r', 2)
      .attr('cx', k => px(mean![2 * k]))
      .attr('cy', k => py(mean![2 * k + 1]));

    this._renderHighlights();
    this._renderSingle(px, py, rings);
    this._placeHover();
  }

  /** The organ rings of a shape, in layout pixels, for the shown organs. */
  private _rings(shape: Shape | null, prefix: string): IRing[] {
    if (!shape) {
      return [];
    }
    const m = this._mapping;
    const px = (v: number): number => m.scale * v + m.dx;
    const py = (v: number): number => m.scale * v + m.dy;
    return ORGANS.filter((_, i) => this._content.organs[i]).map(o => ({
      key: `${prefix}:${o.key}`,
      organ: o.key,
      points: ringPoints(shape, o.start, o.end, px, py)
    }));
  }

  /** Highlighted rows: a halo under a bold line in the group's colour. */
  private _renderHighlights(): void {
    const highlighted = this._content.highlights.flatMap(hl =>
      this._rings(hl.shape, `${hl.kind}:${hl.row}`).flatMap(r => [
        { ...r, key: `${r.key}:halo`, hl, halo: true },
        { ...r, hl, halo: false }
      ])
    );
    this._highlights
      .selectAll<SVGPolygonElement, (typeof highlighted)[number]>('polygon')
      .data(highlighted, d => d.key)
      .join('polygon')
      .attr('class', d =>
        d.halo
          ? 'jp-chexmask-lm-highlight-halo'
          : `jp-chexmask-lm-highlight jp-chexmask-lm-highlight-${d.hl.kind}`
      )
      .attr('data-row', d => d.hl.row)
      .attr('points', d => d.points)
      .style('stroke', d => (d.halo ? null : d.hl.color))
      // Each halo under its line, in data order.
      .order();
  }

  private _renderSingle(
    px: (v: number) => number,
    py: (v: number) => number,
    rings: (shape: Shape | null, prefix: string) => IRing[]
  ): void {
    const single = this._content.single;
    const organs = this._content.organs;
    const groups = this._single
      .selectAll<SVGGElement, IRing>('g')
      .data(single ? rings(single.shape, 'single') : [], d => d.key)
      .join('g')
      .attr('data-organ', d => d.organ)
      .style('--jp-chexmask-organ-color', d => single!.colors[d.organ]);
    groups
      .selectAll<SVGPolygonElement, IRing>('polygon')
      .data(d => [d])
      .join('polygon')
      .attr('class', 'jp-chexmask-lm-ring')
      .attr('points', d => d.points);
    groups
      .selectAll<SVGCircleElement, number>('circle')
      .data(d => {
        const organ = ORGANS.find(o => o.key === d.organ)!;
        return visibleIndices(organs).filter(
          k => k >= organ.start && k < organ.end
        );
      })
      .join('circle')
      .attr('class', 'jp-chexmask-lm-point')
      .attr('data-index', k => k)
      .attr('r', 3)
      .attr('cx', k => px(single!.shape[2 * k]))
      .attr('cy', k => py(single!.shape[2 * k + 1]));
  }

  private _placeHover(): void {
    const at = this._hoverAt;
    const m = this._mapping;
    this._hover
      .style('display', at ? '' : 'none')
      .attr('cx', at ? m.scale * at[0] + m.dx : 0)
      .attr('cy', at ? m.scale * at[1] + m.dy : 0);
  }
}

/** The SVG `points` of one organ's closed ring. */
function ringPoints(
  shape: Shape,
  start: number,
  end: number,
  px: (v: number) => number,
  py: (v: number) => number
): string {
  const parts: string[] = [];
  for (let k = start; k < end; k++) {
    parts.push(
      `${px(shape[2 * k]).toFixed(2)},${py(shape[2 * k + 1]).toFixed(2)}`
    );
  }
  return parts.join(' ');
}

/** Whether landmark `k` belongs to a shown organ. */
function shown(organs: readonly boolean[], k: number): boolean {
  const i = ORGANS.findIndex(o => k >= o.start && k < o.end);
  return i >= 0 && organs[i];
}

/** The landmark indices of the shown organs. */
function visibleIndices(organs: readonly boolean[]): number[] {
  return ORGANS.filter((_, i) => organs[i]).flatMap(o =>
    Array.from({ length: o.end - o.start }, (_, j) => o.start + j)
  );
}

import {
  D3ZoomEvent,
  select,
  zoom,
  ZoomBehavior,
  zoomIdentity,
  ZoomTransform
} from 'd3';
import { button, h } from './dom';

/** How much one zoom step (a button or a key) scales. */
const ZOOM_STEP = 1.5;

/**
 * Zoom and pan of an output with d3-zoom, with the focus rule of notebook
 * outputs: the wheel zooms only while the output has keyboard focus or with
 * Ctrl/⌘/Alt held, so scrolling the notebook over an output is never
 * hijacked. Dragging pans; + / − / 0 zoom in, out and reset when focused.
 */
export class ZoomController {
  private readonly _zoom: ZoomBehavior<HTMLElement, unknown>;
  private _transform: ZoomTransform = zoomIdentity;

  /**
   * @param stage - The focusable element that receives the gestures.
   * @param onChange - Called with each new transform (CSS pixels of the stage).
   */
  constructor(
    private readonly _stage: HTMLElement,
    onChange: (transform: ZoomTransform) => void
  ) {
    this._zoom = zoom<HTMLElement, unknown>()
      .scaleExtent([1, 64])
      .filter((event: any) => {
        if (event.type === 'wheel') {
          return (
            document.activeElement === this._stage ||
            event.ctrlKey ||
            event.metaKey ||
            event.altKey
          );
        }
        return !event.ctrlKey && !event.button;
      })
      .constrain((transform, extent) => {
        // Keep the image covering the stage: no panning past its edges.
        const [[x0, y0], [x1, y1]] = extent;
        const k = transform.k;
        const x = Math.min(x0 * k - x0, Math.max(transform.x, x1 - x1 * k));
        const y = Math.min(y0 * k - y0, Math.max(transform.y, y1 - y1 * k));
        return x === transform.x && y === transform.y
          ? transform
          : zoomIdentity.translate(x, y).scale(k);
      })
      .on('zoom', (event: D3ZoomEvent<HTMLElement, unknown>) => {
        this._transform = event.transform;
        onChange(event.transform);
      });
    select(this._stage).call(this._zoom);
    this._stage.addEventListener('keydown', this._onKey);
  }

  /** The current transform. */
  get transform(): ZoomTransform {
    return this._transform;
  }

  /** Multiply the scale around the stage centre. */
  zoomBy(factor: number): void {
    this._zoom.scaleBy(select(this._stage), factor);
  }

  /** Back to the whole image. */
  reset(): void {
    this._zoom.transform(select(this._stage), zoomIdentity);
  }

  /** Remove the listeners. */
  dispose(): void {
    select(this._stage).on('.zoom', null);
    this._stage.removeEventListener('keydown', this._onKey);
  }

  private _onKey = (event: KeyboardEvent): void => {
    if (event.key === '+' || event.key === '=') {
      this.zoomBy(ZOOM_STEP);
    } else if (event.key === '-' || event.key === '_') {
      this.zoomBy(1 / ZOOM_STEP);
    } else if (event.key === '0') {
      this.reset();
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  };
}

/**
 * The zoom buttons of a view: in, out and back to the whole picture, for
 * whoever does not use the wheel, a trackpad or the keys.
 */
export function zoomButtons(zoom: ZoomController): HTMLElement {
  return h('span', { className: 'jp-chexmask-zoom-buttons' }, [
    button('+', 'Zoom in', () => zoom.zoomBy(ZOOM_STEP)),
    button('−', 'Zoom out', () => zoom.zoomBy(1 / ZOOM_STEP)),
    button('Reset view', 'Reset zoom and pan', () => zoom.reset())
  ]);
}

/**
 * Move a view's world (its canvases and SVG, in the stage's CSS pixels) with
 * a zoom transform; past 2× it is marked zoomed (pixels drawn crisp).
 */
export function applyZoomTransform(world: HTMLElement, t: ZoomTransform): void {
  world.style.transform = `translate(${t.x}px, ${t.y}px) scale(${t.k})`;
  world.classList.toggle('jp-chexmask-zoomed', t.k > 2);
}

/**
 * The stage of a picture under zoom: focusable (the keys and the wheel zoom
 * once it has focus), described for screen readers, with the picture's
 * aspect ratio, fitting the output's width and the window's height so the
 * whole picture is in view.
 */
export function imageStage(options: {
  world: HTMLElement;
  width: number;
  height: number;
  description: string;
  hasXray: boolean;
}): HTMLElement {
  const { width, height } = options;
  return h(
    'div',
    {
      className:
        'jp-chexmask-stage' + (options.hasXray ? ' jp-chexmask-has-xray' : ''),
      attrs: {
        tabindex: '0',
        role: 'img',
        'aria-label': options.description,
        style: `aspect-ratio: ${width} / ${height}; max-width: min(100%, calc(75vh * ${width} / ${height}))`
      }
    },
    [options.world]
  );
}

/**
 * Hover and focus of an image stage: `hover` for each pointer move, the
 * readout blanked when the pointer leaves, and the focus taken on press (so
 * the wheel zooms: the focus rule of {@link ZoomController}).
 */
export function listenToStage(
  stage: HTMLElement,
  readout: HTMLElement,
  hover: (event: PointerEvent) => void
): void {
  stage.addEventListener('pointermove', hover);
  stage.addEventListener('pointerleave', () => (readout.textContent = ' '));
  stage.addEventListener('pointerdown', () =>
    stage.focus({ preventScroll: true })
  );
}

/**
 * Test helper: render payloads through the views' real `renderModel` in
 * jsdom, the way JupyterLab's output area does (a renderer made by the
 * factory's options, a MIME model, the node attached to the document), and
 * report how it ended.
 */
// First: it defines the globals Lumino needs when it is imported.
import { installBrowserStubs } from './browser-stubs';
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';
import { HistogramView, MIME_HISTOGRAM } from '../histogram';
import { CompareView, MIME_COMPARE } from '../compare';
import { LandmarkPlotView, MIME_LANDMARKS } from '../landmarks';
import { MIME_ROW, RowOverlayView } from '../row';
import { MIME_RCA, RcaHistogramView } from '../rca';
import { SettingsModel } from '../settings';

/** The five views. */
export type ViewKind = 'row' | 'rca' | 'landmarks' | 'histogram' | 'compare';

/** Every view kind, for tables. */
export const VIEW_KINDS: readonly ViewKind[] = [
  'row',
  'rca',
  'landmarks',
  'histogram',
  'compare'
];

/** The MIME type each view renders. */
export const MIME_OF: Record<ViewKind, string> = {
  row: MIME_ROW,
  rca: MIME_RCA,
  landmarks: MIME_LANDMARKS,
  histogram: MIME_HISTOGRAM,
  compare: MIME_COMPARE
};

/** A MIME model as the output area hands it out, counting `setData` calls. */
export interface IFakeMimeModel extends IRenderMime.IMimeModel {
  writes: number;
}

/**
 * A minimal `IMimeModel`: `data` under the view's MIME type, untrusted (as a
 * notebook from a stranger is), and a `setData` that keeps what is written.
 */
export function fakeModel(
  mimeType: string,
  payload: unknown,
  trusted = false
): IFakeMimeModel {
  const model = {
    trusted,
    // A JS object, not JSON: hostile cases may hold NaN, Infinity or cycles.
    data: { [mimeType]: payload } as IRenderMime.IMimeModel['data'],
    metadata: {} as IRenderMime.IMimeModel['metadata'],
    writes: 0,
    setData(options: IRenderMime.IMimeModel.ISetDataOptions): void {
      model.writes++;
      model.data = options.data ?? model.data;
      model.metadata = options.metadata ?? model.metadata;
    }
  };
  return model;
}

/**
 * Renderer options as the rendermime registry passes them. The views build
 * DOM from text and never sanitize HTML; the sanitizer counts calls so a
 * test can say so.
 */
export function rendererOptions(
  mimeType: string
): IRenderMime.IRendererOptions & { sanitized: string[] } {
  const sanitized: string[] = [];
  return {
    mimeType,
    sanitizer: {
      sanitize(dirty: string): string {
        sanitized.push(dirty);
        return '';
      }
    },
    resolver: null,
    linkHandler: null,
    latexTypesetter: null,
    sanitized
  };
}

/** A view with its settings, attached to the document like an output. */
export interface IViewUnderTest {
  kind: ViewKind;
  view:
    | RowOverlayView
    | RcaHistogramView
    | LandmarkPlotView
    | HistogramView
    | CompareView;
  settings: SettingsModel;
  options: ReturnType<typeof rendererOptions>;
}

/** Make a view of `kind` and attach it to `document.body`. */
export function createView(kind: ViewKind): IViewUnderTest {
  installBrowserStubs();
  const settings = new SettingsModel();
  const options = rendererOptions(MIME_OF[kind]);
  const view =
    kind === 'row'
      ? new RowOverlayView(options, settings)
      : kind === 'rca'
        ? new RcaHistogramView(options, settings)
        : kind === 'histogram'
          ? new HistogramView(options, settings)
          : kind === 'compare'
            ? new CompareView(options, settings)
            : new LandmarkPlotView(options, settings);
  Widget.attach(view, document.body);
  return { kind, view, settings, options };
}

/** Detach and dispose a view. */
export function disposeView(under: IViewUnderTest): void {
  if (under.view.isAttached) {
    Widget.detach(under.view);
  }
  under.view.dispose();
}

/** How one render ended. */
export interface IRenderOutcome {
  /** `data-state` of the node once settled. */
  state: string | undefined;
  /** Milliseconds from calling `renderModel` until it resolved or rejected. */
  ms: number;
  /** What `renderModel` rejected with, or `undefined` when it resolved. */
  rejected: unknown;
  /** Errors thrown later in timers (uncaught in a browser). */
  uncaught: unknown[];
  /** The error panel's field (`Field: …` line), or `null`. */
  field: string | null;
  /** The error panel's message, or `null` when there is no panel. */
  message: string | null;
  /** The whole text of the view. */
  text: string;
  /** The text of every visible warning (`.jp-chexmask-warning`). */
  warnings: string[];
}

/** Let timers due now run (the row view measures in a 0 ms timeout). */
export function settle(ms = 0): Promise<void> {
  return new Promise(resolve => window.setTimeout(resolve, ms));
}

/**
 * Render `payload` in the view, wait for the work it schedules right after
 * painting, and report the outcome. Never throws: a rejection is reported.
 */
export async function renderPayload(
  under: IViewUnderTest,
  payload: unknown,
  model: IFakeMimeModel = fakeModel(MIME_OF[under.kind], payload)
): Promise<IRenderOutcome> {
  const uncaught: unknown[] = [];
  const onError = (event: ErrorEvent): void => {
    uncaught.push(event.error ?? event.message);
    event.preventDefault();
  };
  window.addEventListener('error', onError);
  let rejected: unknown = undefined;
  const started = performance.now();
  try {
    await under.view.renderModel(model);
  } catch (error) {
    rejected = error ?? new Error(`rejected with ${String(error)}`);
  }
  const ms = performance.now() - started;
  try {
    // A painted view schedules work (measurements); an error panel does not.
    if (under.view.node.dataset.state !== 'error') {
      await settle();
      await settle();
    }
  } finally {
    window.removeEventListener('error', onError);
  }
  const node = under.view.node;
  const panel = node.querySelector('.jp-chexmask-error');
  const fieldText =
    panel?.querySelector('.jp-chexmask-error-field')?.textContent ?? null;
  return {
    state: node.dataset.state,
    ms,
    rejected,
    uncaught,
    field: fieldText === null ? null : fieldText.replace(/^Field: /, ''),
    message: panel
      ? (panel.querySelector('.jp-chexmask-error-message')?.textContent ?? '')
      : null,
    text: node.textContent ?? '',
    warnings: Array.from(
      node.querySelectorAll('.jp-chexmask-warning'),
      w => w.textContent ?? ''
    )
  };
}

/** Messages of untyped errors: a view crashed instead of checking its input. */
export const UNTYPED_ERROR =
  /TypeError|RangeError|ReferenceError|SyntaxError|Cannot read propert|Cannot set propert|is not a function|is not iterable|undefined|Maximum call stack|Invalid array length|out of memory/i;

/**
 * Why a node is not inert, or `null` when it is: no `<script>`, `<iframe>`,
 * `<object>`, `<embed>` or `<img>`, no `on*` attribute, and no `href`, `src`
 * or `xlink:href` that is a `javascript:` URL.
 */
export function activeContent(root: Element): string | null {
  const dangerous = root.querySelector('script, iframe, object, embed, img');
  if (dangerous) {
    return `a <${dangerous.tagName.toLowerCase()}> element`;
  }
  for (const element of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) {
        return `<${element.tagName.toLowerCase()} ${name}="${attribute.value}">`;
      }
      const local = name.replace(/^xlink:/, '');
      if (
        (local === 'href' || local === 'src' || local === 'action') &&
        /^\s*(javascript|vbscript|data):/i.test(
          // Browsers skip control characters inside a URL scheme.
          Array.from(attribute.value)
            .filter(c => c.charCodeAt(0) > 0x1f)
            .join('')
        )
      ) {
        return `<${element.tagName.toLowerCase()} ${name}="${attribute.value}">`;
      }
    }
  }
  return null;
}

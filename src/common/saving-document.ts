/**
 * The document an output belongs to, seen from its renderer: JupyterLab
 * hands a MIME renderer its model but not the document's context, so the
 * view finds the context on its nearest ancestor widget that has one (the
 * notebook panel, a `DocumentWidget`), as JupyterLab, Notebook 7 and
 * JupyterLite lay notebooks out. Duck-typed: the extension does not depend
 * on the notebook or document packages for two members.
 */
import type { ISignal } from '@lumino/signaling';
import type { Widget } from '@lumino/widgets';

/** What a view uses of a document context. */
export interface ISavingDocument {
  /**
   * Emitted with `'started'` before the document is serialised for a save
   * (synchronously: what a slot writes into the model is saved), then with
   * `'completed'` or `'failed'`.
   */
  readonly saveState: ISignal<unknown, string>;
  /** The document's model: `dirty` asks for a save (prompt, autosave). */
  readonly model: { dirty: boolean };
}

/**
 * The document `widget` is part of, or `null` (a console, an output opened
 * in a view of its own, a page without documents). Lumino parents outlive
 * the DOM: a cell a windowed notebook took out of the page still finds it.
 */
export function documentOf(widget: Widget): ISavingDocument | null {
  for (let w: Widget | null = widget.parent; w !== null; w = w.parent) {
    const context = (w as unknown as { context?: unknown }).context;
    if (isSavingDocument(context)) {
      return context;
    }
  }
  return null;
}

function isSavingDocument(value: unknown): value is ISavingDocument {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { saveState, model } = value as Record<string, unknown>;
  return (
    typeof (saveState as { connect?: unknown } | undefined)?.connect ===
      'function' &&
    typeof model === 'object' &&
    model !== null &&
    'dirty' in model
  );
}

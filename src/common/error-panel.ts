import { ChexmaskFormatError } from '../core';
import { h } from './dom';

/**
 * The inline panel a view shows instead of a picture when its payload is
 * malformed: it quotes the core's error (field and problem) as text.
 *
 * @param what - What could not be shown, e.g. "this CheXmask row".
 * @param error - The error thrown while parsing or drawing.
 */
export function errorPanel(what: string, error: unknown): HTMLElement {
  const field = error instanceof ChexmaskFormatError ? error.field : null;
  const message = error instanceof Error ? error.message : String(error);
  return h(
    'div',
    { className: 'jp-chexmask-error', attrs: { role: 'alert' } },
    [
      h('div', {
        className: 'jp-chexmask-error-title',
        text: `Cannot show ${what}`
      }),
      field
        ? h('div', {
            className: 'jp-chexmask-error-field',
            text: `Field: ${field}`
          })
        : null,
      h('pre', { className: 'jp-chexmask-error-message', text: message })
    ]
  );
}

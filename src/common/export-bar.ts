import { button, h } from './dom';
import { canvasPng } from './picture-output';

/** What a view can be exported as. */
export interface IExportSource {
  /** The file name without extension, from the view's content. */
  fileName(): string;
  /** The picture at the data's native resolution (what `image/png` holds). */
  png(): Promise<HTMLCanvasElement | null>;
  /** The view as a standalone SVG document, or absent for raster-only views. */
  svg?(): Promise<string | null>;
  /** The data behind a chart as CSV text (the histograms' drawn counts), or absent. */
  csv?(): Promise<string | null>;
}

/**
 * The buttons under a view that download it as PNG (native resolution, not
 * the screen's) and, for charts, SVG, and copy the picture to the clipboard
 * where the browser allows it (secure pages with the async clipboard API).
 * Charts of counts also export their counts as CSV. A status line says what
 * happened, for screen readers too.
 */
export function exportBar(source: IExportSource): HTMLElement {
  const status = h('span', {
    className: 'jp-chexmask-export-status',
    attrs: { 'aria-live': 'polite' }
  });
  const report = (text: string): void => {
    status.textContent = text;
  };
  const fail = (what: string) => (error: unknown) =>
    report(`${what} failed: ${error instanceof Error ? error.message : error}`);

  const buttons = [
    button('PNG', 'Download the picture as PNG (native resolution)', () => {
      Private.pngBlob(source)
        .then(blob => {
          downloadBlob(blob, `${safeFileName(source.fileName())}.png`);
          report('PNG downloaded');
        })
        .catch(fail('PNG download'));
    })
  ];
  // Text documents: the chart as SVG, its counts as CSV.
  const documents = [
    ['SVG', 'Download the chart as SVG', 'svg', 'image/svg+xml', source.svg],
    ['CSV', 'Download the counts drawn as CSV', 'csv', 'text/csv', source.csv]
  ] as const;
  for (const [text, label, extension, type, make] of documents) {
    if (!make) {
      continue;
    }
    buttons.push(
      button(text, label, () => {
        make
          .call(source)
          .then(document => {
            if (document === null) {
              throw new Error('nothing to export');
            }
            downloadBlob(
              new Blob([document], { type }),
              `${safeFileName(source.fileName())}.${extension}`
            );
            report(`${text} downloaded`);
          })
          .catch(fail(`${text} download`));
      })
    );
  }
  if (Private.canCopy()) {
    buttons.push(
      button('Copy', 'Copy the picture to the clipboard', () => {
        // The item takes a promise, so the copy starts within the click's
        // user activation while the PNG is still being encoded.
        navigator.clipboard
          .write([new ClipboardItem({ 'image/png': Private.pngBlob(source) })])
          .then(() => report('Picture copied'))
          .catch(fail('Copy'));
      })
    );
  }
  return h(
    'div',
    {
      className: 'jp-chexmask-export',
      attrs: { role: 'group', 'aria-label': 'Export' }
    },
    [...buttons, status]
  );
}

/** Save a blob under a name, through a temporary link. */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = h('a', { attrs: { href: url, download: name } });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** A file name from untrusted text: safe characters only, bounded. */
export function safeFileName(text: string): string {
  const name = text
    .replace(/[^\w.-]+/g, '_')
    .replace(/^[_.]+|_+$/g, '')
    .slice(0, 80);
  return name || 'chexmask';
}

/**
 * Put text on the clipboard where the browser allows it (secure pages with
 * the async clipboard API); resolves to whether it did.
 */
export async function copyText(text: string): Promise<boolean> {
  if (
    typeof navigator === 'undefined' ||
    typeof navigator.clipboard?.writeText !== 'function'
  ) {
    return false;
  }
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

namespace Private {
  /** The picture as a PNG blob. */
  export async function pngBlob(source: IExportSource): Promise<Blob> {
    const canvas = await source.png();
    if (!canvas) {
      throw new Error('nothing to export');
    }
    return canvasPng(canvas);
  }

  /** Whether the async clipboard can take images here. */
  export function canCopy(): boolean {
    return (
      typeof ClipboardItem === 'function' &&
      typeof navigator !== 'undefined' &&
      typeof navigator.clipboard?.write === 'function'
    );
  }
}

/**
 * Example rows under an RCA histogram: `cm.rca_histogram(..., examples=k)`
 * carries up to k rows per dataset per score band of Dice RCA (Mean) (a
 * deterministic sample, `jupyterlab_chexmask/rca/examples.py`), as gallery
 * rows. Clicking a bar, choosing a band, or "Rows just under the threshold"
 * shows those rows of the visible datasets as a gallery under the chart,
 * built from the gallery's own parts. Also here: the threshold as a pandas
 * filter. The payload's part is `examples-payload.ts`.
 */
import { button, copyText, h, labelled, select } from '../common';
import {
  examplesGallery,
  ExamplesGallery,
  GalleryItem,
  IExamplesHost,
  IGalleryPayload
} from '../gallery';
import {
  bandLabel,
  bandUnder,
  EXAMPLE_COLUMNS,
  IRcaExamples,
  thresholdFilter
} from './examples-payload';

/** A gallery payload of the examples of `datasets` in `band`, renumbered. */
export function bandGallery(
  datasets: ReadonlyArray<{ name: string; examples: IRcaExamples }>,
  band: number
): IGalleryPayload {
  const items: GalleryItem[] = [];
  for (const { examples } of datasets) {
    examples.items.forEach((item, i) => {
      if (examples.bands[i] === band) {
        items.push(item);
      }
    });
  }
  return examplesGallery(
    `Example rows with Dice RCA (Mean) in ${bandLabel(band)}`,
    EXAMPLE_COLUMNS,
    items
  );
}

/** What the panel needs from the RCA view. */
export interface IRcaExamplesHost extends IExamplesHost {
  /** The datasets shown now, with their examples. */
  datasets(): Array<{ name: string; examples: IRcaExamples }>;
  /** The threshold and its score column now. */
  threshold(): { column: string; value: number };
}

/**
 * The panel under the chart: "Copy as pandas filter" for the threshold,
 * and, when the payload has examples, a band picker, "Rows just under the
 * threshold" and the gallery of the band chosen.
 */
export class RcaExamplesPanel {
  readonly node: HTMLElement;
  private readonly _gallery: ExamplesGallery;
  private readonly _status: HTMLElement;
  private readonly _band: HTMLSelectElement | null = null;

  constructor(private readonly _host: IRcaExamplesHost) {
    this._status = h('span', {
      className: 'jp-chexmask-export-status',
      attrs: { 'aria-live': 'polite' }
    });
    const copy = button(
      'Copy as pandas filter',
      'Copy a pandas expression keeping the rows at this threshold',
      () => void this._copyFilter()
    );
    copy.classList.add('jp-chexmask-rca-copy-filter');
    const hasExamples = _host.datasets().length > 0;
    const row: Array<HTMLElement> = [copy];
    if (hasExamples) {
      this._band = select<string>({
        className: 'jp-chexmask-rca-band',
        label: 'Example rows in the band',
        choices: [
          ['', 'choose a band (or click a bar)'],
          ...Array.from(
            { length: 20 },
            (_, b) => [String(b), bandLabel(b)] as const
          )
        ],
        value: '',
        onChange: value => value !== '' && this.showBand(Number(value))
      });
      const under = button(
        'Rows just under the threshold',
        'Show example rows of the band just under the threshold',
        () => this.showBand(bandUnder(_host.threshold().value))
      );
      under.classList.add('jp-chexmask-rca-under');
      row.push(labelled('Examples', this._band), under);
    }
    this._gallery = new ExamplesGallery(_host, 'jp-chexmask-rca-examples');
    this.node = h('div', { className: 'jp-chexmask-controls' }, [
      h('div', { className: 'jp-chexmask-control-row' }, [
        ...row,
        this._status
      ]),
      this._gallery.node
    ]);
  }

  /** Show the examples of a band (of the datasets shown) as a gallery. */
  showBand(band: number): void {
    if (this._band) {
      this._band.value = String(band);
    }
    this._gallery.show({
      band: String(band),
      label: bandLabel(band),
      payload: bandGallery(this._host.datasets(), band),
      fileName: `chexmask-rca-examples-${bandLabel(band)}`
    });
  }

  /** Repaint the gallery's tiles with new settings. */
  restyle(): void {
    this._gallery.restyle();
  }

  dispose(): void {
    this._gallery.dispose();
  }

  private async _copyFilter(): Promise<void> {
    const { column, value } = this._host.threshold();
    const text = thresholdFilter(column, value);
    this._host.dataset.exported = text;
    const copied = await copyText(text);
    this._status.textContent = copied
      ? `Copied: ${text}`
      : `The clipboard is not available here: ${text}`;
  }
}

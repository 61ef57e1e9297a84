/**
 * The controls of a gallery: sort, filter (datasets, a score range),
 * selection, and getting rows out (ids, a pandas filter, a CSV) for the
 * selection or everything shown. Made of `common/inputs.ts`,
 * `common/legend.ts` and `common/dom.ts`; every change is reported as a
 * patch of the state or an action, which the gallery applies.
 */
import {
  button,
  h,
  labelled,
  legend,
  legendEntry,
  numberInput,
  select
} from '../common';
import { IGalleryPayload } from './payload';
import { IGalleryState } from './state';

/** What can be exported. */
export type ExportKind = 'ids' | 'pandas' | 'csv';

/** Which rows an export takes. */
export type ExportScope = IGalleryState['exportScope'];

/** What the controls ask of the gallery. */
export interface IGalleryControlsHost {
  /** Apply a change of sort or filter. */
  change(patch: Partial<IGalleryState>): void;
  selectAllShown(): void;
  clearSelection(): void;
  /** Export rows of `scope` as `kind`. */
  exportRows(kind: ExportKind, scope: ExportScope): void;
}

/** The value of the sort drop-down that keeps the payload's order. */
const PAYLOAD_ORDER = '\u0000payload order';

/** The controls (see the module's comment). */
export class GalleryControls {
  readonly node: HTMLElement;
  private readonly _counts: HTMLElement;
  private readonly _status: HTMLElement;
  private readonly _scope: HTMLSelectElement;
  /** Where exported text is shown when the clipboard refuses it. */
  private readonly _fallback: HTMLTextAreaElement;

  constructor(
    payload: IGalleryPayload,
    state: IGalleryState,
    datasets: ReadonlyMap<string, number>,
    host: IGalleryControlsHost
  ) {
    const sort = select<string>({
      className: 'jp-chexmask-gallery-sort',
      label: 'Sort by',
      choices: [
        [
          PAYLOAD_ORDER,
          payload.sortBy ? `as given (${payload.sortBy})` : 'as given'
        ],
        ...payload.columns.map(c => [c, c] as const)
      ],
      value: state.sortBy ?? PAYLOAD_ORDER,
      onChange: value =>
        host.change({ sortBy: value === PAYLOAD_ORDER ? null : value })
    });
    const direction = select<'asc' | 'desc'>({
      className: 'jp-chexmask-gallery-direction',
      label: 'Sort direction',
      choices: [
        ['asc', 'ascending'],
        ['desc', 'descending']
      ],
      value: state.ascending ? 'asc' : 'desc',
      onChange: value => host.change({ ascending: value === 'asc' })
    });
    const entries = [...datasets].map(
      ([name, count]) =>
        legendEntry({
          toggleClass: 'jp-chexmask-gallery-dataset',
          toggleAttrs: { 'data-dataset': name },
          label: `Show ${name}`,
          name,
          color: null,
          checked: !state.hiddenDatasets.has(name),
          onChange: checked => {
            const hidden = new Set(state.hiddenDatasets);
            if (checked) {
              hidden.delete(name);
            } else {
              hidden.add(name);
            }
            host.change({ hiddenDatasets: hidden });
          },
          after: [
            h('span', {
              className: 'jp-chexmask-area',
              text: count.toLocaleString('en-US')
            })
          ]
        }).node
    );
    const rangeColumn = select<string>({
      className: 'jp-chexmask-gallery-range-column',
      label: 'Score range on',
      choices: payload.columns.map(c => [c, c] as const),
      value: state.rangeColumn,
      onChange: value => host.change({ rangeColumn: value })
    });
    const bound = (which: 'rangeMin' | 'rangeMax', label: string) => {
      const input = numberInput({
        className: `jp-chexmask-gallery-${which === 'rangeMin' ? 'min' : 'max'}`,
        label,
        min: -1e9,
        max: 1e9,
        step: 0.01,
        onCommit: value => host.change({ [which]: value })
      });
      input.value = state[which] === null ? '' : String(state[which]);
      // Emptied: no bound on that side.
      input.addEventListener('change', () => {
        if (input.value.trim() === '') {
          host.change({ [which]: null });
        }
      });
      return input;
    };
    this._counts = h('span', {
      className: 'jp-chexmask-gallery-counts',
      attrs: { role: 'status' }
    });
    this._scope = select<ExportScope>({
      className: 'jp-chexmask-gallery-scope',
      label: 'Export which rows',
      choices: [
        ['selected', 'selected rows'],
        ['shown', 'all shown (the current filter)']
      ],
      value: state.exportScope,
      onChange: exportScope => host.change({ exportScope })
    });
    const exportButton = (kind: ExportKind, text: string, label: string) => {
      const b = button(text, label, () =>
        host.exportRows(kind, this._scope.value as ExportScope)
      );
      b.classList.add(`jp-chexmask-gallery-export-${kind}`);
      return b;
    };
    this._status = h('span', {
      className: 'jp-chexmask-export-status',
      attrs: { 'aria-live': 'polite' }
    });
    this._fallback = h('textarea', {
      className: 'jp-chexmask-gallery-fallback',
      attrs: { readonly: '', rows: '3', 'aria-label': 'Exported text' }
    });
    this._fallback.hidden = true;
    this.node = h('div', { className: 'jp-chexmask-controls' }, [
      h('div', { className: 'jp-chexmask-control-row' }, [
        labelled('Sort by', sort),
        direction,
        labelled('Range on', rangeColumn),
        labelled(
          'from',
          bound('rangeMin', 'Lowest value shown (empty: no bound)')
        ),
        labelled(
          'to',
          bound('rangeMax', 'Highest value shown (empty: no bound)')
        )
      ]),
      legend('Datasets', entries, 'jp-chexmask-gallery-datasets'),
      h('div', { className: 'jp-chexmask-control-row' }, [
        this._counts,
        button(
          'Select all shown',
          'Select every row the filter shows (Ctrl+A in the grid)',
          () => host.selectAllShown()
        ),
        button('Clear selection', 'Select no row', () => host.clearSelection())
      ]),
      h(
        'div',
        {
          className: 'jp-chexmask-control-row',
          attrs: { role: 'group', 'aria-label': 'Get the rows out' }
        },
        [
          labelled('Rows', this._scope),
          exportButton('ids', 'Copy ids', 'Copy the ids, one per line'),
          exportButton(
            'pandas',
            'Copy as pandas filter',
            'Copy a pandas expression selecting these rows by their id column'
          ),
          exportButton(
            'csv',
            'Download CSV',
            'Download id, dataset and scores as CSV'
          ),
          this._status
        ]
      ),
      this._fallback
    ]);
  }

  /** Say how many rows are shown and selected. */
  setCounts(shown: number, of: number, selected: number): void {
    this._counts.textContent = `${shown.toLocaleString('en-US')} of ${of.toLocaleString('en-US')} shown · ${selected.toLocaleString('en-US')} selected`;
  }

  /**
   * Say what an export did; `fallback` is text to show selected, for the
   * user to copy, when the clipboard refused it.
   */
  setStatus(text: string, fallback: string | null = null): void {
    this._status.textContent = text;
    this._fallback.hidden = fallback === null;
    this._fallback.value = fallback ?? '';
    if (fallback !== null) {
      this._fallback.select();
    }
  }
}

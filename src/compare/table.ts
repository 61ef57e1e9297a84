/**
 * The per-organ table of a comparison, as a real `<table>` (a caption,
 * column headers, a header cell per organ), and the line saying whether the
 * browser's core agrees with the kernel's numbers. Each number cell keeps
 * the exact value in `data-value` (the UI tests compare it with the
 * kernel's); undefined values show "—" with the reason in a note below.
 */
import { ORGANS, OrganKey } from '../core';
import { h } from '../common';
import { IMetricCheck, METRIC_NAMES } from './metrics';
import { IOrganMetrics } from './payload';
import { undefinedReason } from './picture';

/** Column headers, by value. */
const HEADERS: Record<keyof IOrganMetrics, string> = {
  dice: 'Dice',
  iou: 'IoU',
  hd: 'HD (px)',
  hd95: 'HD95 (px)',
  assd: 'ASSD (px)',
  areaA: 'Area A (px)',
  areaB: 'Area B (px)',
  landmarkDistance: 'Mean landmark distance (px)'
};

/** Where the numbers shown come from. */
export type TableSource = 'kernel' | 'browser';

/** The table and its notes (see the module's comment). */
export function metricsTable(
  labels: readonly [string, string],
  table: Record<OrganKey, IOrganMetrics>,
  source: TableSource
): HTMLElement {
  const notes: string[] = [];
  const head = h('tr', {}, [
    h('th', { text: 'Organ', attrs: { scope: 'col' } }),
    ...METRIC_NAMES.slice(0, 7).map(m =>
      h('th', { text: HEADERS[m], attrs: { scope: 'col' } })
    ),
    h('th', { text: 'B − A (px)', attrs: { scope: 'col' } }),
    h('th', { text: HEADERS.landmarkDistance, attrs: { scope: 'col' } })
  ]);
  const rows = ORGANS.map(organ => {
    const m = table[organ.key];
    const cell = (metric: keyof IOrganMetrics | 'difference'): HTMLElement => {
      const value = metric === 'difference' ? m.areaB - m.areaA : m[metric];
      const digits =
        metric === 'dice' || metric === 'iou'
          ? 4
          : metric.startsWith('area') || metric === 'difference'
            ? -1
            : 2;
      const text = Number.isNaN(value)
        ? '—'
        : digits < 0
          ? value.toLocaleString('en-US')
          : value.toFixed(digits);
      return h('td', {
        text,
        attrs: { 'data-metric': metric, 'data-value': String(value) }
      });
    };
    if (Number.isNaN(m.hd)) {
      notes.push(
        `${organ.label}: HD, HD95 and ASSD are undefined, ${undefinedReason(m, labels)}.`
      );
    }
    return h('tr', { attrs: { 'data-organ': organ.key } }, [
      h('th', { text: organ.label, attrs: { scope: 'row' } }),
      ...METRIC_NAMES.slice(0, 7).map(cell),
      cell('difference'),
      cell('landmarkDistance')
    ]);
  });
  if (ORGANS.some(o => Number.isNaN(table[o.key].landmarkDistance))) {
    notes.push(
      'Mean landmark distance: — where both sides do not have 120 landmarks.'
    );
  }
  const [la, lb] = labels;
  return h('div', { className: 'jp-chexmask-compare-metrics' }, [
    h('table', { className: 'jp-chexmask-compare-table' }, [
      h('caption', {
        text:
          `A = ${la}, B = ${lb}; distances in pixels. ` +
          (source === 'kernel'
            ? 'Computed by the kernel.'
            : 'Computed in the browser (the payload has no table).')
      }),
      h('thead', {}, [head]),
      h('tbody', {}, rows)
    ]),
    ...notes.map(text =>
      h('div', { className: 'jp-chexmask-compare-note', text: `— ${text}` })
    )
  ]);
}

/** What the check of the kernel's numbers found, in words. */
export function checkText(check: IMetricCheck): string {
  if (check.differences.length === 0) {
    return (
      'The browser recomputed every value with its own core: all equal the kernel’s' +
      (check.largest > 0 ? ` (within ${check.largest.toExponential(1)})` : '') +
      '.'
    );
  }
  const listed = check.differences
    .slice(0, 4)
    .map(
      d =>
        `${ORGANS.find(o => o.key === d.organ)!.label} ${HEADERS[d.metric]}: kernel ${d.kernel}, browser ${d.browser}`
    )
    .join('; ');
  return `The browser's core disagrees with the kernel on ${check.differences.length} value(s): ${listed}.`;
}

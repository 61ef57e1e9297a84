/**
 * The header of a landmark plot: its title, when the payload has one, and
 * the caption saying what is drawn (rows, frame, groups).
 */
import { h } from '../common';
import { plotCaption } from './labels';
import { ILandmarkModel } from './model';

/**
 * The title (when there is one) and caption lines, each a child of the view
 * node of its own, before the controls.
 */
export function plotHeader(
  model: ILandmarkModel,
  title: string | null
): HTMLElement[] {
  const lines: HTMLElement[] = [];
  if (title) {
    lines.push(h('div', { className: 'jp-chexmask-title', text: title }));
  }
  lines.push(
    h('div', {
      className: 'jp-chexmask-lm-caption',
      text: plotCaption(model)
    })
  );
  return lines;
}

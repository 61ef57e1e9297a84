/**
 * The words of a landmark plot: its caption and screen-reader description,
 * row names, and the hover readouts of points and mean-shape points.
 */
import { organOfLandmark } from '../core';
import { describeFrame, ILandmarkModel } from './model';
import { IEllipse, ILandmarkSpread, SHAPE_STRIDE } from './shapes';

/**
 * The caption under a plot's title: the row's id, dataset, mask size and
 * frame for one row; the row count, grouping and frame with a key to the
 * drawing for many.
 */
export function plotCaption(model: ILandmarkModel): string {
  const n = model.rows.length;
  if (n === 1) {
    const row = model.rows[0];
    return [
      row.id ?? '(no id)',
      row.dataset,
      `${row.height}×${row.width} px mask`,
      `120 landmarks in ${describeFrame(model)}`
    ]
      .filter(Boolean)
      .join(' · ');
  }
  const groups =
    model.groupBy === null
      ? ''
      : ` in ${model.groups.length} group${model.groups.length === 1 ? '' : 's'} by ${model.groupBy}`;
  return (
    `${n.toLocaleString('en-US')} rows${groups} · frame: ${describeFrame(model)} · ` +
    `bold: mean shape; ellipses: one standard deviation per landmark`
  );
}

/** A text summary of the plot for screen readers. */
export function describePlot(model: ILandmarkModel): string {
  const n = model.rows.length;
  return n === 1
    ? `Landmarks of ${model.rows[0].id ?? 'one row'}: right lung, left lung and heart rings of 120 points`
    : `Landmark contours of ${n} rows with their mean shape, in ${describeFrame(model)}`;
}

/** A row's name: its id, or its position. */
export function rowLabel(model: ILandmarkModel, row: number): string {
  return model.rows[row].id ?? `row ${row}`;
}

/** A landmark's global index, organ and index within the organ: "landmark 57 · Left lung #13". */
export function landmarkText(k: number): string {
  const organ = organOfLandmark(k)!;
  return `landmark ${k} · ${organ.label} #${k - organ.start}`;
}

/** The pointer's frame position, for when nothing is hovered. */
export function positionText(
  model: ILandmarkModel,
  x: number,
  y: number
): string {
  const digits = model.frame === 'pixels' ? 0 : 3;
  return `x ${x.toFixed(digits)}, y ${y.toFixed(digits)}`;
}

/**
 * A row's point: id, group, landmark and pixel coordinates as in the
 * `Landmarks` cell, followed by the frame ones when the frame is normalised,
 * and, for a CheXmask-U row, the point's σx and σy and the row's mean σ.
 */
export function rowPointText(
  model: ILandmarkModel,
  row: number,
  k: number
): string {
  const r = model.rows[row];
  const x = r.coords[2 * k];
  const y = r.coords[2 * k + 1];
  const group =
    model.groupBy === null
      ? ''
      : ` (${model.groups[model.rowGroup[row]].name})`;
  let text = `${rowLabel(model, row)}${group} · ${landmarkText(k)} · x ${x}, y ${y}`;
  if (model.frame === 'normalized') {
    const j = row * SHAPE_STRIDE + 2 * k;
    text += ` (${model.coords[j].toFixed(3)}, ${model.coords[j + 1].toFixed(3)})`;
  }
  if (r.sigma && r.meanSigma !== null) {
    const [sx, sy] = r.sigma[k];
    text += ` · σx ${sx.toFixed(2)}, σy ${sy.toFixed(2)} px (row mean σ ${r.meanSigma.toFixed(2)} px)`;
  }
  return text;
}

/** A mean-shape point: its position and its one-standard-deviation ellipse. */
export function meanPointText(
  model: ILandmarkModel,
  spread: ILandmarkSpread,
  ellipses: IEllipse[],
  k: number
): string {
  const digits = model.frame === 'pixels' ? 1 : 4;
  const e = ellipses[k];
  const unit = model.frame === 'pixels' ? ' px' : '';
  return (
    `mean of ${spread.count.toLocaleString('en-US')} rows · ${landmarkText(k)} · ` +
    `x ${spread.mean[2 * k].toFixed(digits)}, y ${spread.mean[2 * k + 1].toFixed(digits)} · ` +
    `1σ ${e.major.toFixed(digits)} × ${e.minor.toFixed(digits)}${unit} at ${((e.angle * 180) / Math.PI).toFixed(0)}°`
  );
}

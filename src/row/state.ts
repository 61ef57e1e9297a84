/**
 * What the user sets in a row overlay. One object per payload: it outlives
 * the overlay's builds (a view painted again after scrolling back keeps it)
 * and a new payload starts from {@link initialRowState} again.
 */
import { IChexmaskRow, OrganKey } from '../core';
import type { DrawMode, IChexmaskSettings } from '../settings';
import { FULL_WINDOW, IWindowLevel } from './xray';

/** The state of a row overlay: what is shown, and how. */
export interface IRowState {
  visible: Record<OrganKey, boolean>;
  opacity: number;
  mode: DrawMode;
  showLandmarks: boolean;
  showRatio: boolean;
  /**
   * Fill organs whose cell is empty from their landmark rings. Off by
   * default: an empty cell is an empty mask.
   */
  fromLandmarks: boolean;
  /**
   * Colour the landmarks by their uncertainty, (σx + σy) / 2, with a colour
   * bar: only a CheXmask-U row (with `Landmarks (Std)`) has it; on for one.
   */
  showUncertainty: boolean;
  /** Draw each landmark's 1σ ellipse (radii σx, σy) with the uncertainty. */
  showEllipses: boolean;
  windowLevel: IWindowLevel;
}

/**
 * The state of a freshly rendered row: every organ shown, drawn as the
 * settings say, landmarks when the settings ask and the row has them, their
 * uncertainty when the row has it.
 */
export function initialRowState(
  settings: IChexmaskSettings,
  row: IChexmaskRow
): IRowState {
  return {
    visible: { rightLung: true, leftLung: true, heart: true },
    opacity: settings.opacity,
    mode: settings.drawMode,
    showLandmarks: settings.showLandmarks && row.landmarks !== null,
    showRatio: true,
    fromLandmarks: false,
    showUncertainty: row.sigma !== null,
    showEllipses: false,
    windowLevel: FULL_WINDOW
  };
}

/**
 * The state after a settings change: a settings change is the user's new
 * default, so it applies to every view on screen.
 */
export function applySettings(
  state: IRowState,
  settings: IChexmaskSettings,
  row: IChexmaskRow
): void {
  state.opacity = settings.opacity;
  state.mode = settings.drawMode;
  state.showLandmarks = settings.showLandmarks && row.landmarks !== null;
}

/**
 * What the user sets in a comparison. One object per payload: it outlives
 * the view's builds (a view painted again after scrolling back keeps it)
 * and a new payload starts from {@link initialCompareState} again.
 */
import { OrganKey } from '../core';
import type { IChexmaskSettings } from '../settings';

/**
 * How the two segmentations are shown: A or B alone (organ colours), both
 * outlined (each in its source colour), the agreement map, a blend of A and
 * B, or a swipe between them.
 */
export type CompareMode =
  'a' | 'b' | 'outlines' | 'agreement' | 'blend' | 'swipe';

/** The state of a comparison: what is shown, and how. */
export interface ICompareState {
  mode: CompareMode;
  visible: Record<OrganKey, boolean>;
  /** Opacity of filled masks and of the agreement map, 0–1. */
  opacity: number;
  /** The blend: 0 shows A only, 1 B only. */
  blend: number;
  /** Where the swipe divider is, as a fraction of the width: A left of it, B right. */
  swipe: number;
}

/** The state of a fresh comparison: the agreement map of every organ. */
export function initialCompareState(
  settings: IChexmaskSettings
): ICompareState {
  return {
    mode: 'agreement',
    visible: { rightLung: true, leftLung: true, heart: true },
    opacity: settings.opacity,
    blend: 0.5,
    swipe: 0.5
  };
}

/** A settings change is the user's new default opacity. */
export function applySettings(
  state: ICompareState,
  settings: IChexmaskSettings
): void {
  state.opacity = settings.opacity;
}

/** Which layers a mode shows. */
export interface IShownLayers {
  a: boolean;
  b: boolean;
  agreement: boolean;
}

/** The layers a mode shows (the others are hidden, and not painted). */
export function shownLayers(mode: CompareMode): IShownLayers {
  return {
    a: mode !== 'b' && mode !== 'agreement',
    b: mode !== 'a' && mode !== 'agreement',
    agreement: mode === 'agreement'
  };
}

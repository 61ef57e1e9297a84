/**
 * The comparison's three painted layers (A's masks, B's masks, the agreement
 * map): their names, their keys in the worker and their styles.
 */
import { ORGANS, OrganKey } from '../core';
import { IMaskStyle, organRgb } from '../common';
import { IChexmaskSettings } from '../settings';
import { AGREEMENT_COLORS } from './agreement-colors';
import { IAgreementStyle } from './agreement-painter';
import { ICompareState } from './state';

/** The three painted layers. */
export type LayerName = 'a' | 'b' | 'agreement';

/** The layers' keys in the worker (`null`: painted on this thread). */
export type LayerKeys = Record<LayerName, number | null>;

/** The styles of the layers for a state and the settings. */
export interface ILayerStyles {
  a: IMaskStyle;
  b: IMaskStyle;
  agreement: IAgreementStyle;
}

/**
 * The layers' styles: A and B filled in the organ colours, or, both
 * outlined, each outlined in its source's colour (the agreement map's "only
 * A" and "only B" colours); the agreement map in the class colours.
 */
export function layerStyles(
  state: ICompareState,
  settings: IChexmaskSettings
): ILayerStyles {
  const visible = { ...state.visible };
  const side = (kind: 'onlyA' | 'onlyB'): IMaskStyle =>
    state.mode === 'outlines'
      ? {
          colors: allOrgans(AGREEMENT_COLORS[kind].rgb),
          visible,
          opacity: 1,
          mode: 'outline'
        }
      : {
          colors: organRgb(settings.colors),
          visible,
          opacity: state.opacity,
          mode: 'filled'
        };
  return {
    a: side('onlyA'),
    b: side('onlyB'),
    agreement: {
      colors: {
        both: AGREEMENT_COLORS.both.rgb,
        onlyA: AGREEMENT_COLORS.onlyA.rgb,
        onlyB: AGREEMENT_COLORS.onlyB.rgb
      },
      visible,
      opacity: state.opacity
    }
  };
}

/** One colour for every organ (an outline in its source's colour). */
function allOrgans(
  rgb: [number, number, number]
): Record<OrganKey, [number, number, number]> {
  const out = {} as Record<OrganKey, [number, number, number]>;
  for (const organ of ORGANS) {
    out[organ.key] = rgb;
  }
  return out;
}

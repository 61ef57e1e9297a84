import { ORGANS, OrganKey } from '../core';
import { DEFAULT_SETTINGS } from '../settings';
import { parseColor, Rgb } from './colors';

/**
 * The organ colours of the settings as bytes for the painter. Settings are
 * user text: a colour that does not parse falls back to its default.
 */
export function organRgb(
  colors: Readonly<Record<OrganKey, string>>
): Record<OrganKey, Rgb> {
  const rgb = {} as Record<OrganKey, Rgb>;
  for (const organ of ORGANS) {
    const fallback = parseColor(
      DEFAULT_SETTINGS.colors[organ.key],
      Private.GREY
    );
    rgb[organ.key] = parseColor(colors[organ.key], fallback);
  }
  return rgb;
}

namespace Private {
  /** The colour of last resort, for a default that would not parse. */
  export const GREY: Rgb = [128, 128, 128];
}

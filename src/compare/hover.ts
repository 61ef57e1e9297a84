import { ORGANS, OrganKey, runsContain } from '../core';
import { agreementClassText } from './agreement-colors';

/** What the hover readout looks at. */
export interface ICompareHoverScene {
  labels: [string, string];
  height: number;
  width: number;
  a: Record<OrganKey, Int32Array>;
  b: Record<OrganKey, Int32Array>;
  visible: Record<OrganKey, boolean>;
}

/**
 * The hover readout at a point in mask pixels (fractional): the pixel and,
 * for each visible organ either side holds there, which source(s) hold it
 * (a binary search in the runs, so no decoded mask is needed); `null`
 * outside the masks.
 */
export function compareHover(
  scene: ICompareHoverScene,
  fx: number,
  fy: number
): string | null {
  const x = Math.floor(fx);
  const y = Math.floor(fy);
  if (x < 0 || y < 0 || x >= scene.width || y >= scene.height) {
    return null;
  }
  const index = y * scene.width + x;
  const parts: string[] = [];
  for (const organ of ORGANS) {
    if (!scene.visible[organ.key]) {
      continue;
    }
    const inA = runsContain(scene.a[organ.key], index);
    const inB = runsContain(scene.b[organ.key], index);
    if (inA || inB) {
      const kind = inA && inB ? 'both' : inA ? 'onlyA' : 'onlyB';
      parts.push(`${organ.label} ${agreementClassText(kind, scene.labels)}`);
    }
  }
  const [la, lb] = scene.labels;
  return `x ${x}, y ${y}: ${parts.length ? parts.join('; ') : `no organ in ${la} or ${lb}`}`;
}

/**
 * Test helper: hostile version-2 landmark payloads (the rows as columns,
 * their landmarks packed), run through the view by hostile-landmarks.spec.ts
 * and sampled by payload-schemas.spec.ts: every column's type and length,
 * the packed string's length and alphabet, each row's fields named by
 * column and index, and markup in the columns shown as text.
 */
import {
  deeplyNested,
  errorCase,
  IHostileCase,
  paintedCase,
  XSS_STRINGS
} from './hostile-cases';
import { landmarkPayloadV2 } from './valid-payloads';

/** A version-2 payload of `rows` rows with `changes` to its top level (undefined deletes). */
function packed(changes: Record<string, unknown>, rows = 2) {
  return () => {
    const payload = { ...landmarkPayloadV2(rows), ...changes };
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) {
        delete payload[key];
      }
    }
    return payload;
  };
}

export const PACKED: IHostileCase[] = [
  paintedCase('v2 of 2 rows', packed({})),
  paintedCase(
    'v2 without ids, datasets, sizes or σ',
    packed({
      ids: undefined,
      datasets: null,
      heights: undefined,
      widths: null,
      groupBy: null
    })
  ),
  paintedCase(
    'v2 groups ignored without a grouping',
    packed({ groupBy: null, groups: 5 })
  ),
  errorCase(
    'v2 rowCount missing',
    packed({ rowCount: undefined }),
    'rowCount',
    /got nothing/
  ),
  errorCase(
    'v2 rowCount as text',
    packed({ rowCount: '2' }),
    'rowCount',
    /got a string/
  ),
  errorCase(
    'v2 rowCount 10,001',
    packed({ rowCount: 10_001 }),
    'rowCount',
    /more than the 10,000/
  ),
  errorCase(
    'v2 landmarks missing',
    packed({ landmarks: undefined }),
    'landmarks',
    /must be text/
  ),
  errorCase(
    'v2 landmarks a number',
    packed({ landmarks: 7 }),
    'landmarks',
    /got a number/
  ),
  errorCase(
    'v2 landmarks nested 10⁵ levels',
    packed({ landmarks: deeplyNested(100_000) }),
    'landmarks',
    /must be text/
  ),
  errorCase(
    'v2 landmarks a row short',
    packed({ rowCount: 3 }),
    'landmarks',
    /must be 720 to 2,880 base64 characters/
  ),
  errorCase(
    'v2 landmarks with padding',
    () => {
      const payload = landmarkPayloadV2(2);
      const text = payload.landmarks as string;
      return { ...payload, landmarks: text.slice(0, -2) + '==' };
    },
    'landmarks',
    /is not base64: "="/
  ),
  errorCase(
    'v2 landmarks a number of 5 characters',
    () => {
      const payload = landmarkPayloadV2(2);
      const text = payload.landmarks as string;
      return { ...payload, landmarks: 'gggg' + text.slice(4) };
    },
    'landmarks',
    /more than 4 characters at character 4/
  ),
  errorCase(
    'v2 landmarks ending inside a row',
    () => {
      const payload = landmarkPayloadV2(2);
      const text = payload.landmarks as string;
      // Its last number goes on ("g": no bits, more to come) past the end.
      return { ...payload, landmarks: `${text.slice(0, -1)}g` };
    },
    'landmarks',
    /ends inside row 1 \(counting from 0\) of 2/
  ),
  errorCase(
    'v2 landmarks going on after the last row',
    () => {
      const payload = landmarkPayloadV2(2);
      return { ...payload, landmarks: `${String(payload.landmarks)}AA` };
    },
    'landmarks',
    /goes on for 2 characters after the last of its 2 rows/
  ),
  errorCase(
    'v2 a coordinate beyond 16 bits',
    () => {
      const payload = landmarkPayloadV2(2);
      // Row 0's x0 = 32,767 ("+//B"), y0 = 0, then x steps by +1 ("C").
      const row = '+//B' + 'A' + 'C' + 'A'.repeat(237);
      return { ...payload, landmarks: row + row };
    },
    'landmarks',
    /landmark 1's x decodes to 32,768/
  ),
  errorCase(
    'v2 landmarks of markup',
    () => {
      const payload = landmarkPayloadV2(2);
      const markup = XSS_STRINGS[0];
      const text = payload.landmarks as string;
      return { ...payload, landmarks: markup + text.slice(markup.length) };
    },
    'landmarks',
    /character 1 is not base64: "<"/
  ),
  errorCase('v2 ids one short', packed({ ids: ['a'] }), 'ids', /got 1 values/),
  errorCase(
    'v2 heights text',
    packed({ heights: '1024' }),
    'heights',
    /got a string/
  ),
  errorCase('v2 an id an object', packed({ ids: ['a', {}] }), 'ids[1]', /./),
  errorCase(
    'v2 a height of 0',
    packed({ heights: [16, 0] }),
    'heights[1]',
    /positive whole/
  ),
  errorCase(
    'v2 height × width of 10¹⁰',
    packed({ heights: [16, 100_000], widths: [16, 100_000] }),
    'heights[1]'
  ),
  errorCase(
    'v2 a group an object',
    packed({ groupBy: 'g', groups: ['a', { b: 1 }] }),
    'groups[1]'
  ),
  errorCase(
    'v2 65 groups',
    packed(
      {
        groupBy: 'g',
        groups: Array.from({ length: 65 }, (_, i) => `g${i}`)
      },
      65
    ),
    'groups[64]',
    /65th distinct group/
  ),
  ...XSS_STRINGS.slice(0, 2).map(text =>
    paintedCase(
      `v2 the id ${text} is text`,
      packed({ ids: [text, `${text}1`] }),
      {
        text: [text]
      }
    )
  )
];

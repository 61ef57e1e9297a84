/**
 * Test helper: row payloads changed in one place, for the hostile row tables
 * (hostile-row-cases.ts and the σ and x-ray tables beside it).
 */
import { changedAt } from './hostile-cases';
import { rowPayload, smallRow } from './valid-payloads';

/** A row payload whose row has `changes` (undefined deletes a column). */
export const row = changedAt(rowPayload, ['row']);

/** A row payload whose `image` field is `value`. */
export function image(value: unknown) {
  return () => rowPayload(smallRow(), { image: value });
}

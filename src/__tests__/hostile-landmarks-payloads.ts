/**
 * Test helper: the landmark plot's payloads with changes, for its hostile
 * cases (hostile-landmarks-*.ts) and the schema tables.
 */
import { changedAt, withChanges } from './hostile-cases';
import {
  landmarkPayload,
  landmarkPayloadWithRow,
  smallLandmarks,
  smallRow
} from './valid-payloads';

type Json = Record<string, unknown>;

/** The two-row payload with `changes` to the top level (undefined deletes). */
export const plotTop = changedAt(landmarkPayload, []);

/** The two-row payload with `changes` to its first row. */
export const plotRow = changedAt(landmarkPayload, ['rows', 0]);

/** A one-row payload whose CSV row (the mask underlay) has `changes`. */
export function underlay(changes: Json) {
  return () => landmarkPayloadWithRow(withChanges(smallRow(), changes));
}

export const LANDMARKS = smallLandmarks();
export const NUMBERS = LANDMARKS.split(',').map(Number);

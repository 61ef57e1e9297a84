/**
 * @jest-environment jsdom
 */
/**
 * Issue 7, row overlay: the hostile payloads of hostile-row-cases.ts through
 * `RowOverlayView.renderModel` (see hostile-runner.ts for what every case
 * must satisfy).
 */
import { ROW_CASES } from './hostile-row-cases';
import { describeHostileCases } from './hostile-runner';

describeHostileCases('row', ROW_CASES);

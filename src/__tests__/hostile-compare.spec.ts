/**
 * @jest-environment jsdom
 */
/**
 * Issue 16, compare view: the hostile payloads of hostile-compare-cases.ts
 * through `CompareView.renderModel` (see hostile-runner.ts for what every
 * case must satisfy).
 */
import { COMPARE_CASES } from './hostile-compare-cases';
import { describeHostileCases } from './hostile-runner';

describeHostileCases('compare', COMPARE_CASES);

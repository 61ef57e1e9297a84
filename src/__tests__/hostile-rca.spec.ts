/**
 * @jest-environment jsdom
 */
/**
 * Issue 7, RCA histogram: the hostile payloads of hostile-rca-cases.ts
 * through `RcaHistogramView.renderModel` (see hostile-runner.ts for what
 * every case must satisfy).
 */
import { RCA_CASES } from './hostile-rca-cases';
import { describeHostileCases } from './hostile-runner';

describeHostileCases('rca', RCA_CASES);

/**
 * @jest-environment jsdom
 */
/**
 * Issue 17, histogram of any column: the hostile payloads of
 * hostile-histogram-cases.ts through `HistogramView.renderModel` (see
 * hostile-runner.ts for what every case must satisfy).
 */
import { HISTOGRAM_CASES } from './hostile-histogram-cases';
import { describeHostileCases } from './hostile-runner';

describeHostileCases('histogram', HISTOGRAM_CASES);

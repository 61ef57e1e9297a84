/**
 * @jest-environment jsdom
 */
/**
 * Issue 7, landmark plot: the hostile payloads of hostile-landmarks-cases.ts
 * through `LandmarkPlotView.renderModel` (see hostile-runner.ts for what
 * every case must satisfy).
 */
import { LANDMARK_CASES } from './hostile-landmarks-cases';
import { describeHostileCases } from './hostile-runner';

describeHostileCases('landmarks', LANDMARK_CASES);

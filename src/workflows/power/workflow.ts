/**
 * `/site sleep` and `/site wake` as workflows on the engine: each checks the record, then
 * stops (or starts) the web servers and the DB side by side; onFinish keeps `env.meta.power`.
 */
import { implementOutline } from '../engine/outline';
import type { WorkflowDefinition } from '../engine/types';
import type { PowerDeps } from './deps';
import { sleepOnFinish, wakeOnFinish } from './finish';
import { checkStep } from './kit';
import { SLEEP_OUTLINE, WAKE_OUTLINE } from './outline';
import { stopDbStep, stopWebStep } from './sleep-steps';
import { siteAnswersStep, startDbStep, startWebStep, targetsHealthyStep } from './wake-steps';

export const sleepWorkflow: WorkflowDefinition<PowerDeps> = {
  kind: 'sleep',
  steps: implementOutline(SLEEP_OUTLINE, [checkStep(SLEEP_OUTLINE, 'sleep'), stopWebStep, stopDbStep]),
  onFinish: sleepOnFinish,
};

export const wakeWorkflow: WorkflowDefinition<PowerDeps> = {
  kind: 'wake',
  steps: implementOutline(WAKE_OUTLINE, [
    checkStep(WAKE_OUTLINE, 'wake'),
    startDbStep,
    startWebStep,
    targetsHealthyStep,
    siteAnswersStep,
  ]),
  onFinish: wakeOnFinish,
};

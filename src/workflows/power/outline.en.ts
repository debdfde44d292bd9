/** The sleep and wake steps in English (titles), beside ./outline.ts. Japanese: ./outline.ja.ts. */
import type { StepTexts } from '../../i18n/explain';
import type { SleepStepId, WakeStepId } from './outline';

export const SLEEP_STEPS_EN: StepTexts<SleepStepId> = {
  check: { title: 'Check the environment can sleep' },
  'stop-web': { title: 'Stop both web servers' },
  'stop-db': { title: 'Stop the DB instance' },
};

export const WAKE_STEPS_EN: StepTexts<WakeStepId> = {
  check: { title: 'Check the environment can wake' },
  'start-db': { title: 'Start the DB instance and wait until available' },
  'start-web': { title: 'Start both web servers' },
  'targets-healthy': { title: 'Wait for both targets healthy' },
  'site-answers': { title: 'Check the site answers 200' },
};

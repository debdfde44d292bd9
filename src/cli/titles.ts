/** Step id → human title, per run kind, in each workflow's order (for the progress renderers). */
import type { Texts } from '../i18n/texts';
import type { RunKind } from '../state/types';
import { stepsFor } from '../bot/workflow-steps';

export function stepTitles(t: Texts, kind: RunKind): ReadonlyMap<string, string> {
  return new Map(stepsFor(t, kind).map((s) => [s.id, s.title]));
}

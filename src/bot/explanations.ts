/**
 * The explanations of a run's steps (create, failover): each step's text from the catalogue, with
 * the facts of that run (names, AZs, ids, the probe's pace) or, for `/site explain <step>`, of a
 * run that has not happened (the default settings, `<env>` for the name). Shared by `--explain`
 * (the progress sink, one per step as it starts) and `/site explain` (privately, or afterwards in
 * an env's thread). Loads no AWS client.
 */
import type { Explanation } from '../i18n/explain';
import type { Lang } from '../i18n/locale';
import type { Texts } from '../i18n/texts';
import type { Run, RunKind, StepState } from '../state/types';
import { DEFAULT_CREATE_CONFIG, type CreateConfig } from '../workflows/create/deps';
import { createFacts } from '../workflows/create/explain-facts';
import type { FailoverConfig } from '../workflows/failover/deps';
import { failoverFacts } from '../workflows/failover/explain-facts';
import { DEFAULT_PROBE_SETTINGS } from '../workflows/failover/prober';
import { DEFAULT_OBJECTIVES } from '../workflows/failover/report';
import { EXPLAINED_KINDS, WORKFLOW_OUTLINES } from '../workflows/outlines';
import { langOfRun } from './language';

export type ExplainedKind = (typeof EXPLAINED_KINDS)[number];

/** The settings explanations cite: where and how the stack is built, how a drill probes. */
export interface ExplainSettings {
  create: Pick<CreateConfig, 'region' | 'azs' | 'instanceType' | 'dbClass' | 'engineVersion'>;
  failover: Pick<FailoverConfig, 'intervalMs' | 'objectives'>;
}

export const DEFAULT_FAILOVER_EXPLAIN: ExplainSettings['failover'] = {
  intervalMs: DEFAULT_PROBE_SETTINGS.intervalMs,
  objectives: DEFAULT_OBJECTIVES,
};

/** One step explained: its id, title and text, and how it went in the run (absent: no run). */
export interface StepExplanation {
  kind: ExplainedKind;
  id: string;
  title: string;
  explanation: Explanation;
  state?: StepState;
}

export function isExplainedKind(kind: RunKind): kind is ExplainedKind {
  return (EXPLAINED_KINDS as readonly RunKind[]).includes(kind);
}

type RunFacts = Pick<Run, 'env' | 'params' | 'steps'>;

/** One step's explanation in `t`'s language, with `run`'s facts; undefined for a step without one. */
function explainStep(
  t: Texts,
  kind: ExplainedKind,
  id: string,
  run: RunFacts,
  settings: ExplainSettings,
): Omit<StepExplanation, 'state'> | undefined {
  if (kind === 'create') {
    const text = (t.steps.create as Partial<Record<string, Texts['steps']['create']['vpc']>>)[id];
    return (
      text && { kind, id, title: text.title, explanation: text.explain(createFacts(run, settings.create)) }
    );
  }
  const text = (t.steps.failover as Partial<Record<string, Texts['steps']['failover']['preflight']>>)[id];
  return (
    text && { kind, id, title: text.title, explanation: text.explain(failoverFacts(run, settings.failover)) }
  );
}

/** The steps of `run` that have started (not pending), in the outline's order, explained. */
export function startedStepExplanations(t: Texts, run: Run, settings: ExplainSettings): StepExplanation[] {
  if (!isExplainedKind(run.kind)) return [];
  const kind = run.kind;
  return WORKFLOW_OUTLINES[kind].steps.flatMap((s) => {
    const state = run.steps[s.id];
    if (!state || state.status === 'pending') return [];
    const e = explainStep(t, kind, s.id, run, settings);
    return e ? [{ ...e, state }] : [];
  });
}

/** A run that has not happened, for `/site explain <step>`: the default settings and `<env>`. */
const NO_RUN: RunFacts = { env: '<env>', params: {}, steps: {} };

/** Every explained step named `id` (`preflight` is one of create and one of the drill). */
export function explainStepById(t: Texts, id: string, settings: ExplainSettings): StepExplanation[] {
  return EXPLAINED_KINDS.flatMap((kind) => {
    const e = explainStep(t, kind, id, NO_RUN, settings);
    return e ? [e] : [];
  });
}

/** Every explained step, by workflow, with its title (`/site explain`). */
export function explainedSteps(t: Texts): { kind: ExplainedKind; steps: { id: string; title: string }[] }[] {
  return EXPLAINED_KINDS.map((kind) => {
    const texts = t.steps[kind] as Readonly<Record<string, { title: string }>>;
    return {
      kind,
      steps: WORKFLOW_OUTLINES[kind].steps.map((s) => ({ id: s.id, title: texts[s.id].title })),
    };
  });
}

/**
 * The outbox id of a step's explanation in a run's thread: one per step, so it is posted once
 * whoever asks (`--explain` as the run goes, `/site explain <env>` later). In another language
 * than the run's it is another message (a Japanese reader asking about an English run).
 */
export function explanationMessageId(run: Run, stepId: string, lang: Lang, workspaceLang: Lang): string {
  const base = `explain#${run.runId}#${stepId}`;
  return lang === (langOfRun(run) ?? workspaceLang) ? base : `${base}#${lang}`;
}

/** The create settings as far as a run's record tells (its region and AZs), else the defaults. */
export function explainSettingsOfRun(run: Run): ExplainSettings {
  const azs = run.steps.subnets?.outputs?.azs;
  const region = typeof run.params.region === 'string' ? run.params.region : 'ap-northeast-1';
  return {
    create: {
      ...DEFAULT_CREATE_CONFIG,
      region,
      azs:
        Array.isArray(azs) && azs.length === 2
          ? [String(azs[0]), String(azs[1])]
          : [`${region}a`, `${region}c`],
    },
    failover: DEFAULT_FAILOVER_EXPLAIN,
  };
}

/**
 * What a step's text is: its title, and for the steps of the hands-on (create, failover) a short
 * explanation built from this run's facts. Written by us, in each language, beside the step's
 * outline (src/workflows/<kind>/outline.<lang>.ts); shown by `--explain` and `/site explain`.
 */

/** One AWS documentation page, in the reader's language. */
export interface DocLink {
  title: string;
  url: string;
}

export interface Explanation {
  /** What the step creates or does, with this run's names and numbers. */
  what: string;
  /** Why it exists, or why it must wait for something. */
  why: string;
  /** The hands-on section it corresponds to, and what was done there. */
  handsOn: string;
  /** What the hands-on did differently and why sitebot's default is safer (absent: the same). */
  differs?: string;
  doc: DocLink;
}

export interface StepText {
  title: string;
}

export interface ExplainedStepText<Facts> extends StepText {
  explain(facts: Facts): Explanation;
}

/** Every step of a workflow has a text; `Ids` is its outline's step ids. */
export type StepTexts<Ids extends string> = Readonly<Record<Ids, StepText>>;
export type ExplainedStepTexts<Ids extends string, Facts> = Readonly<Record<Ids, ExplainedStepText<Facts>>>;

/** The AWS documentation in English, and its Japanese edition (same path under /ja_jp/). */
export function awsDoc(path: string, lang: 'en' | 'ja'): string {
  return `https://docs.aws.amazon.com/${lang === 'ja' ? 'ja_jp/' : ''}${path}`;
}

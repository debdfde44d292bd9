/**
 * How a run speaks, kept in its params so every later message (progress, thread, report,
 * explanations) reads it back: the language of whoever started it, and whether it explains its
 * steps. A scheduled run has no starter: it records nothing and speaks the workspace's language.
 */
import { isLang, type Lang } from './locale';

export interface RunVoice {
  /** The starter's language; absent: the workspace's (`SITEBOT_LANG`). */
  lang?: Lang;
  /** `--explain`: one explanation per step in the run's thread as it starts. */
  explain?: boolean;
}

/** The params fields a run records for its voice (nothing for the defaults). */
export function voiceParams(voice: RunVoice | undefined): Record<string, unknown> {
  return {
    ...(voice?.lang ? { lang: voice.lang } : {}),
    ...(voice?.explain ? { explain: true } : {}),
  };
}

/** Read back from a run's params, trusting nothing (a record written by another version). */
export function voiceOf(params: Readonly<Record<string, unknown>>): RunVoice {
  return {
    ...(isLang(params.lang) ? { lang: params.lang } : {}),
    ...(params.explain === true ? { explain: true } : {}),
  };
}

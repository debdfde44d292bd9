/**
 * The environment-name rule `/site` and `sitebot` share. Names end up in RDS identifiers and
 * ALB/target-group names (32 characters) with suffixes such as `-tg`, hence 3–20 characters.
 * The rule's words are the catalogue's (`grammar.envNameRule`); each check's message is the key
 * of its problem, said by `envNameProblem`.
 */
import { z } from 'zod';
import { say, type Said, type SaidKey } from '../i18n/said';

const PROBLEMS = {
  short: 'grammar.envTooShort',
  long: 'grammar.envTooLong',
  chars: 'grammar.envChars',
  start: 'grammar.envStart',
  end: 'grammar.envEnd',
  double: 'grammar.envDoubleHyphen',
} as const satisfies Record<string, SaidKey>;

export const envNameSchema = z
  .string()
  .min(3, PROBLEMS.short)
  .max(20, PROBLEMS.long)
  .regex(/^[a-z0-9-]*$/, PROBLEMS.chars)
  .regex(/^[a-z]/, PROBLEMS.start)
  .refine((s) => !s.endsWith('-'), PROBLEMS.end)
  .refine((s) => !s.includes('--'), PROBLEMS.double);

const KNOWN: readonly string[] = Object.values(PROBLEMS);

/** The problem a failed `envNameSchema` check reports (its message is the problem's key). */
export function envNameProblem(message: string | undefined): Said {
  return message !== undefined && KNOWN.includes(message)
    ? say(message as (typeof PROBLEMS)[keyof typeof PROBLEMS])
    : say('grammar.envInvalid');
}

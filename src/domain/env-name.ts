/**
 * The environment-name rule `/site` and `sitebot` share. Names end up in RDS identifiers and
 * ALB/target-group names (32 characters) with suffixes such as `-tg`, hence 3–20 characters.
 */
import { z } from 'zod';

/** The rule in words, for help texts and errors. */
export const ENV_NAME_RULE =
  '3–20 characters: lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen';

export const envNameSchema = z
  .string()
  .min(3, 'is shorter than 3 characters')
  .max(20, 'is longer than 20 characters')
  .regex(/^[a-z0-9-]*$/, 'may only contain lowercase letters, digits and hyphens')
  .regex(/^[a-z]/, 'must start with a letter')
  .refine((s) => !s.endsWith('-'), 'must not end with a hyphen')
  .refine((s) => !s.includes('--'), 'must not contain a double hyphen');

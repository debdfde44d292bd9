/**
 * IAM's rules for policy documents and paths, as CreateRole, PutRolePolicy and CreatePolicy
 * enforce them (IAM User Guide, "IAM and AWS STS quotas"; API reference, `Path`).
 */
import { iamErrors } from './errors';

/** A role's inline policies together: at most this many characters. */
export const ROLE_INLINE_POLICIES_MAX = 10_240;
/** One managed policy: at most this many characters. */
export const MANAGED_POLICY_MAX = 6_144;

/** `/`, or `/` + printable ASCII + `/`, at most 512 characters. */
const PATH = /^(\/|\/[\u0021-\u007e]+\/)$/;

export function checkPath(path: string | undefined): string {
  const p = path ?? '/';
  if (!PATH.test(p) || p.length > 512) {
    throw iamErrors.validation(
      'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.',
    );
  }
  return p;
}

/** A JSON document with a Statement; returned as given. */
export function checkPolicy(document: string | undefined): string {
  if (!document) throw iamErrors.malformedPolicy('Policy document is missing.');
  try {
    const parsed = JSON.parse(document) as { Statement?: unknown };
    if (!parsed.Statement) throw new Error('no Statement');
  } catch {
    throw iamErrors.malformedPolicy('Syntax errors in policy.');
  }
  return document;
}

/** IAM's size of a policy: white space outside strings is not counted. */
export function policySize(document: string): number {
  return JSON.stringify(JSON.parse(document)).length;
}

/** A managed policy's ARN: `arn:<partition>:iam::<account>|aws:policy<path><name>`. */
export function parsePolicyArn(arn: string): { account: string; path: string; name: string } {
  const m = /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy(\/(?:[\u0021-\u007e]*\/)?)([\w+=,.@-]+)$/.exec(arn);
  if (!m) throw iamErrors.invalidInput(`ARN ${arn} is not valid.`);
  return { account: m[1], path: m[2], name: m[3] };
}

/**
 * A small IAM policy evaluator for the deploy tests: enough of IAM's evaluation logic to ask
 * "may this role make this request?" of the policies serverless.yml generates.
 *
 * What it does (IAM User Guide, "Policy evaluation logic" and "IAM JSON policy elements"):
 * - Effect Allow / Deny; an explicit Deny anywhere wins, and nothing is allowed unless an Allow
 *   matches (implicit deny).
 * - Action / NotAction with `*` and `?` wildcards, case-insensitive.
 * - Resource / NotResource: ARNs compared segment by segment (partition, service, region,
 *   account, resource); `*` and `?` never cross a segment's `:` except in the resource segment.
 * - Condition operators: StringEquals, StringNotEquals, StringLike, StringNotLike, ArnEquals,
 *   ArnLike, ArnNotEquals, ArnNotLike, Null, Bool; the `IfExists` suffix; the ForAllValues: and
 *   ForAnyValue: set operators. Keys are case-insensitive, values case-sensitive. Several
 *   operators, and several keys within one, must all match; several values of one key are ORed.
 * - A permissions boundary: a request is allowed only if the identity policies allow it AND the
 *   boundary allows it (and neither denies it).
 *
 * What it leaves out, because the policies under test do not use it: policy variables, numeric
 * and date operators, resource-based policies, SCPs, sessions.
 */

export type Effect = 'Allow' | 'Deny';

export interface Statement {
  Sid?: string;
  Effect: Effect;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

export interface PolicyDocument {
  Version?: string;
  Statement: Statement | Statement[];
}

/** The request context: single values, or lists for multivalued keys (aws:TagKeys). */
export type ContextValue = string | readonly string[];

export interface AuthzRequest {
  action: string;
  resource: string;
  context?: Record<string, ContextValue>;
}

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** IAM's wildcard match: `*` any run of characters, `?` exactly one. */
export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, ignoreCase ? 'is' : 's').test(value);
}

export function actionMatches(pattern: string, action: string): boolean {
  return globMatch(pattern, action, true);
}

/** `arn:partition:service:region:account:resource`, the resource part keeping its own colons. */
function arnSegments(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

export function resourceMatches(pattern: string, resource: string): boolean {
  if (pattern === '*') return true;
  const p = arnSegments(pattern);
  const r = arnSegments(resource);
  if (!p || !r) return pattern === resource;
  return p.every((segment, i) => globMatch(segment, r[i]));
}

type Matcher = (policyValue: string, contextValue: string) => boolean;

const BASE_OPERATORS: Record<string, { match: Matcher; negated: boolean }> = {
  StringEquals: { match: (p, c) => p === c, negated: false },
  StringNotEquals: { match: (p, c) => p === c, negated: true },
  StringEqualsIgnoreCase: { match: (p, c) => p.toLowerCase() === c.toLowerCase(), negated: false },
  StringLike: { match: (p, c) => globMatch(p, c), negated: false },
  StringNotLike: { match: (p, c) => globMatch(p, c), negated: true },
  ArnEquals: { match: (p, c) => p === c, negated: false },
  ArnLike: { match: (p, c) => resourceMatches(p, c), negated: false },
  ArnNotEquals: { match: (p, c) => p === c, negated: true },
  ArnNotLike: { match: (p, c) => resourceMatches(p, c), negated: true },
  Bool: { match: (p, c) => p.toLowerCase() === c.toLowerCase(), negated: false },
};

function contextLookup(context: Record<string, ContextValue>, key: string): string[] | undefined {
  const wanted = key.toLowerCase();
  for (const [k, v] of Object.entries(context)) {
    if (k.toLowerCase() === wanted) return typeof v === 'string' ? [v] : [...v];
  }
  return undefined;
}

/** One `"Operator": { key: values }` block: every key must match. */
function conditionBlockMatches(
  operator: string,
  keys: Record<string, string | string[] | boolean>,
  context: Record<string, ContextValue>,
): boolean {
  const setOp = /^(ForAllValues|ForAnyValue):/.exec(operator)?.[1];
  let name = setOp ? operator.slice(setOp.length + 1) : operator;
  const ifExists = name.endsWith('IfExists');
  if (ifExists) name = name.slice(0, -'IfExists'.length);

  return Object.entries(keys).every(([key, raw]) => {
    const policyValues = list(raw).map(String);
    const present = contextLookup(context, key);
    if (name === 'Null') {
      // "true": the key must be absent; "false": present.
      return policyValues.some((v) => (v === 'true') === (present === undefined));
    }
    const op = BASE_OPERATORS[name];
    if (!op) throw new Error(`condition operator not supported by the test evaluator: ${operator}`);
    const matchesAny = (c: string) => policyValues.some((p) => op.match(p, c));

    if (setOp === 'ForAllValues') {
      // Every value in the request matches; vacuously true for an absent or empty key.
      if (!present || present.length === 0) return true;
      return present.every((c) => (op.negated ? !matchesAny(c) : matchesAny(c)));
    }
    if (setOp === 'ForAnyValue') {
      if (!present || present.length === 0) return false;
      return present.some((c) => (op.negated ? !matchesAny(c) : matchesAny(c)));
    }
    if (present === undefined) return ifExists || op.negated;
    // A single-valued operator on a key: true if the (first) value matches.
    return present.some((c) => (op.negated ? !matchesAny(c) : matchesAny(c)));
  });
}

export function statementApplies(s: Statement, req: AuthzRequest): boolean {
  const actionHit =
    s.Action !== undefined
      ? list(s.Action).some((a) => actionMatches(a, req.action))
      : !list(s.NotAction).some((a) => actionMatches(a, req.action));
  if (!actionHit) return false;
  const resourceHit =
    s.Resource !== undefined
      ? list(s.Resource).some((r) => resourceMatches(r, req.resource))
      : !list(s.NotResource).some((r) => resourceMatches(r, req.resource));
  if (!resourceHit) return false;
  const context = req.context ?? {};
  return Object.entries(s.Condition ?? {}).every(([op, keys]) => conditionBlockMatches(op, keys, context));
}

function statementsOf(policies: readonly PolicyDocument[]): Statement[] {
  return policies.flatMap((p) => list(p.Statement));
}

/** One set of policies' decision: explicit deny, allow, or implicit deny. */
export function decide(policies: readonly PolicyDocument[], req: AuthzRequest): Decision {
  const hits = statementsOf(policies).filter((s) => statementApplies(s, req));
  if (hits.some((s) => s.Effect === 'Deny')) return 'ExplicitDeny';
  return hits.some((s) => s.Effect === 'Allow') ? 'Allow' : 'ImplicitDeny';
}

export interface Principal {
  /** Identity-based policies: the role's inline and attached managed policies. */
  policies: readonly PolicyDocument[];
  /** The role's permissions boundary, if it has one. */
  boundary?: PolicyDocument;
}

/** The effective decision: identity policies intersected with the boundary. */
export function evaluate(principal: Principal, req: AuthzRequest): Decision {
  const identity = decide(principal.policies, req);
  if (!principal.boundary) return identity;
  const bounded = decide([principal.boundary], req);
  if (identity === 'ExplicitDeny' || bounded === 'ExplicitDeny') return 'ExplicitDeny';
  return identity === 'Allow' && bounded === 'Allow' ? 'Allow' : 'ImplicitDeny';
}

/** The Sids (or indexes) of the Allow statements that match: which rule lets a request through. */
export function allowedBy(policies: readonly PolicyDocument[], req: AuthzRequest): string[] {
  return statementsOf(policies)
    .map((s, i) => ({ s, id: s.Sid ?? `#${i}` }))
    .filter(({ s }) => s.Effect === 'Allow' && statementApplies(s, req))
    .map(({ id }) => id);
}

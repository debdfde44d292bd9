/**
 * `sitebot init`: gets an account ready for sitebot and says what it found. It creates the
 * DynamoDB tables that are missing (a second run finds them all and changes nothing), then
 * checks, all at once: the credentials (EC2 answers a signed call), the region and the two AZs,
 * the service-linked roles RDS and Elastic Load Balancing need (present, or made by AWS on the
 * first create, for a caller allowed iam:CreateServiceLinkedRole), and the create's preflight
 * (quotas and offerings). Exit 0: ready; 3: a create would be refused now; 1: something failed.
 */
import { errorCode } from '../../aws/errors';
import { ensureTables, type EnsuredTables } from '../../state';
import { evaluatePreflight, formatPreflight, gatherAccountFacts } from '../../workflows/create/preflight';
import { errorMessage, type CliContext, type CliIo } from '../context';
import { EXIT } from './follow';

/** The service-linked roles AWS makes on the first CreateDBInstance and CreateLoadBalancer. */
export const SERVICE_LINKED_ROLES = [
  { service: 'RDS', role: 'AWSServiceRoleForRDS' },
  { service: 'Elastic Load Balancing', role: 'AWSServiceRoleForElasticLoadBalancing' },
] as const;

/** Codes that mean the credentials themselves were refused (not a missing permission). */
const REJECTED = new Set([
  'AuthFailure',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
]);

/** Why EC2 did not answer, in a few words. */
function credentialsProblem(err: unknown): string {
  const code = errorCode(err);
  if (code === 'CredentialsProviderError') return 'no AWS credentials found';
  return code && REJECTED.has(code) ? 'AWS refused the credentials' : 'AWS did not answer';
}

/** A line in the column layout of formatPreflight: the mark padded, then the text. */
const line = (mark: 'ok' | 'FAILED' | 'not checked', text: string) => `${mark.padEnd(11)} ${text}`;

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

const settle = <T>(p: Promise<T>): Promise<Outcome<T>> =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

function tablesLine(outcome: Outcome<EnsuredTables>): string {
  if (!outcome.ok) return line('FAILED', `tables: ${errorMessage(outcome.error)}`);
  const { created, present } = outcome.value;
  if (created.length === 0)
    return line('ok', `tables: all ${present.length} present (${present.join(', ')})`);
  const already = present.length > 0 ? `; ${present.join(', ')} already there` : '';
  return line('ok', `tables: created ${created.join(', ')}${already}`);
}

async function roleLine(ctx: CliContext, service: string, role: string): Promise<string> {
  try {
    const found = await ctx.runtime.deps.iam.findRole(role);
    if (found) return line('ok', `${service} service-linked role ${role}: present`);
    return line(
      'ok',
      `${service} service-linked role ${role}: not yet; AWS creates it on the first create ` +
        `(the caller needs iam:CreateServiceLinkedRole for it)`,
    );
  } catch (err) {
    return line('not checked', `${service} service-linked role ${role}: ${errorMessage(err)}`);
  }
}

export async function runInit(io: CliIo, ctx: CliContext): Promise<number> {
  const { config } = ctx;
  const settings = ctx.runtime.createConfig;
  io.stdout.write(
    `sitebot init: region ${config.region}, AZs ${config.azs.join(' and ')}, tables ${config.tablePrefix}-*\n`,
  );
  // AWS is slower than dynalite to make a table: wait up to 5 minutes for each.
  const [tables, attributes, facts, roles] = await Promise.all([
    settle(ensureTables(ctx.clients.dynamodb, config.tablePrefix, 300)),
    settle(ctx.runtime.deps.limits.ec2Attributes()),
    gatherAccountFacts(ctx.runtime.deps.limits, settings),
    Promise.all(SERVICE_LINKED_ROLES.map((r) => roleLine(ctx, r.service, r.role))),
  ]);
  const lines = [tablesLine(tables)];
  if (!attributes.ok) {
    const what = credentialsProblem(attributes.error);
    lines.push(
      line('FAILED', `credentials: ${what}: ${errorMessage(attributes.error)}; account checks skipped`),
    );
    io.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.failed;
  }
  const platforms = attributes.value['supported-platforms']?.join(', ') ?? 'unknown';
  const defaultVpc = attributes.value['default-vpc']?.join(', ') ?? 'unknown';
  lines.push(line('ok', `credentials: EC2 answered (platforms ${platforms}; default VPC ${defaultVpc})`));
  lines.push(
    facts.zones.ok
      ? line(
          'ok',
          `region ${config.region}: AZs ${facts.zones.value.map((z) => `${z.name} (${z.state})`).join(', ')}`,
        )
      : line('not checked', `region ${config.region}: ${facts.zones.error}`),
  );
  lines.push(...roles);
  const preflight = evaluatePreflight(facts, settings, 'now');
  lines.push(...formatPreflight(preflight));
  if (!tables.ok) {
    lines.push('not ready: the tables could not be made (see above)');
  } else if (!preflight.ok) {
    lines.push(`not ready: a create would be refused now: ${preflight.refusal}`);
  } else {
    lines.push('ready: sitebot create <env> can build here');
  }
  io.stdout.write(`${lines.join('\n')}\n`);
  if (!tables.ok) return EXIT.failed;
  return preflight.ok ? EXIT.ok : EXIT.refused;
}

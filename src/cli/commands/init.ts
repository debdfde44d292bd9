/**
 * `sitebot init`: gets an account ready for sitebot and says what it found. It creates the
 * DynamoDB tables that are missing (a second run finds them all and changes nothing), then
 * checks, all at once: the credentials (EC2 answers a signed call), the region and the two AZs,
 * the service-linked roles RDS and Elastic Load Balancing need (present, or made by AWS on the
 * first create, for a caller allowed iam:CreateServiceLinkedRole), and the create's preflight
 * (quotas and offerings). Exit 0: ready; 3: a create would be refused now; 1: something failed.
 */
import { errorCode } from '../../aws/errors';
import type { Texts } from '../../i18n/texts';
import { ensureTables, type EnsuredTables } from '../../state';
import { evaluatePreflight, gatherAccountFacts } from '../../workflows/create/preflight';
import { errorMessage, type CliContext, type CliIo } from '../context';
import { preflightLines } from '../preflight-lines';
import { cliTexts } from '../texts';
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
function credentialsProblem(t: Texts, err: unknown): string {
  const code = errorCode(err);
  if (code === 'CredentialsProviderError') return t.cli.noCredentials();
  return code && REJECTED.has(code) ? t.cli.credentialsRefused() : t.cli.noAnswer();
}

type Mark = Parameters<Texts['cli']['checkMark']>[0]['status'];

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

const settle = <T>(p: Promise<T>): Promise<Outcome<T>> =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

function tablesLine(t: Texts, outcome: Outcome<EnsuredTables>): string {
  const line = (status: Mark, text: string) => `${t.cli.checkMark({ status })} ${text}`;
  if (!outcome.ok) return line('failed', t.cli.tablesFailed({ message: errorMessage(outcome.error) }));
  const { created, present } = outcome.value;
  if (created.length === 0) return line('ok', t.cli.tablesPresent({ names: present }));
  return line('ok', t.cli.tablesCreated({ created, present }));
}

async function roleLine(t: Texts, ctx: CliContext, service: string, role: string): Promise<string> {
  const line = (status: Mark, text: string) => `${t.cli.checkMark({ status })} ${text}`;
  try {
    const found = await ctx.runtime.deps.iam.findRole(role);
    return line('ok', found ? t.cli.rolePresent({ service, role }) : t.cli.roleNotYet({ service, role }));
  } catch (err) {
    return line('unknown', t.cli.roleUnchecked({ service, role, message: errorMessage(err) }));
  }
}

export async function runInit(io: CliIo, ctx: CliContext): Promise<number> {
  const { config } = ctx;
  const settings = ctx.runtime.createConfig;
  const t = cliTexts(config);
  const line = (status: Mark, text: string) => `${t.cli.checkMark({ status })} ${text}`;
  io.stdout.write(
    `${t.cli.initHead({ region: config.region, azs: config.azs, prefix: config.tablePrefix })}\n`,
  );
  // AWS is slower than dynalite to make a table: wait up to 5 minutes for each.
  const [tables, attributes, facts, roles] = await Promise.all([
    settle(ensureTables(ctx.clients.dynamodb, config.tablePrefix, 300)),
    settle(ctx.runtime.deps.limits.ec2Attributes()),
    gatherAccountFacts(ctx.runtime.deps.limits, settings),
    Promise.all(SERVICE_LINKED_ROLES.map((r) => roleLine(t, ctx, r.service, r.role))),
  ]);
  const lines = [tablesLine(t, tables)];
  if (!attributes.ok) {
    const what = credentialsProblem(t, attributes.error);
    lines.push(line('failed', t.cli.credentialsFailed({ what, message: errorMessage(attributes.error) })));
    io.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.failed;
  }
  const platforms = attributes.value['supported-platforms'];
  const defaultVpc = attributes.value['default-vpc'];
  lines.push(line('ok', t.cli.credentialsOk({ platforms, defaultVpc })));
  lines.push(
    facts.zones.ok
      ? line('ok', t.cli.regionZones({ region: config.region, zones: facts.zones.value }))
      : line('unknown', t.cli.regionUnchecked({ region: config.region, error: t.said(facts.zones.error) })),
  );
  lines.push(...roles);
  const preflight = evaluatePreflight(facts, settings, 'now');
  lines.push(...preflightLines(t, preflight));
  if (!tables.ok) {
    lines.push(t.cli.notReadyTables());
  } else if (!preflight.ok) {
    lines.push(t.cli.notReadyRefused({ refusal: t.said(preflight.refusal) }));
  } else {
    lines.push(t.cli.ready());
  }
  io.stdout.write(`${lines.join('\n')}\n`);
  if (!tables.ok) return EXIT.failed;
  return preflight.ok ? EXIT.ok : EXIT.refused;
}

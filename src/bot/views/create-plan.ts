/**
 * `/site create <env> --dry-run`: the plan in parallel groups, with what it would cost and the
 * preflight's answer (where the bot can check: otherwise the create checks when it starts).
 * Nothing is created.
 */
import type { CostEstimate } from '../../cost/estimator';
import { formatCostSummary } from '../../domain/format';
import type { CreatePlan } from '../../workflows/create/plan';
import { describeInventory, inventoryOf, refsOfPlan, totalText } from '../../workflows/inventory';
import type { PreflightReport } from '../../workflows/create/preflight';
import { packLines } from './limits';
import { code, joinMd, mrkdwn, type Mrkdwn } from './mrkdwn';
import { context, ephemeral, header, section, type Block, type Reply } from './reply';

const CHECK_ICON = { ok: ':white_check_mark:', refused: ':no_entry:', unknown: ':grey_question:' } as const;

function preflightBlock(preflight: PreflightReport | undefined): Block {
  if (!preflight) {
    return context(mrkdwn`Quotas and offerings are checked when the create starts, before anything is made.`);
  }
  const head = preflight.ok
    ? mrkdwn`*Preflight:* the account has room and both AZs offer what this needs.`
    : mrkdwn`*Preflight: this create would be refused* (nothing would be made).`;
  const lines = preflight.checks.map((c) => mrkdwn`${CHECK_ICON[c.status]} ${c.text}`);
  return section(joinMd([head, ...lines], '\n'));
}

export function renderDryRun(
  plan: CreatePlan,
  estimate: CostEstimate | undefined,
  preflight?: PreflightReport,
): Reply {
  const groups: Mrkdwn[] = plan.groups.map((group, i) => {
    const title = mrkdwn`*${i + 1}.* ${group.map((s) => s.title).join(' ∥ ')}`;
    const resources = group.flatMap((s) =>
      s.resources.map((r) => mrkdwn`      + ${r.type} ${code(r.name)}${r.detail ? ` (${r.detail})` : ''}`),
    );
    return joinMd([title, ...resources], '\n');
  });
  const inventory = inventoryOf(refsOfPlan(plan.resources));
  const blocks: Block[] = [
    header(`Plan for ${plan.env} (dry run)`),
    section(
      mrkdwn`Region ${plan.region}, AZs ${plan.azs.join(', ')}, Multi-AZ: ${plan.multiAz}. Steps in one group run in parallel.`,
    ),
  ];
  for (const text of packLines(groups)) blocks.push(section(text));
  const cost = estimate
    ? mrkdwn`Estimated cost: ${formatCostSummary(estimate)}`
    : mrkdwn`Estimated cost: unknown (no prices for this region)`;
  blocks.push(section(cost));
  if (estimate) blocks.push(context(mrkdwn`${estimate.assumptions}`));
  blocks.push(preflightBlock(preflight));
  blocks.push(
    context(
      mrkdwn`${totalText(inventory)}: ${describeInventory(inventory)}. Nothing was created. Run ${code(`/site create ${plan.env}`)} without --dry-run to build it.`,
    ),
  );
  const refused = preflight && !preflight.ok ? ` The create would be refused: ${preflight.refusal}` : '';
  return ephemeral(
    mrkdwn`Plan for ${plan.env}: ${totalText(inventory)} in ${plan.groups.length} groups; ${cost}. Nothing was created.${refused}`,
    blocks,
  );
}

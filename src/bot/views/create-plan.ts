/**
 * `/site create <env> --dry-run`: the plan in parallel groups, with what it would cost and the
 * preflight's answer (where the bot can check: otherwise the create checks when it starts).
 * Nothing is created.
 */
import type { CostEstimate } from '../../cost/estimator';
import { formatCostSummary } from '../../cost/format';
import type { CreatePlan } from '../../workflows/create/plan';
import type { PreflightReport } from '../../workflows/create/preflight';
import { context, ephemeral, header, section, type Block, type Reply } from './reply';

const CHECK_ICON = { ok: ':white_check_mark:', refused: ':no_entry:', unknown: ':grey_question:' } as const;

function preflightBlock(preflight: PreflightReport | undefined): Block {
  if (!preflight) {
    return context('Quotas and offerings are checked when the create starts, before anything is made.');
  }
  const head = preflight.ok
    ? '*Preflight:* the account has room and both AZs offer what this needs.'
    : '*Preflight: this create would be refused* (nothing would be made).';
  const lines = preflight.checks.map((c) => `${CHECK_ICON[c.status]} ${c.text}`);
  return section([head, ...lines].join('\n').slice(0, 2900));
}

export function renderDryRun(
  plan: CreatePlan,
  estimate: CostEstimate | undefined,
  preflight?: PreflightReport,
): Reply {
  const groups = plan.groups.map((group, i) => {
    const title = `*${i + 1}.* ${group.map((s) => s.title).join(' ∥ ')}`;
    const resources = group.flatMap((s) =>
      s.resources.map((r) => `      + ${r.type} \`${r.name}\`${r.detail ? ` (${r.detail})` : ''}`),
    );
    return [title, ...resources].join('\n');
  });
  const blocks: Block[] = [
    header(`Plan for ${plan.env} (dry run)`),
    section(
      `Region ${plan.region}, AZs ${plan.azs.join(', ')}, Multi-AZ: ${plan.multiAz}. Steps in one group run in parallel.`,
    ),
  ];
  // A section's text is capped at 3000 characters: one block per few groups.
  for (let i = 0; i < groups.length; i += 3) blocks.push(section(groups.slice(i, i + 3).join('\n')));
  const cost = estimate
    ? `Estimated cost: ${formatCostSummary(estimate)}`
    : 'Estimated cost: unknown (no prices for this region)';
  blocks.push(section(cost));
  if (estimate) blocks.push(context(estimate.assumptions));
  blocks.push(preflightBlock(preflight));
  blocks.push(
    context(
      `${plan.resources.length} resources; nothing was created. Run \`/site create ${plan.env}\` without --dry-run to build it.`,
    ),
  );
  const refused = preflight && !preflight.ok ? ` The create would be refused: ${preflight.refusal}` : '';
  return ephemeral(
    `Plan for ${plan.env}: ${plan.resources.length} resources in ${plan.groups.length} groups; ${cost}. Nothing was created.${refused}`,
    blocks,
  );
}

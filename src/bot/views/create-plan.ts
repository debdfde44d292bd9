/**
 * `/site create <env> --dry-run`: the plan in parallel groups, with what it would cost and the
 * preflight's answer (where the bot can check: otherwise the create checks when it starts).
 * Nothing is created.
 */
import type { CostEstimate } from '../../cost/estimator';
import type { Texts } from '../../i18n/texts';
import type { CreatePlan } from '../../workflows/create/plan';
import { inventoryOf, refsOfPlan } from '../../workflows/inventory';
import type { PreflightReport } from '../../workflows/create/preflight';
import { stepsFor } from '../workflow-steps';
import { packLines } from './limits';
import { code, joinMd, mrkdwn, plain, type Mrkdwn } from './mrkdwn';
import { context, ephemeral, header, section, type Block, type Reply } from './reply';

const CHECK_ICON = { ok: ':white_check_mark:', refused: ':no_entry:', unknown: ':grey_question:' } as const;

/** The preflight's checks, each said by src/workflows/create/preflight.ts, in the reader's words. */
function preflightBlock(t: Texts, preflight: PreflightReport | undefined): Block {
  if (!preflight) return context(t.plan.preflightLater());
  const head = preflight.ok ? t.plan.preflightOk() : t.plan.preflightRefused();
  const lines = preflight.checks.map((c) => mrkdwn`${CHECK_ICON[c.status]} ${t.said(c.text)}`);
  return section(joinMd([head, ...lines], '\n'));
}

export function renderDryRun(
  t: Texts,
  plan: CreatePlan,
  estimate: CostEstimate | undefined,
  preflight?: PreflightReport,
): Reply {
  const titles = new Map(stepsFor(t, 'create').map((s) => [s.id, s.title]));
  const groups: Mrkdwn[] = plan.groups.map((group, i) => {
    const title = mrkdwn`*${i + 1}.* ${group.map((s) => titles.get(s.id) ?? s.id).join(' ∥ ')}`;
    const resources = group.flatMap((s) =>
      s.resources.map(
        (r) =>
          mrkdwn`      + ${t.inventory.label({ type: r.type, n: 1 })} ${code(r.name)}${r.detail ? plain(` (${t.said(r.detail)})`) : ''}`,
      ),
    );
    return joinMd([title, ...resources], '\n');
  });
  const inventory = inventoryOf(refsOfPlan(plan.resources));
  const total = t.inventory.total({ n: inventory.total });
  const blocks: Block[] = [
    header(t.plan.title({ env: plan.env })),
    section(t.plan.intro({ region: plan.region, azs: t.fmt.list(plan.azs), multiAz: plan.multiAz })),
  ];
  for (const text of packLines(groups)) blocks.push(section(text));
  const cost = estimate ? t.plan.cost({ rates: t.common.rates(estimate) }) : t.plan.costUnknown();
  blocks.push(section(cost));
  if (estimate) blocks.push(context(plain(t.said(estimate.assumptions))));
  blocks.push(
    context(t.plan.nothingCreated({ total, what: t.inventory.describe(inventory.counts), env: plan.env })),
  );
  blocks.push(preflightBlock(t, preflight));
  const refused =
    preflight && !preflight.ok ? t.plan.wouldBeRefused({ refusal: t.said(preflight.refusal) }) : undefined;
  return ephemeral(
    refused
      ? mrkdwn`${t.plan.summary({ env: plan.env, total, groups: plan.groups.length, cost })} ${refused}`
      : t.plan.summary({ env: plan.env, total, groups: plan.groups.length, cost }),
    blocks,
  );
}

/** `/site create <env> --dry-run`: the plan in parallel groups, with what it would cost. Nothing is created. */
import type { CostEstimate } from '../../cost/estimator';
import type { Texts } from '../../i18n/texts';
import type { CreatePlan } from '../../workflows/create/plan';
import { inventoryOf, refsOfPlan } from '../../workflows/inventory';
import { stepsFor } from '../workflow-steps';
import { packLines } from './limits';
import { code, joinMd, mrkdwn, plain, type Mrkdwn } from './mrkdwn';
import { context, ephemeral, header, section, type Block, type Reply } from './reply';

export function renderDryRun(t: Texts, plan: CreatePlan, estimate: CostEstimate | undefined): Reply {
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
  return ephemeral(t.plan.summary({ env: plan.env, total, groups: plan.groups.length, cost }), blocks);
}
